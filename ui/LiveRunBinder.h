#pragma once

// Puts a live run into the editor's main window through its public API: one SimulationController
// for the current document, the playback bar, the charts, fault panel, event log and topic
// browser docks, message animation on every architecture's canvas, node health and badges, topic
// partition logs, and presenter mode. It follows the window: a new document or new canvases
// rebuild the run; an edit of the scenario restarts it from time 0 (a run always shows the
// scenario as it is drawn).

#include "ClipRecorder.h"
#include "RunExporter.h"
#include "Sample.h"
#include "ScenarioVariant.h"

#include <QObject>
#include <QPointer>

#include <vector>

class QAction;
class QDockWidget;

namespace postoffice::ui {

class ChartsPanel;
class ComparisonRun;
class EventLogPanel;
class FaultPanel;
class KafkaClientsBinder;
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
    ComparisonRun *comparison() const { return m_comparison; }
    // Run ▸ Accept Kafka Clients: real clients on the run's simulated brokers.
    KafkaClientsBinder *kafkaClients() const { return m_kafkaClients; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *recordAction() const { return m_recordAction; }

    // Exports the run so far (paused meanwhile) next to basePath in the chosen formats, with a
    // cancellable progress dialog. On failure the reason names the file: returned in *error, or
    // shown in a message box without `error`. A cancel is not an error: it returns false and
    // leaves *error empty.
    bool exportRun(const QString &basePath, RunExporter::Formats formats, QString *error = nullptr);

    // Runs `variant` beside the live run as one more line on the charts (the run so far is
    // simulated again so that both lines start at 0:00:00). False, with *error saying why, when
    // the variant does not fit the scenario.
    bool compareWith(const app::ScenarioVariant &variant, QString *error = nullptr);
    void stopComparing();

    // Records a clip of the window (ClipRecorder) with a cancellable progress dialog; the run is
    // left paused at the clip's end. On failure *error names the file and the problem (a cancel
    // leaves it empty).
    bool recordClip(const ClipRecorder::Options &options, QString *error = nullptr);

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
    // The chart lines: the scenario's architectures, then the compared variant if any.
    void setChartLines();
    void compareDialog();
    void recordDialog();
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
    ComparisonRun *m_comparison = nullptr;
    KafkaClientsBinder *m_kafkaClients = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_stopCompareAction = nullptr;
    QAction *m_recordAction = nullptr;
    // Per chart line (the architectures, then a compared variant): the previous second's order
    // counts, for per-second deltas, and the scenario node indexes that producers call (where a
    // customer's order is answered: their completions per second are the orders accepted).
    std::vector<app::OrderSample> m_previous;
    std::vector<std::vector<int>> m_entryNodes;
    QMetaObject::Connection m_undoConnection;
    QDockWidget *m_chartsDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    bool m_docksSized = false;
};

} // namespace postoffice::ui
