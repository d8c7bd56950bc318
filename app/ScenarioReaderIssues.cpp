#include "ScenarioReaderIssues.h"

#include <algorithm>

namespace postoffice::app {

void ScenarioReaderIssues::error(const QString &path, const QString &message)
{
    m_issues.append({ScenarioIssue::Severity::Error, m_file, path, message, 0, 0});
}

void ScenarioReaderIssues::warning(const QString &path, const QString &message)
{
    m_issues.append({ScenarioIssue::Severity::Warning, m_file, path, message, 0, 0});
}

void ScenarioReaderIssues::fileError(const QString &message, int line, int column)
{
    m_issues.append({ScenarioIssue::Severity::Error, m_file, QString(), message, line, column});
}

bool ScenarioReaderIssues::hasErrors() const
{
    return std::any_of(m_issues.begin(), m_issues.end(), [](const ScenarioIssue &i) { return i.isError(); });
}

} // namespace postoffice::app
