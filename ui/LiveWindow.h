#pragma once

// The main window opened on a scenario with its live run bound to it (LiveRunBinder): what
// `postoffice` shows and what `postoffice snapshot` renders, set up in one place so the two
// cannot drift apart.

#include <QString>

#include <memory>

namespace postoffice::ui {

class LiveRunBinder;
class MainWindow;

class LiveWindow
{
public:
    LiveWindow();
    ~LiveWindow();
    LiveWindow(const LiveWindow &) = delete;
    LiveWindow &operator=(const LiveWindow &) = delete;

    // Opens a scenario (a file, a shipped name, or empty for the default: resolveScenario()) and
    // binds the live run: playback, charts, faults, event log, topic browser, run archive. Opening
    // again replaces the scenario (the run follows it). On failure the window keeps what it had
    // and *error names the file and the problem.
    bool open(const QString &scenarioPathOrName, QString *error);

    MainWindow *window() const { return m_window.get(); }
    LiveRunBinder *binder() const { return m_binder.get(); }

private:
    std::unique_ptr<MainWindow> m_window;
    // Goes before the window, as a local declared after it would: its panels and canvases
    // still exist while it lets go of them.
    std::unique_ptr<LiveRunBinder> m_binder;
};

} // namespace postoffice::ui
