// The live run in the real main window, opened the way `postoffice gui SCENARIO` opens it (a
// shipped name resolved by resolveScenario, MainWindow::openFile, then LiveRunBinder): Play on the
// playback bar runs it, and the canvas, the charts and the event log are fed from the engine. The
// window title names the scenario and marks unsaved edits, a dropped scenario file opens and the
// run follows it, and recent files persist through QSettings (a test organisation, so the user's
// own settings are untouched).
#include "ChartsPanel.h"
#include "EventLogModel.h"
#include "EventLogPanel.h"
#include "GraphScene.h"
#include "Gui.h"
#include "LiveChart.h"
#include "LiveRunBinder.h"
#include "MainWindow.h"
#include "NodeItem.h"
#include "PlaybackBar.h"
#include "Simulation.h"
#include "SimulationController.h"
#include "TopicNodeItem.h"

#include <QDockWidget>
#include <QFile>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace postoffice;
using namespace postoffice::ui;

namespace {

// A user's own copy of a shipped scenario: a shipped one is a template and is not remembered or
// saved over as the user's file.
QString userCopy(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name + QStringLiteral(".json"));
    QFile::copy(QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios/") + name + QStringLiteral(".json"), path);
    return path;
}

} // namespace

class TestLiveRun : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void playButtonRunsTheOutageAndFeedsTheViews();
    void titleNamesScenarioAndMarksEdits();
    void droppedScenarioOpensAndTheRunFollows();
    void recentFilesPersist();
    void latencyShowsCustomerWaitBesideAllDone();
    void chartsAreReadableAtProjectorSizes_data();
    void chartsAreReadableAtProjectorSizes();

private:
    // As runGui does it.
    void openAsGui(const QString &scenario);

    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<LiveRunBinder> m_binder;
};

void TestLiveRun::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("PostOfficeTests");
    QCoreApplication::setApplicationName("tst_liverun");
}

void TestLiveRun::init()
{
    QSettings().clear();
}

void TestLiveRun::cleanup()
{
    m_binder.reset();
    m_window.reset();
}

void TestLiveRun::openAsGui(const QString &scenario)
{
    m_window = std::make_unique<MainWindow>();
    QString error;
    QVERIFY2(m_window->openFile(resolveScenario(scenario), &error), qPrintable(error));
    m_binder = std::make_unique<LiveRunBinder>(m_window.get());
    m_window->resize(1600, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestLiveRun::playButtonRunsTheOutageAndFeedsTheViews()
{
    openAsGui("notification-outage");
    SimulationController *c = m_binder->controller();
    QVERIFY2(c->errorString().isEmpty(), qPrintable(c->errorString()));
    QCOMPARE(c->now(), 0.0);
    QVERIFY(!c->isPlaying());

    // Play on the playback bar, at 120 simulated seconds per real second.
    c->setSpeed(120);
    auto *play = m_binder->playbackBar()->findChild<QToolButton *>("playButton");
    QVERIFY(play);
    QTest::mouseClick(play, Qt::LeftButton);
    QVERIFY(c->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(c->now() >= 30, 20000);
    QTest::mouseClick(play, Qt::LeftButton); // the same button pauses
    QVERIFY(!c->isPlaying());
    QVERIFY(m_binder->playbackBar()->clockText().startsWith(QStringLiteral("0:00:")));

    // Into the outage (notification down from 0:10:00), then check what the window shows.
    c->advanceTo(900);
    const app::Simulation *sim = c->simulation();
    const QStringList archs = c->architectures();
    for (int a = 0; a < archs.size(); ++a) {
        GraphScene *scene = m_window->graphScene(archs[a]);
        QVERIFY(scene);
        for (NodeItem *item : scene->nodeItems()) {
            if (item->kind() == app::NodeKind::Topic)
                continue;
            const app::NodeState engine = sim->nodeState(a, item->nodeId());
            QVERIFY2(item->liveState(), qPrintable(archs[a] + "/" + item->nodeId()));
            QCOMPARE(int(item->liveState()->health), int(engine.health));
            QCOMPARE(item->liveState()->queue_len, engine.queue_len);
            QCOMPARE(item->liveState()->failures, engine.failures);
        }
        QCOMPARE(scene->nodeItem("notification")->liveState()->health, app::NodeHealth::Down);
    }
    // The decoupled canvas shows the backlog building on the orders topic.
    TopicNodeItem *orders = m_window->graphScene("decoupled")->topicItem("orders");
    QVERIFY(orders);
    QCOMPARE(orders->partitions().size(), size_t(6));
    QVERIFY2(orders->totalLag() > 1000, qPrintable(QString::number(orders->totalLag())));

    // Charts have a point per simulated second for both architectures.
    ChartsPanel *charts = m_binder->charts();
    for (int a = 0; a < archs.size(); ++a) {
        QVERIFY(charts->chart(ChartsPanel::Throughput)->storedPoints(a) >= 800);
        QVERIFY(charts->chart(ChartsPanel::Lag)->storedPoints(a) >= 800);
    }
    const int decoupled = int(archs.indexOf("decoupled"));
    QVERIFY(charts->chart(ChartsPanel::Lag)->lastValue(decoupled) > 1000);

    // The event log has the outage.
    EventLogModel *log = m_binder->eventLog()->model();
    bool faultLogged = false;
    for (int r = 0; r < log->rowCount(); ++r)
        faultLogged |=
            log->event(r).kind == app::SimEventKind::FaultStart && log->event(r).node == "notification";
    QVERIFY(faultLogged);
}

void TestLiveRun::titleNamesScenarioAndMarksEdits()
{
    openAsGui("notification-outage");
    const QString name = m_window->currentDocument()->displayName();
    QVERIFY(!name.isEmpty());
    QCOMPARE(m_window->windowTitle(), name + "[*] — PostOffice");
    QVERIFY(!m_window->isWindowModified());
    m_binder->controller()->advanceTo(60);
    // An edit marks the document unsaved and restarts the run on the edited scenario.
    m_window->currentDocument()->addNode(app::NodeKind::Producer, QPointF(0, 600));
    QVERIFY(m_window->isWindowModified());
    QCOMPARE(m_binder->controller()->now(), 0.0);
    QCOMPARE(m_binder->controller()->scenario().nodes.size(),
             m_window->currentDocument()->scenario().nodes.size());
    m_window->currentDocument()->undoStack()->undo();
    QVERIFY(!m_window->isWindowModified());
}

void TestLiveRun::droppedScenarioOpensAndTheRunFollows()
{
    openAsGui("notification-outage");
    m_binder->controller()->advanceTo(120);
    const QTemporaryDir dir;
    const QString path = userCopy(dir, "slow-inventory");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint at = m_window->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(m_window.get(), &drop);

    QCOMPARE(m_window->currentDocument()->filePath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(m_window->windowTitle().startsWith(m_window->currentDocument()->displayName()));
    // The run is the dropped scenario's, from the start.
    QCOMPARE(m_binder->controller()->scenario().name, m_window->currentDocument()->scenario().name);
    QCOMPARE(m_binder->controller()->now(), 0.0);
    m_binder->controller()->advanceTo(30);
    QVERIFY(m_binder->charts()->chart(ChartsPanel::Throughput)->storedPoints(0) >= 30);
}

void TestLiveRun::recentFilesPersist()
{
    const QTemporaryDir dir;
    const QStringList paths = {userCopy(dir, "baseline"), userCopy(dir, "broker-failure")};
    {
        openAsGui(paths[0]);
        QString error;
        QVERIFY2(m_window->openFile(paths[1], &error), qPrintable(error));
        m_window->close(); // writes the settings
        cleanup();
    }
    QCOMPARE(QSettings().organizationName(), QStringLiteral("PostOfficeTests"));
    const QStringList expected = {QFileInfo(paths[1]).absoluteFilePath(),
                                  QFileInfo(paths[0]).absoluteFilePath()};
    QCOMPARE(QSettings().value("recentFiles").toStringList(), expected);
    MainWindow again;
    QCOMPARE(again.recentFiles(), expected);
}

void TestLiveRun::latencyShowsCustomerWaitBesideAllDone()
{
    // The lesson of the outage in one chart: the decoupled customer is answered at once all
    // along, while "all done" (notification sent too) waits for the backlog to drain; the tight
    // customer waits for the failing call and gets an error.
    openAsGui("notification-outage");
    SimulationController *c = m_binder->controller();
    c->advanceTo(3000);
    m_binder->charts()->flush();
    LiveChart *lat = m_binder->charts()->chart(ChartsPanel::LatencyP95);
    const QStringList archs = c->architectures();
    const int tight = int(archs.indexOf("tight"));
    const int decoupled = int(archs.indexOf("decoupled"));
    QVERIFY(tight >= 0 && decoupled >= 0);
    for (int a = 0; a < archs.size(); ++a) {
        // A customer-wait line per architecture, with a point (nearly) every second.
        QVERIFY2(lat->storedPoints(lat->lineIndex(a, 0)) >= 2900, qPrintable(archs[a]));
        QVERIFY(lat->series(lat->lineIndex(a, 0))->count() > 0);
    }
    const double decoupledWait = lat->maxValue(lat->lineIndex(decoupled, 0), 0, 3000);
    const double decoupledDone = lat->maxValue(lat->lineIndex(decoupled, 1), 1300, 3000);
    const double tightWaitInOutage = lat->maxValue(lat->lineIndex(tight, 0), 620, 1190);
    const QString figures = QString("decoupled wait %1 ms, all done %2 ms; tight wait in the outage %3 ms")
                                .arg(decoupledWait)
                                .arg(decoupledDone)
                                .arg(tightWaitInOutage);
    QVERIFY2(decoupledWait > 0 && decoupledWait < 1000, qPrintable(figures));
    // Draining: orders are all done minutes after they were placed, a hundred times the wait.
    QVERIFY2(decoupledDone > 60000, qPrintable(figures));
    QVERIFY2(decoupledDone > 100 * decoupledWait, qPrintable(figures));
    QVERIFY2(tightWaitInOutage > decoupledWait, qPrintable(figures));
    // Nothing is all done in the decoupled shop while notification is down: a gap, not a line.
    QVERIFY(lat->maxValue(lat->lineIndex(decoupled, 1), 630, 1190) == 0.0);
    // The axis reads in minutes, not "600000".
    QCOMPARE(lat->valueUnit().suffix(), QString("min"));
}

void TestLiveRun::chartsAreReadableAtProjectorSizes_data()
{
    QTest::addColumn<QSize>("size");
    // Shares of the height at least: a 720-line screen spends a quarter of it on menus, toolbars
    // and the timeline, so there the canvases keep a third and the plots are a little shorter.
    QTest::addColumn<double>("chartsShare");
    QTest::addColumn<double>("canvasShare");
    QTest::addColumn<double>("plotHeight"); // px: room for three ticks read from across a room
    QTest::newRow("720p") << QSize(1280, 720) << 0.35 << 0.33 << 72.0;
    QTest::newRow("1080p") << QSize(1920, 1080) << 0.35 << 0.4 << 90.0;
}

void TestLiveRun::chartsAreReadableAtProjectorSizes()
{
    QFETCH(QSize, size);
    QFETCH(double, chartsShare);
    QFETCH(double, canvasShare);
    QFETCH(double, plotHeight);
    // As the snapshot does it: the window is sized after the run is bound.
    m_window = std::make_unique<MainWindow>();
    QString error;
    QVERIFY2(m_window->openFile(resolveScenario("notification-outage"), &error), qPrintable(error));
    m_binder = std::make_unique<LiveRunBinder>(m_window.get());
    m_window->resize(size);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_binder->controller()->advanceTo(900);
    ChartsPanel *charts = m_binder->charts();
    charts->flush();
    QApplication::processEvents();
    charts->flush();
    QApplication::processEvents();
    QWidget *central = m_window->centralWidget();
    QVERIFY(central);
    // The charts get a good part of the height, and the canvas keeps the larger part.
    const int chartsHeight = charts->height();
    QVERIFY2(chartsHeight >= size.height() * chartsShare,
             qPrintable(QString("charts %1 px of %2").arg(chartsHeight).arg(size.height())));
    QVERIFY2(central->height() >= size.height() * canvasShare,
             qPrintable(QString("canvas %1 px of %2").arg(central->height()).arg(size.height())));
    // The colour key above the charts is shown whole.
    QLabel *key = charts->architectureKey();
    QVERIFY(key->isVisible());
    QVERIFY2(key->width() >= key->sizeHint().width(),
             qPrintable(QString("key %1 < %2").arg(key->width()).arg(key->sizeHint().width())));
    for (int m = 0; m < ChartsPanel::MetricCount; ++m) {
        LiveChart *c = charts->chart(ChartsPanel::Metric(m));
        const QString what = c->chart()->title();
        // A plot tall enough for its ticks to be read.
        QVERIFY2(c->chart()->plotArea().height() >= plotHeight,
                 qPrintable(what + QString(": plot %1 px high").arg(c->chart()->plotArea().height())));
        QLegend *legend = c->chart()->legend();
        if (!legend->isVisible())
            continue;
        // The legend lies inside the chart view and has the room its entries ask for.
        const QRectF inView = QRectF(c->viewport()->rect());
        const QRectF box = c->mapFromScene(legend->mapRectToScene(legend->rect())).boundingRect();
        QVERIFY2(inView.adjusted(-1, -1, 1, 1).contains(box),
                 qPrintable(what + QString(": legend %1,%2 %3x%4 outside the view %5x%6")
                                       .arg(box.x())
                                       .arg(box.y())
                                       .arg(box.width())
                                       .arg(box.height())
                                       .arg(inView.width())
                                       .arg(inView.height())));
        // Every visible entry has a row and its whole label: a marker a line high, then the text.
        const QFontMetricsF fm(legend->font());
        double width = 0;
        int rows = 0;
        for (QLegendMarker *marker : legend->markers()) {
            if (!marker->isVisible())
                continue;
            ++rows;
            width = std::max(width, fm.height() + fm.horizontalAdvance(marker->label()));
        }
        QVERIFY2(rows > 0, qPrintable(what));
        QVERIFY2(legend->size().height() >= rows * fm.height() && legend->size().width() >= width,
                 qPrintable(what + QString(": legend %1x%2 cut from %3x%4")
                                       .arg(legend->size().width())
                                       .arg(legend->size().height())
                                       .arg(width)
                                       .arg(rows * fm.height())));
    }
}

QTEST_MAIN(TestLiveRun)
#include "tst_liverun.moc"
