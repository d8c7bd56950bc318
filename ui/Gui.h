#pragma once

// Entry point of the graphical application, called by the executable's main().

#include <QString>

namespace postoffice::ui {

// Creates the QApplication and the main window on a scenario: a file path, the name of a shipped
// scenario ("notification-outage") or empty for the default one. Returns the exit code: the
// event loop's, or 2 if the scenario cannot be opened (the reason is printed on stderr).
int runGui(int &argc, char **argv, const QString &scenarioPathOrName);

// Resolves what runGui accepts into a path QFile can open: empty is the default scenario, anything
// else goes through app::ScenarioLocator (the command line's rules: a file, else a shipped name).
QString resolveScenario(const QString &scenarioPathOrName);

} // namespace postoffice::ui
