// Going back in a run: a trainer drags the timeline behind the clock and the run is there as it
// was — the same numbers, the faults they injected by hand included — and the charts and event
// log show the run up to that moment only. A new fault injected after going back takes the run
// another way; going back past the moment of a hand-injected fault and on again brings it back.
#include "LiveRunTestSupport.h"

#include "ChartsPanel.h"
#include "ClockText.h"
#include "EventLogModel.h"
#include "EventLogPanel.h"
#include "LiveChart.h"
#include "LiveRunBinder.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "PlaybackBar.h"
#include "Simulation.h"
#include "SimulationController.h"
#include "TimelineStrip.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace postoffice;
using postoffice::ui::SimulationController;

namespace {

// The summary without the wall time, which is the only thing allowed to differ between two runs.
QByteArray summaryOf(const SimulationController &c)
{
    QJsonObject s = c.simulation()->summaryJson();
    s.remove(QStringLiteral("wall_s"));
    return QJsonDocument(s).toJson(QJsonDocument::Compact);
}

app::FaultSpec inventoryDown(double at_s)
{
    app::FaultSpec f;
    f.kind = app::FaultKind::Down;
    f.target = QStringLiteral("inventory");
    f.at_s = at_s;
    return f;
}

} // namespace

class TestRewind : public QObject
{
    Q_OBJECT
private slots:
    void goingBackGivesTheSameRun();
    void handInjectedFaultsComeBack();
    void aNewFaultAfterGoingBackChangesTheFuture();
    void seekAheadSkipsNarrationPauses();
    void timelineDragRewindsTheWindow();
};

void TestRewind::goingBackGivesTheSameRun()
{
    const app::Scenario scenario = uitest::loadShipped("notification-outage");
    SimulationController c;
    QVERIFY(c.setScenario(scenario));
    QSignalSpy samples(&c, &SimulationController::sampled);
    c.advanceTo(900);
    const auto at700 = samples.at(699).at(1).value<std::vector<app::ArchitectureSample>>();
    const QByteArray straight = summaryOf(c);

    QSignalSpy rewound(&c, &SimulationController::rewound);
    samples.clear();
    c.seek(700);
    QCOMPARE(c.now(), 700.0);
    QCOMPARE(rewound.count(), 1);
    QVERIFY(!c.isPlaying());
    // Every second up to the seek time is reported again, the last one as it was the first time.
    QCOMPARE(samples.count(), 700);
    const auto again = samples.last().at(1).value<std::vector<app::ArchitectureSample>>();
    QCOMPARE(again.size(), at700.size());
    for (size_t a = 0; a < again.size(); ++a) {
        QCOMPARE(again[a].orders.placed, at700[a].orders.placed);
        QCOMPARE(again[a].orders.completed, at700[a].orders.completed);
        QCOMPARE(again[a].orders.failed, at700[a].orders.failed);
    }
    // The outage (0:10:00 for 10 minutes) is running at 0:11:40.
    QCOMPARE(int(c.activeFaults().size()), 1);
    c.seek(900);
    QCOMPARE(summaryOf(c), straight);
    // Back to before the outage: no fault is active.
    c.seek(100);
    QVERIFY(c.activeFaults().empty());
    QCOMPARE(c.now(), 100.0);
}

void TestRewind::handInjectedFaultsComeBack()
{
    const app::Scenario scenario = uitest::loadShipped("baseline");
    SimulationController c;
    QVERIFY(c.setScenario(scenario));
    c.advanceTo(300);
    const int id = c.injectFault(inventoryDown(300));
    c.advanceTo(420);
    c.endFault(id);
    c.advanceTo(600);
    const QByteArray straight = summaryOf(c);

    // Before the fault: nothing active; the fault is still known and happens again on the way.
    c.seek(200);
    QVERIFY(c.activeFaults().empty());
    c.advanceTo(350);
    QVERIFY(c.activeFaults().count(id));
    QCOMPARE(c.faultSpec(id)->target, QStringLiteral("inventory"));
    c.seek(600);
    QVERIFY(c.activeFaults().empty());
    QCOMPARE(summaryOf(c), straight);

    // Landing inside the fault's span: it is active there.
    c.seek(400);
    QVERIFY(c.activeFaults().count(id));

    // The same run without the hand-injected fault comes out different: the fault mattered.
    SimulationController plain;
    QVERIFY(plain.setScenario(scenario));
    plain.advanceTo(600);
    QVERIFY(summaryOf(plain) != straight);
}

void TestRewind::aNewFaultAfterGoingBackChangesTheFuture()
{
    const app::Scenario scenario = uitest::loadShipped("baseline");
    SimulationController c;
    QVERIFY(c.setScenario(scenario));
    c.advanceTo(300);
    const int first = c.injectFault(inventoryDown(300));
    c.advanceTo(600);
    c.seek(100);
    // A different fault at 0:01:40: the inventory outage at 0:05:00 no longer follows.
    app::FaultSpec slow = inventoryDown(100);
    slow.kind = app::FaultKind::Slow;
    slow.factor = 3.0;
    const int second = c.injectFault(slow);
    QCOMPARE(second, first); // the injection it replaced gave its id up
    c.advanceTo(600);
    QCOMPARE(int(c.activeFaults().size()), 1);
    QCOMPARE(int(c.activeFaults().at(second).fault->kind), int(app::FaultKind::Slow));

    SimulationController straight;
    QVERIFY(straight.setScenario(scenario));
    straight.advanceTo(100);
    straight.injectFault(slow);
    straight.advanceTo(600);
    QCOMPARE(summaryOf(c), summaryOf(straight));
}

void TestRewind::seekAheadSkipsNarrationPauses()
{
    const app::Scenario scenario = uitest::loadShipped("notification-outage");
    bool pausing = false;
    for (const app::NarrationStep &n : scenario.narration)
        pausing |= n.pause && n.at_s > 0 && n.at_s < 1500;
    QVERIFY2(pausing, "the outage scenario pauses its narration before 0:25:00");
    SimulationController c;
    c.setAutoPause(true);
    QVERIFY(c.setScenario(scenario));
    c.seek(1500);
    QCOMPARE(c.now(), 1500.0);
    c.seek(50);
    QCOMPARE(c.now(), 50.0);
}

void TestRewind::timelineDragRewindsTheWindow()
{
    ui::LiveWindow live;
    QString error = uitest::showLive(live, QStringLiteral("notification-outage"), QSize(1600, 900));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    ui::LiveRunBinder *binder = live.binder();
    SimulationController *c = binder->controller();
    c->advanceTo(1500);
    ui::LiveChart *lag = binder->charts()->chart(ui::ChartsPanel::Lag);
    QVERIFY(lag->storedPoints(0) >= 1500);
    ui::EventLogModel *log = binder->eventLog()->model();
    QVERIFY(log->rowCount() > 0);

    ui::TimelineStrip *strip = binder->playbackBar()->timeline();
    const int x = int(strip->xForTime(480));
    QTest::mousePress(strip, Qt::LeftButton, {}, QPoint(int(strip->xForTime(1200)), 8));
    QTest::mouseRelease(strip, Qt::LeftButton, {}, QPoint(x, 8));
    const double target = strip->timeForX(x);
    QCOMPARE(c->now(), target);
    QVERIFY(binder->playbackBar()->clockText().startsWith(ui::ClockText::format(target)));
    // The charts hold the run up to the new time only, and the log has nothing from later on.
    binder->charts()->flush();
    QVERIFY(lag->storedPoints(0) <= int(target) + 1);
    QVERIFY(lag->storedPoints(0) >= int(target) - 1);
    for (int r = 0; r < log->rowCount(); ++r)
        QVERIFY2(log->event(r).t_s <= target, qPrintable(log->event(r).text));
    // The outage starts at 0:10:00: before it, the log has no fault start.
    for (int r = 0; r < log->rowCount(); ++r)
        QVERIFY(log->event(r).kind != app::SimEventKind::FaultStart);
}

QTEST_MAIN(TestRewind)
#include "tst_rewind.moc"
