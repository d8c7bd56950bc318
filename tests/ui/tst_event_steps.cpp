// Jumping from one event of interest to the next and back, from the playback bar: the trainer
// presses "Next event" and the run stops right after the next fault, rebalance or leader change;
// "Previous event" goes back to the one before; the button's menu narrows which kinds count.
#include "LiveRunTestSupport.h"

#include "LiveRunBinder.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "PlaybackBar.h"
#include "SimulationController.h"

#include <QStatusBar>
#include <QTest>
#include <QToolButton>

using namespace postoffice;
using postoffice::ui::SimulationController;

namespace {

bool stoppedRightAfter(const SimulationController &c, const app::SimEvent &e)
{
    return c.now() >= e.t_s && c.now() - e.t_s <= SimulationController::stopPrecision_s + 1e-9;
}

} // namespace

class TestEventSteps : public QObject
{
    Q_OBJECT
private slots:
    void stepsThroughTheOutage();
    void stopsAtLeaderChanges();
    void stopsAtTheRebalanceAfterACrash();
    void noEventLeftRunsToTheEnd();
    void buttonsOnThePlaybackBar();
};

void TestEventSteps::stepsThroughTheOutage()
{
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("notification-outage")));
    const auto all = SimulationController::eventsOfInterest();
    const std::optional<app::SimEvent> start = c.nextEvent(all);
    QVERIFY(start);
    QCOMPARE(int(start->kind), int(app::SimEventKind::FaultStart));
    QCOMPARE(start->t_s, 600.0);
    QVERIFY(stoppedRightAfter(c, *start));
    QVERIFY(!c.isPlaying());
    QCOMPARE(int(c.activeFaults().size()), 1);

    // On, event by event (the notification group rebalances while its consumers are down), to
    // the end of the outage; each stop is later than the one before.
    std::vector<app::SimEvent> seen{*start};
    while (seen.back().kind != app::SimEventKind::FaultEnd && seen.size() < 50) {
        const std::optional<app::SimEvent> e = c.nextEvent(all);
        QVERIFY(e);
        QVERIFY(e->t_s > seen.back().t_s);
        QVERIFY(stoppedRightAfter(c, *e));
        seen.push_back(*e);
    }
    QCOMPARE(seen.back().t_s, 1200.0);

    // Back, event by event, to the start of the outage, exactly; once more and it is the groups
    // forming at 0:00:00; nothing is earlier than that.
    for (size_t i = seen.size() - 1; i-- > 0;) {
        const std::optional<app::SimEvent> back = c.previousEvent(all);
        QVERIFY(back);
        QCOMPARE(int(back->kind), int(seen[i].kind));
        QCOMPARE(c.now(), seen[i].t_s);
    }
    QCOMPARE(c.now(), 600.0);
    QCOMPARE(int(c.activeFaults().size()), 1);
    const std::optional<app::SimEvent> forming = c.previousEvent(all);
    QVERIFY(forming);
    QCOMPARE(int(forming->kind), int(app::SimEventKind::Rebalance));
    QCOMPARE(c.now(), 0.0);
    QVERIFY(!c.previousEvent(all));
    QCOMPARE(c.now(), 0.0);
    c.seek(600);
    // And on again from the outage's start: the same next stop.
    const std::optional<app::SimEvent> again = c.nextEvent(all);
    QVERIFY(again);
    QCOMPARE(again->t_s, seen[1].t_s);
}

void TestEventSteps::stopsAtLeaderChanges()
{
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("broker-failure")));
    const std::optional<app::SimEvent> e = c.nextEvent({app::SimEventKind::LeaderChange});
    QVERIFY(e);
    QCOMPARE(int(e->kind), int(app::SimEventKind::LeaderChange));
    // broker-0 fails at 0:10:00: its partitions get new leaders then.
    QVERIFY2(e->t_s >= 600.0 && e->t_s < 601.0, qPrintable(QString::number(e->t_s)));
    QVERIFY(stoppedRightAfter(c, *e));
}

void TestEventSteps::stopsAtTheRebalanceAfterACrash()
{
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("consumer-scaling")));
    c.seek(1100);
    const std::optional<app::SimEvent> e = c.nextEvent({app::SimEventKind::Rebalance});
    QVERIFY(e);
    QCOMPARE(int(e->kind), int(app::SimEventKind::Rebalance));
    // A consumer of fulfillment crashes at 0:20:00; the group notices after session.timeout.ms.
    QVERIFY2(e->t_s > 1200.0, qPrintable(QString::number(e->t_s)));
    QVERIFY(stoppedRightAfter(c, *e));
}

void TestEventSteps::noEventLeftRunsToTheEnd()
{
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("baseline")));
    QVERIFY(!c.nextEvent({app::SimEventKind::LeaderChange}));
    QCOMPARE(c.now(), c.duration());
}

void TestEventSteps::buttonsOnThePlaybackBar()
{
    ui::LiveWindow live;
    QString error = uitest::showLive(live, QStringLiteral("broker-failure"), QSize(1280, 720));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    ui::PlaybackBar *bar = live.binder()->playbackBar();
    SimulationController *c = live.binder()->controller();
    auto *next = bar->findChild<QToolButton *>("nextEventButton");
    auto *previous = bar->findChild<QToolButton *>("previousEventButton");
    QVERIFY(next && previous);
    QVERIFY(next->isVisible() && previous->isVisible());

    // Only fault starts: broker-0 at 0:10:00, then broker-1 at 0:15:00.
    for (app::SimEventKind k : SimulationController::eventsOfInterest())
        bar->setEventKindChecked(k, k == app::SimEventKind::FaultStart);
    QTest::mouseClick(next, Qt::LeftButton);
    QVERIFY(c->now() >= 600.0 && c->now() < 601.0);
    QVERIFY2(live.window()->statusBar()->currentMessage().startsWith(QStringLiteral("0:10:00")),
             qPrintable(live.window()->statusBar()->currentMessage()));
    QTest::mouseClick(next, Qt::LeftButton);
    QVERIFY(c->now() >= 900.0 && c->now() < 901.0);
    QTest::mouseClick(previous, Qt::LeftButton);
    QCOMPARE(c->now(), 600.0);
    QVERIFY(bar->clockText().startsWith(QStringLiteral("0:10:00")));
}

QTEST_MAIN(TestEventSteps)
#include "tst_event_steps.moc"
