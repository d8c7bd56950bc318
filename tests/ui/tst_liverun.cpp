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

#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace postoffice;
using namespace postoffice::ui;

namespace {

QString shipped(const QString &name)
{
    return QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios/") + name + QStringLiteral(".json");
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
    const QString path = shipped("slow-inventory");
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
    const QStringList paths = {shipped("baseline"), shipped("broker-failure")};
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

QTEST_MAIN(TestLiveRun)
#include "tst_liverun.moc"
