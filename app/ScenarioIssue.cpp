#include "ScenarioIssue.h"

namespace postoffice::app {

QString ScenarioIssue::toString() const
{
    const QString text = severity == Severity::Warning ? QStringLiteral("warning: ") + message : message;
    if (line > 0)
        return file + u':' + QString::number(line) + u':' + QString::number(column) + QStringLiteral(": ") +
               text;
    if (path.isEmpty())
        return file + QStringLiteral(": ") + text;
    return file + QStringLiteral(": ") + path + QStringLiteral(": ") + text;
}

QStringList ScenarioIssue::toStrings(const QList<ScenarioIssue> &issues)
{
    QStringList lines;
    lines.reserve(issues.size());
    for (const ScenarioIssue &issue : issues)
        lines << issue.toString();
    return lines;
}

} // namespace postoffice::app
