#pragma once

// The words every scenario message is made of: a quoted value cut to a readable length, what was
// found ("the string \"x\"", "an array"), a list of choices and a "did you mean" for a near miss.
// Shared by the readers and the cross-checks so that one value reads the same in every message.

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace postoffice::app {

class ScenarioReaderText
{
public:
    static QString quoted(const QString &text);
    static QString formatNumber(double v);
    // What was found, for "expected X, got Y".
    static QString describe(const QJsonValue &v);
    // "\"a\"", or "one of \"a\", \"b\" or \"c\"".
    static QString oneOf(const QStringList &choices);
    // " (did you mean "x"?)" for a near miss, so a typo is found at a glance; empty otherwise.
    static QString suggestion(const QString &wrong, const QStringList &candidates);
};

} // namespace postoffice::app
