#pragma once

// One problem found in a scenario file. Errors make the file unusable; warnings (unknown keys)
// leave it usable. Every issue names the file and where in it the problem is, so that a trainer
// who edited a scenario by hand can go straight to the mistake.

#include <QList>
#include <QString>
#include <QStringList>

namespace postoffice::app {

struct ScenarioIssue
{
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    QString file;    // as the caller named it (a path or a bare file name)
    QString path;    // JSON path such as $.nodes[3].workers; empty for file-level problems
    QString message; // what was expected and what was found
    int line = 0;    // 1-based; only for syntax errors, where no JSON path exists yet
    int column = 0;

    bool isError() const { return severity == Severity::Error; }

    // "file: $.path: message", "file: $.path: warning: message" or "file:line:column: message".
    QString toString() const;

    static QStringList toStrings(const QList<ScenarioIssue> &issues);
};

} // namespace postoffice::app
