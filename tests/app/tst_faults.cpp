// Faults teach the difference between the architectures: a service down fails tight orders but
// only builds lag when decoupled; one slow service slows a tight chain; breakers, retries and
// timeouts behave as their settings say.

#include "CircuitBreaker.h"
#include "EngineTestScenarios.h"
#include "Simulation.h"
#include "SimulationObserver.h"

#include <QtTest>

using namespace postoffice::app;
using namespace postoffice::app::testing;

namespace {

// Sums the per-second counters of every node, and keeps the engine's events.
class Totals : public SimulationObserver
{
public:
    void onSample(qint64 second, const std::vector<ArchitectureSample> &samples) override
    {
        for (const ArchitectureSample &a : samples)
            for (const NodeSample &n : a.nodes) {
                NodeSample &t = totals[{a.architecture, n.node}];
                t.arrivals += n.arrivals;
                t.completions += n.completions;
                t.failures += n.failures;
                t.timeouts += n.timeouts;
                t.retries += n.retries;
                if (n.failures > 0)
                    failingSeconds[{a.architecture, n.node}].push_back(second);
            }
    }
    void onEvent(const SimEvent &e) override { events.push_back(e); }
    int count(SimEventKind kind) const
    {
        return int(
            std::count_if(events.begin(), events.end(), [&](const SimEvent &e) { return e.kind == kind; }));
    }

    std::map<std::pair<int, int>, NodeSample> totals;
    std::map<std::pair<int, int>, std::vector<qint64>> failingSeconds;
    std::vector<SimEvent> events;
};

QJsonObject arch(const Simulation &sim, const char *name)
{
    return at(sim.summaryJson(), {"architectures", name}).toObject();
}

} // namespace

class FaultsTest : public QObject
{
    Q_OBJECT

private slots:
    void downFailsTightAndLagsDecoupled();
    void slowServiceSlowsTheTightChain();
    void timeoutsAndRetriesAreCounted();
    void circuitBreakerStates();
    void circuitBreakerFailsFast();
    void errorRateFailsTightButIsRetriedWhenDecoupled();
    void consumerCrashRebalancesWithoutLoss();
    void networkCutFailsCallsAcrossIt();
    void brokerDownWithAcksAllLosesNothing();
    void partitionsCapParallelism();
};

void FaultsTest::downFailsTightAndLagsDecoupled()
{
    Scenario s = shop(50, 1200, 21);
    s.faults = {fault(FaultKind::Down, QStringLiteral("notification"), 100, 100)};
    Simulation sim(s);
    Totals totals;
    sim.setObserver(&totals);
    sim.run();
    // Tight: the orders placed during the outage fail (λT = 5000 ± 4√5000), and only then.
    const double failed = at(arch(sim, "tight"), {"orders", "failed"}).toDouble();
    QVERIFY2(std::abs(failed - 5000) < 4 * std::sqrt(5000.0) + 20, qPrintable(QString::number(failed)));
    for (qint64 second : totals.failingSeconds[{0, 1}])
        QVERIFY2(second > 100 && second <= 201, qPrintable(QString::number(second)));
    // Decoupled: nothing fails, nothing is lost, the lag builds to ≈ λT and drains.
    const QJsonObject d = arch(sim, "decoupled");
    QCOMPARE(at(d, {"orders", "failed"}).toInteger(), 0);
    QCOMPARE(at(d, {"orders", "lost"}).toInteger(), 0);
    const QJsonObject g = at(d, {"groups", "notification"}).toObject();
    QVERIFY(std::abs(g["max_lag"].toDouble() - 5000) < 4 * std::sqrt(5000.0) + 50 * 5);
    QVERIFY(!g["drain_s"].isNull());
    QVERIFY(g["end_lag"].toInteger() < 300);
    // The other groups never noticed.
    QVERIFY(at(d, {"groups", "inventory", "max_lag"}).toInteger() < 500);
    QCOMPARE(totals.count(SimEventKind::FaultStart), 1);
    QCOMPARE(totals.count(SimEventKind::FaultEnd), 1);
    QVERIFY(totals.count(SimEventKind::Rebalance) >= 2); // the group emptied and refilled
}

void FaultsTest::slowServiceSlowsTheTightChain()
{
    Scenario base = shop(40, 600, 5);
    Scenario slow = base;
    FaultSpec f = fault(FaultKind::Slow, QStringLiteral("inventory"), 0, 600);
    f.factor = 10; // 8 ms → 80 ms
    slow.faults = {f};
    Simulation a(base), b(slow);
    a.run();
    b.run();
    const auto orderLatency = [](const Simulation &sim, const char *name) {
        return at(sim.summaryJson(), {"architectures", name, "services", "order-service", "mean_latency_ms"})
            .toDouble();
    };
    // Tight: the order service waits for inventory, so its latency grows by ~72 ms and more.
    QVERIFY(orderLatency(b, "tight") > orderLatency(a, "tight") + 60);
    // Its workers stay busy waiting: utilization rises with the downstream slowness.
    QVERIFY(at(b.summaryJson(), {"architectures", "tight", "services", "order-service", "utilization"})
                .toDouble() >
            2 * at(a.summaryJson(), {"architectures", "tight", "services", "order-service", "utilization"})
                    .toDouble());
    // Decoupled: the order service only publishes; inventory's slowness does not reach it.
    QVERIFY(std::abs(orderLatency(b, "decoupled") - orderLatency(a, "decoupled")) < 2.0);
}

void FaultsTest::timeoutsAndRetriesAreCounted()
{
    // Every attempt takes 100 ms against a 50 ms timeout: 1 + 2 retries, all time out.
    Scenario s = singleService(1, 100, 4, 100, 3, ServiceTimeDist::Constant);
    s.nodes[0].traffic.pattern = TrafficPattern::Constant;
    EdgeSpec &e = s.architectures[0].edges[0];
    e.timeout_ms = 50;
    e.retries = 2;
    e.backoff_ms = 10;
    Simulation sim(s);
    Totals totals;
    sim.setObserver(&totals);
    sim.run();
    const NodeSample &caller = totals.totals[{0, 0}];
    const quint64 orders = sim.summary().architectures[0].placed;
    QCOMPARE(orders, 100u);
    const quint64 settled = sim.summary().architectures[0].failed;
    QVERIFY(settled >= 99); // the last order may still be retrying at the end
    QCOMPARE(caller.timeouts, quint32(3 * settled));
    QCOMPARE(caller.retries, quint32(2 * settled));
    // The callee still did the work of every abandoned attempt.
    QVERIFY(at(sim.summaryJson(), {"architectures", "tight", "services", "svc", "completed"}).toInteger() >=
            qint64(3 * settled));
    QCOMPARE(at(sim.summaryJson(), {"architectures", "tight", "orders", "completed"}).toInteger(), 0);
}

void FaultsTest::circuitBreakerStates()
{
    CircuitBreakerSpec spec;
    spec.failure_threshold = 3;
    spec.open_ms = 1000;
    spec.half_open_probes = 1;
    CircuitBreaker b(spec);
    QCOMPARE(b.state(0), BreakerState::Closed);
    QVERIFY(b.allow(0));
    QVERIFY(!b.onFailure(0));
    QVERIFY(!b.onSuccess(0)); // a success resets the count
    QVERIFY(!b.onFailure(0.1));
    QVERIFY(!b.onFailure(0.2));
    QVERIFY(b.onFailure(0.3)); // third consecutive failure opens
    QCOMPARE(b.state(0.5), BreakerState::Open);
    QVERIFY(!b.allow(0.5)); // fail fast
    QCOMPARE(b.state(1.3), BreakerState::HalfOpen);
    QVERIFY(b.allow(1.3));     // one probe
    QVERIFY(!b.allow(1.3));    // only one
    QVERIFY(b.onFailure(1.4)); // the probe failed: open again
    QCOMPARE(b.state(1.5), BreakerState::Open);
    QVERIFY(b.allow(2.5));
    QVERIFY(b.onSuccess(2.6)); // the probe succeeded: closed
    QCOMPARE(b.state(2.6), BreakerState::Closed);
    QVERIFY(b.allow(2.7));
}

void FaultsTest::circuitBreakerFailsFast()
{
    Scenario s = shop(50, 300, 8);
    CircuitBreakerSpec breaker;
    breaker.failure_threshold = 5;
    breaker.open_ms = 2000;
    s.architectures[0].edges[1].circuit_breaker = breaker; // order-service → inventory
    s.architectures[0].edges[1].timeout_ms = 200;
    FaultSpec slow = fault(FaultKind::Slow, QStringLiteral("inventory"), 100, 60);
    slow.add_ms = 1000; // every call times out
    s.faults = {slow};
    Simulation sim(s);
    Totals totals;
    sim.setObserver(&totals);
    sim.run();
    QVERIFY(totals.count(SimEventKind::BreakerOpen) >= 1);
    QVERIFY(totals.count(SimEventKind::BreakerClosed) >= 1);
    // While open, calls never reach inventory: it sees far fewer requests than orders placed.
    const NodeSample &inventory = totals.totals[{0, 3}];
    const NodeSample &orderService = totals.totals[{0, 1}];
    QVERIFY(inventory.arrivals + 2000 < orderService.arrivals);
    // Only few calls time out: the breaker cut them short.
    QVERIFY(orderService.timeouts < 200);
}

void FaultsTest::errorRateFailsTightButIsRetriedWhenDecoupled()
{
    Scenario s = shop(40, 400, 4);
    FaultSpec f = fault(FaultKind::ErrorRate, QStringLiteral("analytics"), 100, 100);
    f.rate = 0.5;
    s.faults = {f};
    Simulation sim(s);
    sim.run();
    const double tightFailed = at(arch(sim, "tight"), {"orders", "failed"}).toDouble();
    QVERIFY(std::abs(tightFailed - 2000) < 4 * std::sqrt(2000.0) + 40); // half of λT
    const QJsonObject d = arch(sim, "decoupled");
    QCOMPARE(at(d, {"orders", "failed"}).toInteger(), 0);
    QCOMPARE(at(d, {"orders", "lost"}).toInteger(), 0);
    // Each failed processing was done again: analytics failed ≈ 2000 times and still completed all.
    QVERIFY(at(d, {"services", "analytics", "failed"}).toInteger() > 1500);
    QVERIFY(at(d, {"services", "analytics", "completed"}).toInteger() >=
            at(d, {"orders", "completed"}).toInteger());
}

void FaultsTest::consumerCrashRebalancesWithoutLoss()
{
    Scenario s = shop(60, 400, 6);
    FaultSpec crash = fault(FaultKind::ConsumerCrash, QStringLiteral("inventory"), 100, 100);
    crash.consumers = 2;
    s.faults = {crash};
    Simulation sim(s);
    Totals totals;
    sim.setObserver(&totals);
    sim.runUntil(150);
    for (const GroupState &g : sim.groupStates(1))
        if (g.group == QLatin1String("inventory"))
            QCOMPARE(g.members, 1);
    sim.run();
    for (const GroupState &g : sim.groupStates(1))
        if (g.group == QLatin1String("inventory"))
            QCOMPARE(g.members, 3);
    // One rebalance when the two members crash, one when they come back; other groups unaffected.
    const auto inventoryRebalances =
        std::count_if(totals.events.begin(), totals.events.end(), [](const SimEvent &e) {
            return e.kind == SimEventKind::Rebalance && e.node == QLatin1String("inventory");
        });
    QCOMPARE(inventoryRebalances, 2);
    QCOMPARE(totals.count(SimEventKind::Rebalance), 2);
    QCOMPARE(at(arch(sim, "decoupled"), {"orders", "lost"}).toInteger(), 0);
    QVERIFY(arch(sim, "decoupled")["conservation_ok"].toBool());
}

void FaultsTest::networkCutFailsCallsAcrossIt()
{
    Scenario s = shop(30, 300, 12);
    FaultSpec cut = fault(FaultKind::NetworkCut, QStringLiteral("order-service"), 100, 50);
    cut.peer = QStringLiteral("inventory");
    s.faults = {cut};
    Simulation sim(s);
    sim.run();
    const double failed = at(arch(sim, "tight"), {"orders", "failed"}).toDouble();
    QVERIFY(std::abs(failed - 1500) < 4 * std::sqrt(1500.0) + 30);
    QCOMPARE(at(arch(sim, "decoupled"), {"orders", "failed"}).toInteger(), 0);
}

void FaultsTest::brokerDownWithAcksAllLosesNothing()
{
    Scenario s = shop(50, 300, 13);
    NodeSpec broker;
    broker.id = QStringLiteral("broker-0");
    broker.kind = NodeKind::Broker;
    broker.broker_id = 0;
    s.nodes.push_back(broker);
    s.faults = {fault(FaultKind::BrokerDown, QStringLiteral("broker-0"), 100, 60)};
    Simulation sim(s);
    Totals totals;
    sim.setObserver(&totals);
    sim.run();
    const QJsonObject d = arch(sim, "decoupled");
    QCOMPARE(at(d, {"orders", "lost"}).toInteger(), 0);
    // acks=all with min.insync.replicas=2 of 3: one broker down still accepts writes.
    QVERIFY(at(d, {"orders", "failed"}).toInteger() < 20);
    QVERIFY(totals.count(SimEventKind::LeaderChange) > 0);
}

void FaultsTest::partitionsCapParallelism()
{
    // 8 consumers on a 6-partition topic: 2 idle members.
    Scenario s = shop(20, 30, 2);
    s.architectures[1].edges[2].consumers = 8;
    Simulation sim(s);
    sim.run();
    for (const GroupState &g : sim.groupStates(1))
        if (g.group == QLatin1String("inventory")) {
            QCOMPARE(g.members, 8);
            QCOMPARE(g.idle_members, 2);
        }
}

QTEST_GUILESS_MAIN(FaultsTest)
#include "tst_faults.moc"
