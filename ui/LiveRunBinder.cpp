#include "LiveRunBinder.h"

#include "ChartsPanel.h"
#include "ClockText.h"
#include "CompareDialog.h"
#include "ComparisonRun.h"
#include "EdgeItem.h"
#include "EventLogModel.h"
#include "EventLogPanel.h"
#include "FaultPanel.h"
#include "KafkaClientsBinder.h"
#include "GraphScene.h"
#include "MainWindow.h"
#include "MessageAnimator.h"
#include "MessageLayer.h"
#include "NodeItem.h"
#include "PlaybackBar.h"
#include "PresenterMode.h"
#include "RecordDialog.h"
#include "RunArchive.h"
#include "RunStore.h"
#include "ScenarioDocument.h"
#include "Simulation.h"
#include "SimulationController.h"
#include "TopicBrowser.h"
#include "TopicNodeItem.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QEvent>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QUndoStack>

#include <algorithm>

namespace postoffice::ui {

namespace {

// Samples along an edge's route: enough for curves to look smooth at projector zoom.
constexpr int edgeSamples = 24;

// Layers are tagged so a rebind finds and replaces the ones it put into a scene.
constexpr int layerTagKey = 0x504F;

// Scenario node indexes that the architecture's producers call: where a customer's order is
// answered. Their completions per second are the orders accepted per second.
std::vector<int> entryNodes(const app::Scenario &scenario, const QString &architecture)
{
    std::vector<int> nodes;
    const app::ArchitectureSpec *arch = scenario.architecture(architecture);
    for (const app::EdgeSpec &e : arch ? arch->edges : std::vector<app::EdgeSpec>{}) {
        const app::NodeSpec *from = scenario.node(e.from);
        if (e.kind != app::EdgeKind::Call || !from || from->kind != app::NodeKind::Producer)
            continue;
        for (int n = 0; n < int(scenario.nodes.size()); ++n)
            if (scenario.nodes[size_t(n)].id == e.to)
                nodes.push_back(n);
    }
    return nodes;
}

} // namespace

LiveRunBinder::LiveRunBinder(MainWindow *window) : QObject(window), m_window(window)
{
    m_controller = new SimulationController(this);
    m_animator = new MessageAnimator(this);
    m_controller->setAnimator(m_animator);
    m_archive = new RunArchive(m_controller, this);
    m_comparison = new ComparisonRun(m_controller, this);

    m_playback = new PlaybackBar(window);
    QDockWidget *bar = window->addPanel(m_playback, Qt::TopDockWidgetArea, tr("Playback"));
    bar->setFeatures(QDockWidget::NoDockWidgetFeatures);
    bar->setTitleBarWidget(new QWidget(bar)); // a bar, not a panel: no title to read

    m_charts = new ChartsPanel(window);
    QDockWidget *charts = window->addPanel(m_charts, Qt::BottomDockWidgetArea, tr("Charts"));
    m_eventLog = new EventLogPanel(window);
    QDockWidget *log = window->addPanel(m_eventLog, Qt::BottomDockWidgetArea, tr("Event log"));
    window->splitDockWidget(charts, log, Qt::Horizontal);
    m_chartsDock = charts;
    m_logDock = log;
    sizeDocks();
    // The window gets its real size later (restored geometry, a snapshot's --size, presenter
    // mode): the split is made again when it is first shown.
    window->installEventFilter(this);

    m_faults = new FaultPanel(m_controller, window);
    QDockWidget *faults = window->addPanel(m_faults, Qt::RightDockWidgetArea, tr("Faults"));
    m_topics = new TopicBrowser(m_controller, window);
    QDockWidget *topics = window->addPanel(m_topics, Qt::RightDockWidgetArea, tr("Topic browser"));
    window->tabifyDockWidget(faults, topics);
    faults->raise();

    m_presenter = new PresenterMode(window, m_controller, this);

    connect(m_playback, &PlaybackBar::playRequested, m_controller, &SimulationController::play);
    connect(m_playback, &PlaybackBar::pauseRequested, m_controller, &SimulationController::pause);
    connect(m_playback, &PlaybackBar::stepRequested, m_controller, &SimulationController::step);
    connect(m_playback, &PlaybackBar::runUntilRequested, m_controller, &SimulationController::runUntil);
    connect(m_playback, &PlaybackBar::speedRequested, m_controller, &SimulationController::setSpeed);
    connect(m_controller, &SimulationController::playingChanged, m_playback, &PlaybackBar::setPlaying);
    connect(m_controller, &SimulationController::speedChanged, m_playback, &PlaybackBar::setSpeed);
    connect(m_controller, &SimulationController::updated, this, &LiveRunBinder::refreshViews);
    connect(m_controller, &SimulationController::sampled, this, &LiveRunBinder::onSample);
    connect(m_playback, &PlaybackBar::seekRequested, m_controller, &SimulationController::seek);
    connect(m_controller, &SimulationController::rewound, this, &LiveRunBinder::clearHistory);
    connect(m_comparison, &ComparisonRun::sampled, this,
            [this](qint64 second, const std::vector<app::ArchitectureSample> &samples) {
                // The variant's one architecture is the line after the scenario's own.
                std::vector<app::ArchitectureSample> line = samples;
                for (app::ArchitectureSample &s : line)
                    s.architecture = int(m_controller->architectures().size());
                onSample(second, line);
            });
    connect(m_comparison, &ComparisonRun::restarted, this, [this] {
        const size_t line = size_t(m_controller->architectures().size());
        if (m_previous.size() > line)
            m_previous[line] = app::OrderSample{};
    });
    connect(m_playback, &PlaybackBar::nextEventRequested, this, [this] {
        if (!m_controller->nextEvent(m_playback->eventKinds()) && m_window)
            m_window->statusBar()->showMessage(tr("No further event of the chosen kinds in this run."), 6000);
    });
    connect(m_playback, &PlaybackBar::previousEventRequested, this, [this] {
        if (!m_controller->previousEvent(m_playback->eventKinds()) && m_window)
            m_window->statusBar()->showMessage(tr("No earlier event of the chosen kinds in this run."), 6000);
    });
    connect(m_controller, &SimulationController::eventReached, this, [this](const app::SimEvent &event) {
        if (m_window)
            m_window->statusBar()->showMessage(
                tr("%1  %2").arg(ClockText::format(event.t_s), EventLogModel::sentence(event)), 10000);
    });
    connect(m_controller, &SimulationController::eventOccurred, m_eventLog->model(), &EventLogModel::append);
    connect(m_controller, &SimulationController::finished, this, [this] {
        if (m_window)
            m_window->statusBar()->showMessage(
                tr("Run finished at %1 s of simulated time.").arg(m_controller->now()));
    });
    connect(m_animator, &MessageAnimator::flowRateChanged, this, [this](int arch, int edge, double rate) {
        const QStringList names = m_controller->architectures();
        if (!m_window || arch >= names.size())
            return;
        if (GraphScene *scene = m_window->graphScene(names[arch]))
            if (EdgeItem *item = scene->edgeItem(edge))
                item->setFlowRate(m_animator->isBand(arch, edge) ? rate : 0.0);
    });

    connect(window, &MainWindow::canvasesChanged, this, &LiveRunBinder::rebind);
    connect(window, &MainWindow::documentChanged, this, &LiveRunBinder::rebind);
    addMenu();
    rebind();
}

void LiveRunBinder::sizeDocks()
{
    if (!m_window)
        return;
    m_window->resizeDocks({m_chartsDock, m_logDock}, {chartsWidthParts, 1}, Qt::Horizontal);
    m_window->resizeDocks({m_chartsDock}, {int(m_window->height() * chartsHeightShare)}, Qt::Vertical);
}

bool LiveRunBinder::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Show && !m_docksSized) {
        m_docksSized = true; // once: afterwards the user's splitter drags are theirs
        sizeDocks();
    }
    return QObject::eventFilter(watched, event);
}

LiveRunBinder::~LiveRunBinder()
{
    m_kafkaClients->stop(); // while the simulation its clients talk to still exists
    m_controller->setAnimator(nullptr);
}

void LiveRunBinder::addMenu()
{
    // File ▸ Export run…, just above Quit.
    QMenu *file = m_window->fileMenu();
    const QList<QAction *> fileActions = file->actions();
    QAction *before = fileActions.size() >= 2 ? fileActions[fileActions.size() - 2] : nullptr;
    m_exportAction = new QAction(tr("&Export Run…"), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportAction->setToolTip(tr("Save the run so far as CSV, JSON, an NDJSON event log or a SQLite file"));
    connect(m_exportAction, &QAction::triggered, this, &LiveRunBinder::exportRunDialog);
    file->insertAction(before, m_exportAction);
    m_recordAction = new QAction(tr("&Record…"), this);
    m_recordAction->setToolTip(tr("Film the window over a span of the run as a WebM, MP4 or GIF clip"));
    connect(m_recordAction, &QAction::triggered, this, &LiveRunBinder::recordDialog);
    file->insertAction(before, m_recordAction);

    QMenu *run = m_window->menuBar()->addMenu(tr("&Run"));
    QAction *play = run->addAction(tr("Play / Pause"), m_controller, &SimulationController::togglePlay);
    play->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    QAction *step = run->addAction(tr("Step one second"), m_controller, &SimulationController::step);
    step->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    QAction *restart = run->addAction(tr("Restart run"), this, &LiveRunBinder::rebind);
    restart->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    run->addSeparator();
    QAction *compare =
        run->addAction(tr("Compare with a Changed Parameter…"), this, &LiveRunBinder::compareDialog);
    compare->setToolTip(tr("Run the scenario again with more consumers, other acks, more workers or "
                           "partitions, as one more line on the charts"));
    m_stopCompareAction = run->addAction(tr("Stop Comparing"), this, &LiveRunBinder::stopComparing);
    m_stopCompareAction->setEnabled(m_comparison->isActive());
    run->addSeparator();
    m_kafkaClients = new KafkaClientsBinder(m_window, m_controller, m_eventLog->model(), this);
    m_kafkaClients->addRewindAction(restart);
    m_kafkaClients->addRewindAction(compare);
    run->addAction(m_kafkaClients->action());
    m_topics->setPartitionDecorator([this](int a, const QString &topic, std::vector<app::PartitionState> &parts) {
        m_kafkaClients->addExternalGroups(a, topic, parts);
    });
    connect(m_kafkaClients, &KafkaClientsBinder::viewsStale, this, &LiveRunBinder::refreshViews);
    connect(m_kafkaClients, &KafkaClientsBinder::restartRequested, this, [this] {
        rebind();
        if (m_window)
            m_window->statusBar()->showMessage(tr("The run starts again from 0:00:00 with your edits."), 6000);
    });
    run->addSeparator();
    QAction *presenter = run->addAction(tr("Presenter mode"));
    presenter->setCheckable(true);
    presenter->setShortcut(QKeySequence(Qt::Key_F5));
    connect(presenter, &QAction::toggled, m_presenter, &PresenterMode::setEnabled);
    connect(m_presenter, &PresenterMode::enabledChanged, presenter, &QAction::setChecked);
    // Cards keep a larger minimum text size in presenter mode: fit again so it takes effect.
    connect(m_presenter, &PresenterMode::enabledChanged, m_window, &MainWindow::fitAll, Qt::QueuedConnection);
    QAction *leave = new QAction(tr("Leave presenter mode"), m_window);
    leave->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(leave, &QAction::triggered, m_presenter, [this] { m_presenter->setEnabled(false); });
    m_window->addAction(leave);
}

void LiveRunBinder::exportRunDialog()
{
    if (!m_window)
        return;
    const QString all = tr("All formats: CSV, JSON, NDJSON event log and SQLite (*)");
    const QList<std::pair<QString, RunExporter::Formats>> filters = {
        {all, RunExporter::allFormats},
        {tr("CSV, one row per second and metric (*.csv)"), RunExporter::Csv},
        {tr("JSON: run, scenario, summary, samples, events (*.json)"), RunExporter::Json},
        {tr("Event log as NDJSON for Elasticsearch (*.ndjson)"), RunExporter::Ndjson},
        {tr("SQLite run database (*.sqlite)"), RunExporter::Sqlite}};
    QStringList names;
    for (const auto &f : filters)
        names << f.first;
    const QString scenario =
        m_controller->scenario().name.isEmpty() ? QStringLiteral("run") : m_controller->scenario().name;
    QString chosen = all;
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export Run"), QDir::home().filePath(scenario.toLower().replace(u' ', u'-')),
        names.join(QStringLiteral(";;")), &chosen);
    if (path.isEmpty())
        return;
    for (const auto &f : filters)
        if (f.first == chosen)
            exportRun(path, f.second);
}

bool LiveRunBinder::exportRun(const QString &basePath, RunExporter::Formats formats, QString *error)
{
    const bool wasPlaying = m_controller->isPlaying();
    m_controller->pause(); // the store is read while nothing is written to it
    QString why;
    bool ok = false;
    app::RunStore reader; // a connection of this thread; the archive writes on its own
    if (!m_archive->flush()) {
        why = tr("This run cannot be exported: %1").arg(m_archive->errorString());
    } else if (!reader.open(m_archive->databasePath(), app::RunStore::Mode::ReadOnly)) {
        why = tr("This run cannot be exported: %1").arg(reader.errorString());
    } else {
        RunExporter exporter(reader, m_archive->runId());
        QProgressDialog progress(tr("Exporting the run…"), tr("Cancel"), 0, RunExporter::progressMaximum,
                                 m_window);
        progress.setWindowTitle(tr("Export Run"));
        progress.setWindowModality(Qt::WindowModal);
        progress.setMinimumDuration(500); // short exports finish without a flashing dialog
        connect(&exporter, &RunExporter::progress, &progress, [&progress](int value, const QString &label) {
            progress.setLabelText(label);
            progress.setValue(value); // processes events: a click on Cancel lands here
        });
        connect(&progress, &QProgressDialog::canceled, &exporter, &RunExporter::cancel);
        ok = exporter.exportTo(basePath, formats);
        progress.reset();
        if (!ok && !exporter.wasCancelled())
            why = exporter.errorString();
        if (m_window) {
            QStringList files;
            for (const QString &f : exporter.writtenFiles())
                files << QDir::toNativeSeparators(f);
            m_window->statusBar()->showMessage(
                ok ? tr("Exported the run to %1").arg(files.join(QStringLiteral(", ")))
                : exporter.wasCancelled()
                    ? tr("Export cancelled; complete files: %1")
                          .arg(files.isEmpty() ? tr("none") : files.join(QStringLiteral(", ")))
                    : tr("Export failed: %1").arg(why),
                8000);
        }
    }
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        else if (m_window)
            QMessageBox::warning(m_window, tr("Cannot export the run"), why);
    }
    if (wasPlaying)
        m_controller->play();
    return ok;
}

void LiveRunBinder::rebind()
{
    if (!m_window || !m_window->currentDocument())
        return;
    ScenarioDocument *doc = m_window->currentDocument();
    // Another scenario or other canvases: clients served by the old run are disconnected.
    if (m_kafkaClients && m_kafkaClients->isServing()) {
        m_kafkaClients->setRestartPending(false);
        m_kafkaClients->stop();
    }
    // Any edit restarts the run on the edited scenario.
    disconnect(m_undoConnection);
    m_undoConnection = connect(doc->undoStack(), &QUndoStack::indexChanged, this, [this] {
        if (m_kafkaClients && m_kafkaClients->isServing()) {
            // Real clients' records cannot be simulated again: the run goes on (see KafkaClientsBinder).
            m_kafkaClients->setRestartPending(true);
            if (m_window)
                m_window->statusBar()->showMessage(
                    tr("Scenario changed: the run keeps the scenario it started with while it accepts Kafka "
                       "clients, and starts again with your edits when it stops accepting them."),
                    8000);
            return;
        }
        rebind();
        if (m_window)
            m_window->statusBar()->showMessage(tr("Scenario changed: the run starts again from 0:00:00."),
                                               4000);
    });

    m_animator->removeLayers();
    if (!m_controller->setScenario(doc->scenario()) && m_window)
        m_window->statusBar()->showMessage(
            tr("Cannot run this scenario: %1").arg(m_controller->errorString()));
    const QStringList names = m_controller->architectures();
    // A comparison follows the edited scenario when its parameter is still there.
    if (const std::optional<app::ScenarioVariant> variant = m_comparison->variant()) {
        QString why;
        if (!m_comparison->start(*variant, &why)) {
            m_comparison->stop();
            if (m_window)
                m_window->statusBar()->showMessage(tr("The comparison stopped: %1").arg(why), 6000);
        }
    }
    m_eventLog->model()->setArchitectures(names);
    setChartLines();
    m_playback->setScenario(m_controller->scenario(), m_controller->duration());
    m_playback->setPlaying(false);
    m_playback->setSpeed(m_controller->speed());

    for (int i = 0; i < names.size(); ++i) {
        GraphScene *scene = m_window->graphScene(names[i]);
        if (!scene)
            continue;
        for (QGraphicsItem *item : scene->items())
            if (item->data(layerTagKey).toBool())
                delete item;
        scene->clearLiveState();
        auto *layer = new MessageLayer;
        layer->setData(layerTagKey, true);
        scene->addItem(layer);
        m_animator->setLayer(i, layer);
    }
    bindEdges();
    refreshViews();
}

void LiveRunBinder::clearHistory()
{
    m_previous.assign(size_t(m_charts->architectures().size()), app::OrderSample{});
    m_charts->clear();
    m_eventLog->model()->clear();
}

void LiveRunBinder::setChartLines()
{
    QStringList lines = m_controller->architectures();
    m_entryNodes.clear();
    for (const QString &name : lines)
        m_entryNodes.push_back(entryNodes(m_controller->scenario(), name));
    if (const app::Scenario *variant = m_comparison->scenario()) {
        lines << m_comparison->variant()->label();
        m_entryNodes.push_back(entryNodes(*variant, m_comparison->variant()->architecture));
    }
    m_charts->setArchitectures(lines, m_comparison->isActive() ? 1 : 0);
    if (m_stopCompareAction)
        m_stopCompareAction->setEnabled(m_comparison->isActive());
    clearHistory();
}

bool LiveRunBinder::compareWith(const app::ScenarioVariant &variant, QString *error)
{
    if (!m_comparison->start(variant, error))
        return false;
    setChartLines();
    m_controller->replayTo(m_controller->now());
    return true;
}

void LiveRunBinder::stopComparing()
{
    if (!m_comparison->isActive())
        return;
    m_comparison->stop();
    setChartLines();
    m_controller->replayTo(m_controller->now());
}

void LiveRunBinder::recordDialog()
{
    if (!m_window)
        return;
    const QString scenario =
        m_controller->scenario().name.isEmpty() ? QStringLiteral("run") : m_controller->scenario().name;
    RecordDialog dialog(
        QDir::home().filePath(scenario.toLower().replace(u' ', u'-') + QStringLiteral(".webm")),
        m_controller->now(), m_controller->duration(), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    recordClip(dialog.options());
}

bool LiveRunBinder::recordClip(const ClipRecorder::Options &options, QString *error)
{
    ClipRecorder recorder(m_window, this);
    QProgressDialog progress(tr("Recording %1…").arg(QDir::toNativeSeparators(options.path)), tr("Cancel"), 0,
                             ClipRecorder::frameCount(options), m_window);
    progress.setWindowTitle(tr("Record a Clip"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    connect(&recorder, &ClipRecorder::progress, &progress,
            [&progress](int frame) { progress.setValue(frame); });
    connect(&progress, &QProgressDialog::canceled, &recorder, &ClipRecorder::cancel);
    const bool ok = recorder.record(options);
    progress.reset();
    if (m_window)
        m_window->statusBar()->showMessage(ok ? tr("Recorded %1 (%2 frames, %3×%4)")
                                                    .arg(QDir::toNativeSeparators(options.path))
                                                    .arg(ClipRecorder::frameCount(options))
                                                    .arg(recorder.frameSize().width())
                                                    .arg(recorder.frameSize().height())
                                           : recorder.wasCancelled()
                                               ? tr("Recording cancelled; nothing was written.")
                                               : tr("Recording failed: %1").arg(recorder.errorString()),
                                           8000);
    if (!ok && !recorder.wasCancelled()) {
        if (error)
            *error = recorder.errorString();
        else if (m_window)
            QMessageBox::warning(m_window, tr("Cannot record the clip"), recorder.errorString());
    }
    return ok;
}

void LiveRunBinder::compareDialog()
{
    if (!m_window)
        return;
    CompareDialog dialog(m_controller->scenario(), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString why;
    if (!compareWith(dialog.variant(), &why))
        QMessageBox::warning(m_window, tr("Cannot compare"), why);
}

void LiveRunBinder::bindEdges()
{
    const QStringList names = m_controller->architectures();
    for (int i = 0; i < names.size(); ++i) {
        MessageLayer *layer = m_animator->layer(i);
        GraphScene *scene = m_window ? m_window->graphScene(names[i]) : nullptr;
        if (!layer || !scene)
            continue;
        for (EdgeItem *edge : scene->edgeItems()) {
            QPolygonF route;
            for (int k = 0; k <= edgeSamples; ++k)
                route << edge->pointAt(qreal(k) / edgeSamples);
            layer->setEdgePath(edge->index(), route);
        }
    }
}

void LiveRunBinder::refreshViews()
{
    const app::Simulation *sim = m_controller->simulation();
    if (!m_window || !sim)
        return;
    const double now = m_controller->now();
    m_playback->setClock(now);
    m_charts->setClock(now);
    const QStringList names = m_controller->architectures();
    bindEdges(); // nodes may have been dragged; routes are cheap to resample
    for (int i = 0; i < names.size(); ++i) {
        GraphScene *scene = m_window->graphScene(names[i]);
        if (!scene)
            continue;
        for (NodeItem *item : scene->nodeItems()) {
            if (auto *topic = dynamic_cast<TopicNodeItem *>(item)) {
                std::vector<app::PartitionState> partitions = sim->topicState(i, item->nodeId());
                // Real Kafka clients' groups get lanes of their own.
                if (m_kafkaClients)
                    m_kafkaClients->addExternalGroups(i, item->nodeId(), partitions);
                topic->setPartitions(partitions);
            }
            else if (item->kind() != app::NodeKind::Topic)
                item->setLiveState(sim->nodeState(i, item->nodeId()));
        }
    }
}

void LiveRunBinder::onSample(qint64 second, const std::vector<app::ArchitectureSample> &samples)
{
    const double t = double(second);
    for (const app::ArchitectureSample &s : samples) {
        const int a = s.architecture;
        if (a < 0 || a >= int(m_previous.size()))
            continue;
        app::OrderSample &prev = m_previous[size_t(a)];
        const double completed = double(s.orders.completed - prev.completed);
        double accepted = 0;
        for (const app::NodeSample &n : s.nodes)
            if (std::find(m_entryNodes[size_t(a)].begin(), m_entryNodes[size_t(a)].end(), n.node) !=
                m_entryNodes[size_t(a)].end())
                accepted += n.completions;
        // Tight: accepted = completed (the answer waits for everything). Decoupled: the answer
        // comes once the order is published; completion follows when every consumer is done.
        m_charts->append(ChartsPanel::Throughput, a, t, accepted);
        m_charts->append(ChartsPanel::Throughput, a, t, completed, 1);
        m_charts->append(ChartsPanel::Failures, a, t, double(s.orders.failed - prev.failed));
        // What the customer waits for (placed → answered, an error included) beside when every
        // effect of the order is done. A second without answers or completions has no such
        // latency (its histogram is empty, the engine reports 0): a gap is honest, a zero not.
        if (s.orders.response_p95_ms > 0.f)
            m_charts->append(ChartsPanel::LatencyP95, a, t, s.orders.response_p95_ms, 0);
        if (completed > 0)
            m_charts->append(ChartsPanel::LatencyP95, a, t, s.orders.e2e_p95_ms, 1);
        qint64 lag = 0;
        for (const app::GroupSample &g : s.groups)
            lag += g.lag;
        m_charts->append(ChartsPanel::Lag, a, t, double(lag));
        prev = s.orders;
    }
}

} // namespace postoffice::ui
