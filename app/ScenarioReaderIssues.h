#pragma once

// The problems found in one scenario file, in the order found. Every reader and check of the
// loader appends here rather than stopping, so that a hand-edited file can be fixed in one pass;
// the file name is stamped on each issue once, here, so no reader has to carry it.

#include "ScenarioIssue.h"

#include <QList>
#include <QString>

namespace postoffice::app {

class ScenarioReaderIssues
{
public:
    explicit ScenarioReaderIssues(QString file) : m_file(std::move(file)) {}

    void error(const QString &path, const QString &message);
    void warning(const QString &path, const QString &message);
    // A problem of the file as a whole (unreadable, not JSON): a line and column, no JSON path.
    void fileError(const QString &message, int line = 0, int column = 0);

    const QList<ScenarioIssue> &issues() const { return m_issues; }
    bool hasErrors() const;

private:
    QString m_file;
    QList<ScenarioIssue> m_issues;
};

} // namespace postoffice::app
