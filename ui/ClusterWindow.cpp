#include "ClusterWindow.h"

#include "ClusterChart.h"
#include "ClusterScene.h"
#include "ConnectClusterDialog.h"
#include "InkContrast.h"
#include "RunExporter.h"
#include "ScenarioWriter.h"
#include "Theme.h"

#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QGraphicsView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>

namespace postoffice::ui {

namespace {

QString seconds(int ms)
{
    return ms % 1000 == 0 ? QString::number(ms / 1000) : QString::number(ms / 1000.0, 'g', 3);
}

std::optional<app::NodeHealth> eventTone(app::ClusterEvent::Kind kind)
{
    using K = app::ClusterEvent::Kind;
    switch (kind) {
    case K::BrokerLost:
    case K::IsrShrink:
    case K::TopicDeleted:
    case K::GroupVanished:
        return app::NodeHealth::Down;
    case K::BrokerBack:
    case K::IsrExpand:
        return app::NodeHealth::Ok;
    case K::LeaderChange:
    case K::Rebalance:
    case K::GroupEmptied:
    case K::GroupStatusChange:
        return app::NodeHealth::Failing;
    case K::GroupAppeared:
    case K::TopicCreated:
        break;
    }
    return std::nullopt;
}

QString kindWords(app::ClusterEvent::Kind kind)
{
    QString name = app::ClusterEvent::kindName(kind);
    name.replace(u'_', u' ');
    return name;
}

} // namespace

ClusterWindow::ClusterWindow(const app::WatchConfig &config, QWidget *parent)
    : QMainWindow(parent, Qt::Window), m_config(config)
{
    setAttribute(Qt::WA_DeleteOnClose);
    // A window of its own, yet presenter mode's larger font (set on the simulator's window, its
    // parent) must reach it as it reaches the simulator's panels.
    setAttribute(Qt::WA_WindowPropagation);
    setWindowTitle(tr("Cluster — %1").arg(config.bootstrap));
    // No parent: the window must never wait on the watcher's thread (see stop()).
    m_watcher = new app::ClusterWatcher;
    connect(m_watcher, &app::ClusterWatcher::observed, this, &ClusterWindow::onObserved);
    connect(m_watcher, &app::ClusterWatcher::eventDetected, this, &ClusterWindow::onEvent);
    connect(m_watcher, &app::ClusterWatcher::problem, this, &ClusterWindow::onProblem);
    connect(m_watcher, &app::ClusterWatcher::recovered, this, &ClusterWindow::onRecovered);

    m_scene = new ClusterScene(this);
    m_view = new QGraphicsView(m_scene);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setDragMode(QGraphicsView::ScrollHandDrag);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->viewport()->installEventFilter(this);
    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("problemBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setText(tr("Connecting to %1…").arg(config.bootstrap));
    m_banner->setStyleSheet(QStringLiteral(
        "QLabel { background: #2f6fde; color: white; font-weight: bold; padding: 8px 12px; }"));
    auto *canvas = new QWidget;
    auto *canvasLayout = new QVBoxLayout(canvas);
    canvasLayout->setContentsMargins(0, 0, 0, 0);
    canvasLayout->setSpacing(0);
    canvasLayout->addWidget(m_banner);
    canvasLayout->addWidget(m_view, 1);

    // Events are sentences: the log wraps them rather than hide their end, oldest first as logs
    // read, and follows the newest unless the user scrolled back.
    m_events = new QPlainTextEdit;
    m_events->setObjectName(QStringLiteral("clusterEventLog"));
    m_events->setReadOnly(true);
    m_events->setMaximumBlockCount(maxLogLines);
    m_events->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    auto *log = new QWidget;
    auto *logLayout = new QVBoxLayout(log);
    logLayout->setContentsMargins(6, 6, 0, 0);
    auto *logTitle = new QLabel(tr("<b>Event log</b>"));
    logLayout->addWidget(logTitle);
    logLayout->addWidget(m_events, 1);

    // Short titles: a chart is a third of a 1280 px projector wide, in presenter mode's font too.
    m_rates = new ClusterChart(tr("Records/s in (solid), read (dashed)"), tr("records/s"));
    m_lag = new ClusterChart(tr("Lag (records)"), tr("records"));
    m_lagSeconds = new ClusterChart(tr("Lag (seconds, estimated)"), tr("seconds"));
    auto *charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(m_rates);
    charts->addWidget(m_lag);
    charts->addWidget(m_lagSeconds);
    charts->setChildrenCollapsible(false);

    auto *top = new QSplitter(Qt::Horizontal);
    top->addWidget(canvas);
    top->addWidget(log);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 1);
    top->setSizes({1080, 360});
    auto *main = new QSplitter(Qt::Vertical);
    main->addWidget(top);
    main->addWidget(charts);
    main->setStretchFactor(0, 2);
    main->setStretchFactor(1, 1);
    main->setSizes({640, 240});
    setCentralWidget(main);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("clusterStatus"));
    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("clusterNote"));
    m_note->setMaximumWidth(520);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_note);
    showStatus(tr("Connecting to %1…").arg(config.bootstrap), false);

    QMenu *cluster = menuBar()->addMenu(tr("&Cluster"));
    QAction *save = cluster->addAction(tr("Save as &Scenario…"), this, &ClusterWindow::saveScenarioDialog);
    save->setShortcut(QKeySequence::SaveAs);
    save->setToolTip(tr("Write what was observed as a what-if scenario to replay in the simulator"));
    QAction *exportAction = cluster->addAction(tr("&Export Watch…"), this, &ClusterWindow::exportWatchDialog);
    exportAction->setToolTip(tr("Write what was watched as CSV, JSON, NDJSON and SQLite"));
    cluster->addSeparator();
    QAction *close = cluster->addAction(tr("&Close"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *fitAction = viewMenu->addAction(tr("&Fit to Window"), this, [this] {
        m_autoFit = true;
        fit();
    });
    viewMenu
        ->addAction(tr("Zoom &In"), this,
                    [this] {
                        m_autoFit = false;
                        m_view->scale(1.2, 1.2);
                    })
        ->setShortcut(QKeySequence::ZoomIn);
    viewMenu
        ->addAction(tr("Zoom &Out"), this,
                    [this] {
                        m_autoFit = false;
                        m_view->scale(1 / 1.2, 1 / 1.2);
                    })
        ->setShortcut(QKeySequence::ZoomOut);
    QToolBar *bar = addToolBar(tr("Cluster"));
    bar->setObjectName(QStringLiteral("clusterToolBar"));
    bar->setMovable(false);
    bar->addAction(save);
    bar->addAction(exportAction);
    bar->addAction(fitAction);
    resize(1440, 900);
    applyTheme();
}

void ClusterWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    // Also sent while the constructor sets the window up: the end of it applies the theme then.
    if (event->type() == QEvent::PaletteChange && m_note)
        applyTheme();
    if (event->type() == QEvent::FontChange && m_note) {
        elideNote(); // presenter mode's font would push its end out of the status bar
        if (m_autoFit)
            fit();
    }
}

bool ClusterWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (m_view && watched == m_view->viewport() && event->type() == QEvent::Resize && m_autoFit)
        fit();
    return QMainWindow::eventFilter(watched, event);
}

void ClusterWindow::applyTheme()
{
    m_scene->applyTheme();
    showStatus(m_status->text(), m_statusIsProblem);
    // The note warns: the failing colour, as dark or light as the status bar needs to read it.
    QPalette note;
    note.setColor(QPalette::WindowText, InkContrast::readable(Theme::healthColor(app::NodeHealth::Failing),
                                                              palette().color(QPalette::Window)));
    m_note->setPalette(note);
    // The log's rows were written in the old palette's colours: written again in the new one.
    QString html;
    for (const LogEntry &entry : std::as_const(m_logEntries))
        html += QStringLiteral("<p>") + logRowHtml(entry) + QStringLiteral("</p>");
    m_events->clear();
    if (!m_logEntries.isEmpty())
        m_events->appendHtml(html);
    m_events->verticalScrollBar()->setValue(m_events->verticalScrollBar()->maximum());
}

void ClusterWindow::elideNote()
{
    if (m_note->toolTip().isEmpty())
        return;
    m_note->setText(m_note->fontMetrics().elidedText(QStringLiteral("Note: ") + m_note->toolTip(),
                                                     Qt::ElideRight, m_note->maximumWidth()));
}

void ClusterWindow::showStatus(const QString &text, bool problem)
{
    m_statusIsProblem = problem;
    QPalette ink; // nothing set: the window's palette
    QFont font;   // likewise: presenter mode's size still reaches it
    if (problem) {
        ink.setColor(QPalette::WindowText, InkContrast::readable(Theme::healthColor(app::NodeHealth::Down),
                                                                 palette().color(QPalette::Window)));
        font.setBold(true);
    }
    m_status->setPalette(ink);
    m_status->setFont(problem ? font : QFont());
    m_status->setText(text);
}

ClusterWindow::~ClusterWindow()
{
    m_view->viewport()->removeEventFilter(this);
    stop();
}

void ClusterWindow::openStore()
{
    if (m_store || !m_storeDir.isValid())
        return;
    m_store = std::make_unique<app::RunStore>();
    if (!m_store->open(m_storeDir.filePath(QStringLiteral("watch.sqlite")))) {
        storeFailed();
        return;
    }
    m_recorder = std::make_unique<app::WatchRecorder>(*m_store);
    m_runId = m_recorder->begin(m_config, 0.0);
    m_storeOk = m_runId.has_value();
    if (!m_storeOk)
        storeFailed();
}

void ClusterWindow::storeFailed()
{
    // The watch goes on: only keeping it for export stopped.
    m_storeOk = false;
    addLogRow(
        QDateTime::currentDateTimeUtc(), tr("problem"),
        tr("the watch is no longer kept for export: %1").arg(m_store ? m_store->errorString() : QString()),
        app::NodeHealth::Down);
}

QString ClusterWindow::databasePath() const
{
    return m_storeDir.filePath(QStringLiteral("watch.sqlite"));
}

app::WatchConfig ClusterWindow::rememberedConfig()
{
    QSettings settings;
    app::WatchConfig last;
    last.bootstrap =
        settings.value(QStringLiteral("cluster/bootstrap"), QStringLiteral("localhost:9092")).toString();
    last.intervalMs = settings.value(QStringLiteral("cluster/intervalMs"), 1000).toInt();
    last.extraGroups = settings.value(QStringLiteral("cluster/groups")).toStringList();
    for (const QString &line : settings.value(QStringLiteral("cluster/properties")).toStringList()) {
        const qsizetype eq = line.indexOf(u'=');
        if (eq > 0)
            last.properties.emplace_back(line.left(eq), line.mid(eq + 1));
    }
    return last;
}

void ClusterWindow::remember(const app::WatchConfig &config)
{
    QSettings settings;
    settings.setValue(QStringLiteral("cluster/bootstrap"), config.bootstrap);
    settings.setValue(QStringLiteral("cluster/intervalMs"), config.intervalMs);
    settings.setValue(QStringLiteral("cluster/groups"), config.extraGroups);
    QStringList kept;
    for (const auto &[key, value] : config.properties)
        if (!app::WatchConfig::isSecret(key))
            kept << key + u'=' + value;
    settings.setValue(QStringLiteral("cluster/properties"), kept);
}

ClusterWindow *ClusterWindow::connectDialog(QWidget *parent)
{
    ConnectClusterDialog dialog(parent);
    dialog.setConfig(rememberedConfig());
    if (dialog.exec() != QDialog::Accepted)
        return nullptr;
    const app::WatchConfig config = dialog.config();
    remember(config);
    auto *window = new ClusterWindow(config, parent);
    window->show();
    window->start();
    return window;
}

void ClusterWindow::start()
{
    openStore();
    m_watcher->start(m_config);
}

void ClusterWindow::stop()
{
    if (!m_watcher)
        return;
    // The worker ends the librdkafka call it is in and destroys its handles, which librdkafka
    // 2.0.2 now and then takes long over (or deadlocks in). The window does not wait for it: the
    // watcher, cut off from the window, deletes itself once its thread has ended.
    app::ClusterWatcher *watcher = m_watcher;
    m_watcher = nullptr;
    if (m_storeOk && !m_recorder->finish(m_observations > 0))
        storeFailed();
    m_storeOk = false;
    disconnect(watcher, nullptr, this, nullptr);
    connect(watcher, &app::ClusterWatcher::stopped, watcher, &QObject::deleteLater);
    // Quitting gives a watcher still on its way out a bounded time to end cleanly, so that
    // librdkafka's threads are not cut off mid-destroy by the process' exit.
    connect(qApp, &QCoreApplication::aboutToQuit, watcher, [watcher] { watcher->waitForStopped(5000); });
    watcher->stop();
    if (!watcher->isRunning())
        watcher->deleteLater();
}

void ClusterWindow::closeEvent(QCloseEvent *event)
{
    stop();
    event->accept();
}

void ClusterWindow::fit()
{
    if (m_scene->sceneRect().isEmpty())
        return;
    m_view->fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
    // Never blow a small cluster up past its designed size, text would look shouted; but in
    // presenter mode (the window's font larger than the application's) as far as the font grew.
    const qreal grown =
        QApplication::font().pointSizeF() > 0 ? font().pointSizeF() / QApplication::font().pointSizeF() : 1.0;
    const qreal most = std::max(1.0, grown);
    if (m_view->transform().m11() > most)
        m_view->setTransform(QTransform::fromScale(most, most));
}

void ClusterWindow::onObserved(const app::ClusterObservationPtr &observation)
{
    const app::ClusterObservation &o = *observation;
    ++m_observations;
    m_whatIf.add(o);
    if (m_storeOk && !m_recorder->record(o))
        storeFailed();
    m_scene->showObservation(o);
    if (m_autoFit)
        fit();
    updateCharts(o);
    // A problem said just before a poll that reached the cluster is a partial one: a note.
    if (m_problemSincePoll && !m_banner->isHidden()) {
        // Notes can be long (librdkafka's own words): elided here, whole in the tooltip and log.
        m_note->setToolTip(m_banner->text());
        elideNote();
        m_banner->hide();
    } else if (m_observations == 1) {
        m_banner->hide();
    }
    m_problemSincePoll = false;
    int partitions = 0;
    for (const auto &t : o.topics)
        partitions += int(t.partitions.size());
    showStatus(tr("Watching %1 every %2 s · poll %3 at %4 · %5 of %6 brokers up · %7 topics, %8 "
                  "partitions · %9 groups")
                   .arg(m_config.bootstrap, seconds(m_config.intervalMs))
                   .arg(o.sequence)
                   .arg(o.at.toLocalTime().toString(QStringLiteral("HH:mm:ss")))
                   .arg(o.brokersUp())
                   .arg(o.brokers.size())
                   .arg(o.topics.size())
                   .arg(partitions)
                   .arg(o.groups.size()),
               false);
}

void ClusterWindow::updateCharts(const app::ClusterObservation &o)
{
    const double t = o.elapsedMs / 1000.0;
    // Egress per topic: records its groups committed past since the previous poll.
    QHash<QString, qint64> committed;
    QHash<QString, double> egress;
    const double dt = m_previousMs >= 0 ? (o.elapsedMs - m_previousMs) / 1000.0 : 0.0;
    for (const auto &g : o.groups)
        for (const auto &p : g.partitions) {
            if (p.committed < 0)
                continue;
            const QString key = QStringLiteral("%1\n%2\n%3").arg(g.id, p.topic).arg(p.partition);
            committed.insert(key, p.committed);
            if (dt > 0 && m_previousCommitted.contains(key))
                egress[p.topic] +=
                    double(std::max<qint64>(0, p.committed - m_previousCommitted.value(key))) / dt;
            else if (dt > 0)
                egress[p.topic] += 0.0;
        }
    m_previousCommitted = committed;
    m_previousMs = o.elapsedMs;
    for (size_t i = 0; i < o.topics.size(); ++i) {
        const auto &topic = o.topics[i];
        const QColor colour = Theme::eventTypeColor(topic.name);
        m_rates->append(topic.name + tr(" in"), topic.name, colour, Qt::SolidLine, t, topic.ingressPerS);
        if (egress.contains(topic.name))
            m_rates->append(topic.name + tr(" out"), QString(), colour, Qt::DashLine, t,
                            egress.value(topic.name));
    }
    for (const auto &g : o.groups) {
        const QColor colour = Theme::groupColor(m_scene->groupColorIndex(g.id));
        m_lag->append(g.id, g.id, colour, Qt::SolidLine, t, double(g.lag));
        m_lagSeconds->append(g.id, g.id, colour, Qt::SolidLine, t, g.lagSeconds);
    }
    m_rates->refresh();
    m_lag->refresh();
    m_lagSeconds->refresh();
}

QString ClusterWindow::logRowHtml(const LogEntry &entry) const
{
    // Read on the log's own background in the current palette: the dark theme's red and green are
    // lightened until they do (InkContrast).
    // The window's palette, not the log's: on a theme switch the window hears of it first.
    const QColor paper = palette().color(QPalette::Base);
    const QColor ink = entry.tone ? Theme::healthColor(*entry.tone) : palette().color(QPalette::Text);
    return QStringLiteral("<span style=\"color:%1\">%2</span> <b style=\"color:%3\">%4</b> — %5")
        .arg(InkContrast::readable(Theme::mutedText(), paper).name(),
             entry.at.toLocalTime().toString(QStringLiteral("HH:mm:ss")),
             InkContrast::readable(ink, paper).name(), entry.kind.toHtmlEscaped(),
             entry.text.toHtmlEscaped());
}

void ClusterWindow::addLogRow(const QDateTime &at, const QString &kind, const QString &text,
                              std::optional<app::NodeHealth> tone)
{
    m_logEntries.append({kind, text, at, tone});
    if (m_logEntries.size() > maxLogLines)
        m_logEntries.removeFirst();
    QScrollBar *bar = m_events->verticalScrollBar();
    const bool following = bar->value() == bar->maximum();
    m_events->appendHtml(logRowHtml(m_logEntries.last()));
    if (following)
        bar->setValue(bar->maximum());
}

void ClusterWindow::onEvent(const app::ClusterEvent &event)
{
    if (m_storeOk && !m_recorder->recordEvent(event))
        storeFailed();
    addLogRow(event.at, kindWords(event.kind), event.text, eventTone(event.kind));
}

void ClusterWindow::onProblem(const QString &message)
{
    m_problemSincePoll = true;
    m_banner->setStyleSheet(QStringLiteral(
        "QLabel { background: #9E1B1B; color: white; font-weight: bold; padding: 8px 12px; }"));
    m_banner->setText(message);
    m_banner->show();
    showStatus(message, true);
    addLogRow(QDateTime::currentDateTimeUtc(), tr("problem"), message, app::NodeHealth::Down);
}

void ClusterWindow::onRecovered(const QString &message)
{
    m_banner->hide();
    showStatus(message, false);
    addLogRow(QDateTime::currentDateTimeUtc(), tr("recovered"), message, app::NodeHealth::Ok);
}

bool ClusterWindow::saveScenario(const QString &path, QString *error)
{
    if (m_whatIf.isEmpty()) {
        if (error)
            *error = tr("Nothing observed yet: the cluster at %1 has not answered.").arg(m_config.bootstrap);
        return false;
    }
    const app::Scenario scenario = m_whatIf.scenario(tr("Observed cluster %1").arg(m_config.bootstrap));
    return app::ScenarioWriter::save(scenario, path, error);
}

void ClusterWindow::saveScenarioDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save as Scenario"), QStringLiteral("observed-cluster.json"), tr("Scenarios (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveScenario(path, &error)) {
        QMessageBox::warning(this, tr("Save as Scenario"), error);
        return;
    }
    statusBar()->showMessage(tr("What-if scenario written to %1").arg(path), 8000);
    if (QMessageBox::question(this, tr("Save as Scenario"),
                              tr("The what-if scenario of %1 was written to\n%2\n\nProducers' rates and "
                                 "groups' service times are estimated from what was observed.\n\nOpen it "
                                 "in the simulator?")
                                  .arg(m_config.bootstrap, path)) == QMessageBox::Yes)
        emit openScenarioRequested(path);
}

} // namespace postoffice::ui

namespace postoffice::ui {

bool ClusterWindow::exportWatch(const QString &basePath, QStringList *written, QString *error)
{
    if (!m_store || !m_runId || m_observations == 0) {
        if (error)
            *error = tr("Nothing observed yet: the cluster at %1 has not answered.").arg(m_config.bootstrap);
        return false;
    }
    RunExporter exporter(*m_store, *m_runId);
    const bool ok = exporter.exportTo(basePath, RunExporter::allFormats);
    if (written)
        *written = exporter.writtenFiles();
    if (!ok && error)
        *error = exporter.errorString();
    return ok;
}

void ClusterWindow::exportWatchDialog()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Watch"), QStringLiteral("cluster-watch"),
                                     tr("Watch files (*.csv *.json *.ndjson *.sqlite)"));
    if (path.isEmpty())
        return;
    QStringList written;
    QString error;
    if (!exportWatch(path, &written, &error)) {
        QMessageBox::warning(this, tr("Export Watch"), error);
        return;
    }
    statusBar()->showMessage(tr("Watch exported: %1").arg(written.join(QStringLiteral(", "))), 8000);
}

} // namespace postoffice::ui
