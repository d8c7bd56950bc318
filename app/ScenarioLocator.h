#pragma once

// Where a scenario argument points: a file the user named, or one of the shipped scenarios. The
// command line and the GUI take the same arguments, so they resolve them here, in one place.
//
// The shipped scenarios are looked for, in order: installed, in share/postoffice/scenarios beside
// the binary's bin/ folder (so an installed or unpacked copy finds its own files, wherever its
// prefix is); run from a build folder, in the source tree's scenarios/; and otherwise in the copy
// compiled into the binary (":/scenarios"), so a binary moved on its own still starts.

#include <QString>
#include <QStringList>

namespace postoffice::app {

class ScenarioLocator
{
public:
    static inline const QString BuiltInFolder = QStringLiteral(":/scenarios");
    // Relative to the binary's folder, as `cmake --install` lays it out.
    static inline const QString InstalledFolder = QStringLiteral("../share/postoffice/scenarios");
    // What Save As suggests. A desktop names a file's type by its name before its contents, and
    // any *.json is JSON: this double suffix is what the installed MIME type
    // (application/x-postoffice-scenario) claims, so a double-click opens the file in PostOffice.
    static inline const QString SavedSuffix = QStringLiteral(".postoffice.json");

    // An existing file wins; otherwise the shipped scenario of that name ("baseline" or
    // "baseline.json"); otherwise the argument unchanged, for the caller to report.
    static QString resolve(const QString &pathOrName);
    // The first of the places above that holds scenarios.
    static QString shippedFolder();
    // The names of the shipped scenarios, sorted; empty if there are none anywhere.
    static QStringList shippedNames();
    static QString shippedPath(const QString &name);
    // A shipped scenario is a template, never saved over: saving an edit asks for a new file.
    static bool isShipped(const QString &path);
};

} // namespace postoffice::app
