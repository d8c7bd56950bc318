#pragma once

// Where a scenario argument points: a file the user named, or one of the scenarios shipped inside
// the binary (":/scenarios/NAME.json"). The command line and the GUI take the same arguments, so
// they resolve them here, in one place.

#include <QString>
#include <QStringList>

namespace postoffice::app {

class ScenarioLocator
{
public:
    static inline const QString ShippedFolder = QStringLiteral(":/scenarios");

    // An existing file wins; otherwise the shipped scenario of that name ("baseline" or
    // "baseline.json"); otherwise the argument unchanged, for the caller to report.
    static QString resolve(const QString &pathOrName);
    // The names of the scenarios compiled into the binary, sorted; empty if none are linked in.
    static QStringList shippedNames();
    static QString shippedPath(const QString &name);
};

} // namespace postoffice::app
