// The simulation controller: every shipped scenario plays to a time with samples for every
// architecture; step, run-until and play (paced by a QTimer) move the clock; auto-pause stops at
// narration steps that ask for it; updates are rate-limited; live faults reach the engine.
#include "LiveRunTestSupport.h"

#include "MessageAnimator.h"
#include "MessageLayer.h"
#include "Simulation.h"
#include "SimulationController.h"

#include <QSignalSpy>
#include <QTest>

using namespace postoffice;
using postoffice::ui::SimulationController;

class TestController : public QObject
{
    Q_OBJECT
private slots:
    void playsEveryShippedScenario_data();
    void playsEveryShippedScenario();
    void stepAdvancesOneSecond();
    void runUntilStopsThere();
    void playAdvancesTheClock();
    void autoPauseStopsAtNarration();
    void updatesAreRateLimited();
    void liveFaultReachesEngine();
    void animatorGetsMessagesAndKeepsBudget();
};

void TestController::playsEveryShippedScenario_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &n : uitest::shippedScenarioNames())
        QTest::newRow(qPrintable(n)) << n;
}

void TestController::playsEveryShippedScenario()
{
    QFETCH(QString, name);
    const app::Scenario scenario = uitest::loadShipped(name);
    SimulationController c;
    QVERIFY2(c.setScenario(scenario), qPrintable(c.errorString()));
    QCOMPARE(c.architectures().size(), int(scenario.architectures.size()));
    QSignalSpy samples(&c, &SimulationController::sampled);
    c.advanceTo(120);
    QCOMPARE(c.now(), 120.0);
    QCOMPARE(samples.count(), 120);
    const auto last = samples.last().at(1).value<std::vector<app::ArchitectureSample>>();
    QCOMPARE(int(last.size()), c.architectures().size());
    for (const app::ArchitectureSample &s : last)
        QVERIFY2(s.orders.placed > 0, qPrintable(c.architectures().value(s.architecture)));
}

void TestController::stepAdvancesOneSecond()
{
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("baseline")));
    c.advanceTo(10.5);
    c.step();
    QCOMPARE(c.now(), 11.0);
    c.step();
    QCOMPARE(c.now(), 12.0);
    QVERIFY(!c.isPlaying());
}

void TestController::runUntilStopsThere()
{
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("baseline")));
    c.setSpeed(2.0);
    QSignalSpy playing(&c, &SimulationController::playingChanged);
    c.runUntil(200);
    QVERIFY(c.isPlaying());
    QCOMPARE(c.speed(), 0.0); // as fast as possible while running until
    QTRY_VERIFY_WITH_TIMEOUT(!c.isPlaying(), 20000);
    QCOMPARE(c.now(), 200.0);
    QCOMPARE(c.speed(), 2.0); // the user's speed comes back
    QCOMPARE(playing.count(), 2);
}

void TestController::playAdvancesTheClock()
{
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("baseline")));
    c.setSpeed(600.0);
    QSignalSpy updated(&c, &SimulationController::updated);
    c.play();
    QTRY_VERIFY_WITH_TIMEOUT(c.now() > 5.0, 10000);
    c.pause();
    const double at = c.now();
    QVERIFY(updated.count() > 0);
    QTest::qWait(100);
    QCOMPARE(c.now(), at); // paused means paused
    // The clock never runs past the requested speed: sim time <= real time × speed (+ one tick).
    QVERIFY(at < c.duration());
}

void TestController::autoPauseStopsAtNarration()
{
    // notification-outage pauses at 0, 590, 1200 and 6660.
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("notification-outage")));
    QSignalSpy paused(&c, &SimulationController::narrationPaused);
    c.setAutoPause(true);
    c.advanceTo(5);
    QCOMPARE(c.now(), 0.0); // the opening narration pauses before anything runs
    c.advanceTo(1000);
    QCOMPARE(c.now(), 590.0);
    c.advanceTo(1000);
    QCOMPARE(c.now(), 1000.0);
    QCOMPARE(paused.count(), 2);
    c.setAutoPause(false);
    c.advanceTo(1300);
    QCOMPARE(c.now(), 1300.0);
}

void TestController::updatesAreRateLimited()
{
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("baseline")));
    c.setSpeed(0.0);
    QSignalSpy updated(&c, &SimulationController::updated);
    QSignalSpy samples(&c, &SimulationController::sampled);
    c.play();
    QTRY_VERIFY_WITH_TIMEOUT(!c.isPlaying(), 60000); // to the end
    // Hundreds of simulated seconds per update: the screen is not asked to draw every second.
    QCOMPARE(samples.count(), int(c.duration()));
    QVERIFY2(updated.count() < samples.count() / 4,
             qPrintable(QString("%1 updates for %2 samples").arg(updated.count()).arg(samples.count())));
}

void TestController::liveFaultReachesEngine()
{
    SimulationController c;
    QVERIFY(c.setScenario(uitest::loadShipped("baseline")));
    c.advanceTo(30);
    app::FaultSpec down;
    down.kind = app::FaultKind::Down;
    down.target = "order-service";
    down.at_s = c.now();
    QSignalSpy changed(&c, &SimulationController::activeFaultsChanged);
    const int id = c.injectFault(down);
    c.advanceTo(31);
    QVERIFY(c.activeFaults().count(id));
    QCOMPARE(c.faultSpec(id)->target, QString("order-service"));
    for (int a = 0; a < c.architectures().size(); ++a)
        QCOMPARE(c.simulation()->nodeState(a, "order-service").health, app::NodeHealth::Down);
    c.endFault(id);
    c.advanceTo(32);
    QVERIFY(!c.activeFaults().count(id));
    QVERIFY(changed.count() >= 2);
    for (int a = 0; a < c.architectures().size(); ++a)
        QVERIFY(c.simulation()->nodeState(a, "order-service").health != app::NodeHealth::Down);
}

void TestController::animatorGetsMessagesAndKeepsBudget()
{
    SimulationController c;
    ui::MessageAnimator animator;
    c.setAnimator(&animator);
    QVERIFY(c.setScenario(uitest::loadShipped("baseline")));
    std::vector<std::unique_ptr<ui::MessageLayer>> layers;
    for (int a = 0; a < c.architectures().size(); ++a) {
        layers.push_back(std::make_unique<ui::MessageLayer>());
        for (int e = 0; e < 12; ++e)
            layers.back()->setEdgePath(e, QPolygonF({QPointF(0, e * 10), QPointF(300, e * 10)}));
        animator.setLayer(a, layers.back().get());
    }
    c.advanceTo(3);
    QVERIFY(animator.messagesSeen() > 0);
    QVERIFY(animator.dotCount() > 0);
    QVERIFY(animator.dotCount() <= ui::MessageAnimator::totalBudget);
    // A long jump produces far more messages than the budget: dots stay within it and the busy
    // edges turn into flow bands with a measured rate instead.
    c.advanceTo(600);
    QVERIFY(animator.messagesSeen() > quint64(ui::MessageAnimator::totalBudget));
    QVERIFY(animator.dotCount() <= ui::MessageAnimator::totalBudget);
    bool anyBand = false;
    for (int a = 0; a < c.architectures().size(); ++a)
        for (int e = 0; e < 12; ++e)
            if (animator.isBand(a, e)) {
                anyBand = true;
                QVERIFY(animator.flowRate(a, e) > 0);
                QVERIFY(animator.dotCount(a, e) <= ui::MessageAnimator::perEdgeBudget);
            }
    QVERIFY(anyBand);
    QVERIFY(!layers.front()->bands().empty() || !layers.back()->bands().empty());
    // Dots arrive: after the travel time, with no new messages, the canvas is empty again.
    animator.advance(ui::MessageAnimator::travelSeconds + 0.1);
    QCOMPARE(animator.dotCount(), 0);
}

QTEST_MAIN(TestController)
#include "tst_controller.moc"
