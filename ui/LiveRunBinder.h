#pragma once

// Puts a live run into the editor's main window through its public API: one SimulationController
// for the current document, the playback bar, the charts, fault panel, event log and topic
// browser docks, message animation on every architecture's canvas, node health and badges, topic
// partition logs, and presenter mode. It follows the window: a new document or new canvases
// rebuild the run; an edit of the scenario restarts it from time 0 (a run always shows the
// scenario as it is drawn).

#include "RunExporter.h"
#include "Sample.h"

#include <QObject>
#include <QPointer>

#include <vector>

class QAction;
class QDockWidget;

namespace postoffice::ui {

class ChartsPanel;
class EventLogPanel;
class FaultPanel;
class MainWindow;
class MessageAnimator;
class PlaybackBar;
class PresenterMode;
class RunArchive;
class SimulationController;
class TopicBrowser;

class LiveRunBinder : public QObject
{
    Q_OBJECT
public:
    explicit LiveRunBinder(MainWindow *window);
    ~LiveRunBinder() override;

    SimulationController *controller() const { return m_controller; }
    MessageAnimator *animator() const { return m_animator; }
    PlaybackBar *playbackBar() const { return m_playback; }
    ChartsPanel *charts() const { return m_charts; }
    FaultPanel *faultPanel() const { return m_faults; }
    EventLogPanel *eventLog() const { return m_eventLog; }
    TopicBrowser *topicBrowser() const { return m_topics; }
    PresenterMode *presenter() const { return m_presenter; }
    RunArchive *archive() const { return m_archive; }
    QAction *exportAction() const { return m_exportAction; }

    // Exports the run so far (paused meanwhile) next to basePath in the chosen formats, with a
    // cancellable progress dialog. On failure the reason names the file: returned in *error, or
    // shown in a message box without `error`. A cancel is not an error: it returns false and
    // leaves *error empty.
    bool exportRun(const QString &basePath, RunExporter::Formats formats, QString *error = nullptr);

    // Pushes the run's state into the canvases, charts and clock now (the controller does this
    // at most SimulationController::updateHz times a second while playing).
    void refreshViews();

    // Share of the window's height the charts get below the canvas, and of the bottom row's
    // width beside the event log: enough for four plots whose ticks read from across a room,
    // with the larger part left to the canvas.
    static constexpr double chartsHeightShare = 0.42;
    static constexpr int chartsWidthParts = 3; // : 1 for the event log

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void sizeDocks();
    void rebind();
    void bindEdges();
    // The run starts over (a new scenario, or a rewind that simulates it again).
    void clearHistory();
    void onSample(qint64 second, const std::vector<app::ArchitectureSample> &samples);
    void addMenu();
    void exportRunDialog();

    QPointer<MainWindow> m_window;
    SimulationController *m_controller = nullptr;
    MessageAnimator *m_animator = nullptr;
    PlaybackBar *m_playback = nullptr;
    ChartsPanel *m_charts = nullptr;
    FaultPanel *m_faults = nullptr;
    EventLogPanel *m_eventLog = nullptr;
    TopicBrowser *m_topics = nullptr;
    PresenterMode *m_presenter = nullptr;
    RunArchive *m_archive = nullptr;
    QAction *m_exportAction = nullptr;
    std::vector<app::OrderSample> m_previous; // per architecture, for per-second deltas
    // Per architecture: scenario node indexes that producers call, i.e. where a customer's order
    // is answered. Their completions per second are the orders accepted per second.
    std::vector<std::vector<int>> m_entryNodes;
    QMetaObject::Connection m_undoConnection;
    QDockWidget *m_chartsDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    bool m_docksSized = false;
};

} // namespace postoffice::ui
