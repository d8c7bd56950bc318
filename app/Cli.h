#pragma once

// The headless command line of DESIGN.md §6: `run`, `validate`, `export` (the GUI commands
// `gui` and `snapshot` are dispatched by main() to the ui library).
//
// Exit codes are a contract for scripts: 0 success, 2 bad input (a message on stderr that names
// the file or argument), 1 anything else. Bad input is found before anything is written, so a
// failed command leaves no half-made output files behind.

#include <QString>
#include <QStringList>

namespace postoffice::app {

class Cli
{
public:
    enum ExitCode { Success = 0, Failure = 1, BadInput = 2 };

    static inline const QString DefaultScenario = QStringLiteral("notification-outage");

    // `arguments` as QCoreApplication::arguments(): the program first, then the command.
    int exec(const QStringList &arguments);

    // Commands that need no GUI (and so run under a QCoreApplication).
    static bool isHeadlessCommand(const QString &command);
    // Whether a GUI could open: an X11 or Wayland display, or a Qt platform that needs none.
    static bool hasDisplay();
    // Scenario arguments are resolved by ScenarioLocator, shared with the GUI.
    static QString usage();

private:
    int run(const QStringList &args);
    int validate(const QStringList &args);
    int exportRun(const QStringList &args);
};

} // namespace postoffice::app
