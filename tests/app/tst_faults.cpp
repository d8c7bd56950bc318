// Faults teach the difference between the architectures: a service down fails tight orders but
// only builds lag when decoupled; one slow service slows a tight chain; breakers, retries and
// timeouts behave as their settings say.

#include "CircuitBreaker.h"
#include "EngineTestScenarios.h"
#include "ScenarioLoader.h"
#include "ScenarioWriter.h"
#include "Simulation.h"
#include "SimulationObserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <memory>
#include <set>

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

// Broker 0 of the shop's cluster as a node of its own, so that a fault can take it down.
NodeSpec brokerNode()
{
    NodeSpec broker;
    broker.id = QStringLiteral("broker-0");
    broker.kind = NodeKind::Broker;
    broker.broker_id = 0;
    return broker;
}

// The shop at 50 orders/s with broker 0 down from t = 100 for 60 s, run to the end. orders has 6
// partitions with 3 replicas on 3 brokers, so broker 0 holds a replica of every partition.
std::unique_ptr<Simulation> runWithBrokerDown(Totals &totals)
{
    Scenario s = shop(50, 300, 13);
    s.nodes.push_back(brokerNode());
    s.faults = {fault(FaultKind::BrokerDown, QStringLiteral("broker-0"), 100, 60)};
    auto sim = std::make_unique<Simulation>(s);
    sim->setObserver(&totals);
    sim->run();
    return sim;
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
    void rebalanceEventsCarryTheirFigures_data();
    void rebalanceEventsCarryTheirFigures();
    void consumerCrashIsNoticedAfterTheSessionTimeout_data();
    void consumerCrashIsNoticedAfterTheSessionTimeout();
    void redeliveriesAreReported_data();
    void redeliveriesAreReported();
    void sessionTimeoutIsReadAndChecked();
    void networkCutFailsCallsAcrossIt();
    void brokerDownWithAcksAllLosesNothing();
    void brokerDownReportsIsrAndLeaderChanges();
    void offlinePartitionIsNotRead();
    void healthShowsWhatFails();
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
    // Every group's first generation at time 0 (reported although the observer attached after the
    // groups formed); then one rebalance when the two members' sessions time out, one when they
    // come back; the other groups are unaffected.
    const auto inventoryRebalances =
        std::count_if(totals.events.begin(), totals.events.end(), [](const SimEvent &e) {
            return e.kind == SimEventKind::Rebalance && e.node == QLatin1String("inventory");
        });
    QCOMPARE(inventoryRebalances, 3);
    QCOMPARE(totals.count(SimEventKind::Rebalance), 3 + 2);
    for (const SimEvent &e : totals.events)
        if (e.kind == SimEventKind::Rebalance && e.node != QLatin1String("inventory")) {
            QCOMPARE(e.t_s, 0.0);
            QCOMPARE(e.count, 1);
        }
    QCOMPARE(at(arch(sim, "decoupled"), {"orders", "lost"}).toInteger(), 0);
    QVERIFY(arch(sim, "decoupled")["conservation_ok"].toBool());
}

void FaultsTest::rebalanceEventsCarryTheirFigures_data()
{
    QTest::addColumn<int>("consumers");
    QTest::addColumn<int>("crashed");
    QTest::addColumn<QList<int>>("moved"); // per generation, worked out by hand below
    // The range assignor gives members, sorted by id, consecutive runs of partitions; the first
    // members crash and come back under their old ids.
    // 6 on 6: one each. 000 and 001 leave: 002 [0,1], 003 [2,3], 004 [4], 005 [5] — 0, 1 and 2
    // change hands; when they return, 0, 1 and 2 go back.
    QTest::newRow("6 consumers, 2 crash") << 6 << 2 << QList<int>{6, 3, 3};
    // 7 on 6: 006 idles. 000 leaves: every survivor shifts one partition down (range does not
    // keep what it can), so all 6 move, and all 6 move back.
    QTest::newRow("7 consumers (1 idle), 1 crashes") << 7 << 1 << QList<int>{6, 6, 6};
    // Nobody is left to take anything; then all 6 are handed out again.
    QTest::newRow("3 consumers, all crash") << 3 << 3 << QList<int>{6, 0, 6};
}

void FaultsTest::rebalanceEventsCarryTheirFigures()
{
    QFETCH(int, consumers);
    QFETCH(int, crashed);
    QFETCH(QList<int>, moved);
    // inventory reads the 6-partition orders topic; `crashed` of its consumers crash at t = 100 for
    // 100 s. Generation 1 has every consumer, 2 the survivors, 3 everyone again.
    Scenario s = shop(60, 400, 6);
    EdgeSpec &edge = s.architectures[1].edges[2];
    QCOMPARE(edge.to, QStringLiteral("inventory"));
    edge.consumers = consumers;
    FaultSpec crash = fault(FaultKind::ConsumerCrash, QStringLiteral("inventory"), 100, 100);
    crash.consumers = crashed;
    s.faults = {crash};
    Simulation sim(s);
    QVERIFY(sim.isValid());
    Totals totals;
    sim.setObserver(&totals);
    sim.run();
    std::vector<SimEvent> inventory;
    for (const SimEvent &e : totals.events)
        if (e.kind == SimEventKind::Rebalance && e.node == QLatin1String("inventory"))
            inventory.push_back(e);
    QCOMPARE(inventory.size(), std::size_t(3));
    const int expectedMembers[] = {consumers, consumers - crashed, consumers};
    // The engine's text lists each member's partitions: the figures must agree with it. A
    // partition moved when its owner after the rebalance did not hold it before.
    static const QRegularExpression owns(QStringLiteral("(\\S+) ← \\[([\\d,]*)\\]"));
    std::map<QString, std::set<int>> before;
    for (std::size_t i = 0; i < inventory.size(); ++i) {
        const SimEvent &e = inventory[i];
        QCOMPARE(e.count, qint64(i + 1));
        QCOMPARE(e.members, expectedMembers[i]);
        QCOMPARE(e.partitions, 6);
        std::map<QString, std::set<int>> after;
        int changedHands = 0;
        for (auto m = owns.globalMatch(e.text); m.hasNext();) {
            const QRegularExpressionMatch match = m.next();
            std::set<int> &mine = after[match.captured(1)];
            for (const QString &p : match.captured(2).split(u',', Qt::SkipEmptyParts)) {
                mine.insert(p.toInt());
                changedHands += before[match.captured(1)].count(p.toInt()) == 0 ? 1 : 0;
            }
        }
        QCOMPARE(int(after.size()), e.members);
        QCOMPARE(e.moved, changedHands);
        QCOMPARE(e.moved, moved[qsizetype(i)]);
        // Partitions whose member left must move, as long as somebody is left to take them.
        int orphaned = 0;
        for (const auto &[member, partitions] : before)
            if (after.count(member) == 0)
                orphaned += int(partitions.size());
        if (e.members > 0)
            QVERIFY2(e.moved >= orphaned, qPrintable(e.text));
        before = std::move(after);
    }
}

namespace {

// Per-second lag of each partition and completions of one node, for one group of one architecture.
class GroupWatch : public SimulationObserver
{
public:
    GroupWatch(int architecture, int group, int node)
        : m_architecture(architecture), m_group(group), m_node(node)
    {}
    void onSample(qint64 second, const std::vector<ArchitectureSample> &samples) override
    {
        const ArchitectureSample &a = samples[std::size_t(m_architecture)];
        lag[second] = a.groups[std::size_t(m_group)].partition_lag;
        for (const NodeSample &n : a.nodes)
            if (n.node == m_node)
                completions[second] = n.completions;
    }
    void onEvent(const SimEvent &e) override
    {
        if (e.kind == SimEventKind::Rebalance && e.architecture == m_architecture)
            rebalances.push_back(e);
    }
    std::map<qint64, std::vector<qint64>> lag;
    std::map<qint64, quint64> completions;
    std::vector<SimEvent> rebalances;

private:
    int m_architecture;
    int m_group;
    int m_node;
};

} // namespace

void FaultsTest::consumerCrashIsNoticedAfterTheSessionTimeout_data()
{
    QTest::addColumn<QString>("assignor");
    QTest::addColumn<double>("sessionMs"); // 0: the default, 45 s
    QTest::addColumn<bool>("eager");
    QTest::newRow("range, default session") << QStringLiteral("range") << 0.0 << true;
    QTest::newRow("roundrobin, 10 s session") << QStringLiteral("roundrobin") << 10000.0 << true;
    QTest::newRow("cooperative-sticky, default session")
        << QStringLiteral("cooperative-sticky") << 0.0 << false;
}

void FaultsTest::consumerCrashIsNoticedAfterTheSessionTimeout()
{
    QFETCH(QString, assignor);
    QFETCH(double, sessionMs);
    QFETCH(bool, eager);
    const double session = sessionMs > 0 ? sessionMs / 1000.0 : 45.0;
    // 1 of 3 inventory consumers on the 6-partition topic crashes at t = 102 for 200 s under 60
    // orders/s: 10 records/s per partition. Its last auto-commit (every 5 s) was at t = 100.
    Scenario s = shop(60, 400, 31);
    EdgeSpec &edge = s.architectures[1].edges[2];
    edge.assignor = assignor;
    if (sessionMs > 0)
        edge.session_timeout_ms = sessionMs;
    s.faults = {fault(FaultKind::ConsumerCrash, QStringLiteral("inventory"), 102, 200)};
    Simulation sim(s);
    QVERIFY(sim.isValid());
    const int group = int(sim.groupNames(1).indexOf(QStringLiteral("inventory")));
    GroupWatch watch(1, group, 3);
    sim.setObserver(&watch);
    sim.run();

    // Generation 1 at the start (reported to an observer attached after it), 2 once the crash is
    // noticed (session timeout + one JoinGroup/SyncGroup round), 3 when the consumer is back.
    const auto inventory = [&] {
        std::vector<SimEvent> out;
        for (const SimEvent &e : watch.rebalances)
            if (e.node == QLatin1String("inventory"))
                out.push_back(e);
        return out;
    }();
    QCOMPARE(inventory.size(), std::size_t(3));
    QCOMPARE(inventory[0].count, 1);
    QCOMPARE(inventory[0].t_s, 0.0);
    QCOMPARE(inventory[1].count, 2);
    QCOMPARE(inventory[1].t_s, 102 + session + 1.0);
    QVERIFY2(inventory[1].text.contains(QStringLiteral("inventory-consumer-000")),
             qPrintable(inventory[1].text));
    QVERIFY2(inventory[1].text.contains(QStringLiteral("2 members")), qPrintable(inventory[1].text));
    QCOMPARE(inventory[2].count, 3);
    QCOMPARE(inventory[2].t_s, 303.0);
    QVERIFY2(inventory[2].text.contains(QStringLiteral("3 members")), qPrintable(inventory[2].text));
    for (const GroupState &g : sim.groupStates(1))
        if (g.group == QLatin1String("inventory"))
            QCOMPARE(g.generation, 3);

    // The first member crashes; the first generation's event says which partitions it had.
    const QRegularExpressionMatch had =
        QRegularExpression(QStringLiteral("inventory-consumer-000 ← \\[(\\d+),(\\d+)\\]"))
            .match(inventory[0].text);
    QVERIFY2(had.hasMatch(), qPrintable(inventory[0].text));
    const std::vector<int> orphaned = {had.captured(1).toInt(), had.captured(2).toInt()};
    // They are read by nobody until the session times out: their lag grows ≈ 20 records/s; the
    // others' stays flat.
    const auto lagOf = [&](qint64 second, bool crashed) {
        qint64 sum = 0;
        for (int p = 0; p < 6; ++p)
            if ((std::find(orphaned.begin(), orphaned.end(), p) != orphaned.end()) == crashed)
                sum += watch.lag.at(second)[std::size_t(p)];
        return sum;
    };
    const qint64 detected = qint64(102 + session);
    const double expected = 20.0 * session;
    QVERIFY2(std::abs(double(lagOf(detected, true)) - expected) < 0.25 * expected + 100,
             qPrintable(QString::number(lagOf(detected, true))));
    for (qint64 t = 107; t <= detected; t += 5)
        QVERIFY2(lagOf(t, true) > lagOf(t - 5, true), qPrintable(QString::number(t)));
    for (qint64 t = 103; t <= detected; ++t)
        QVERIFY2(lagOf(t, false) < 400, qPrintable(QString::number(lagOf(t, false)))); // commit interval 5 s
    // Then the survivors take them over and drain the backlog within seconds.
    QVERIFY2(lagOf(detected + 30, true) < 150, qPrintable(QString::number(lagOf(detected + 30, true))));
    // Eager: every member stops for the round (≈ 40 records of its second go unprocessed);
    // cooperative-sticky: the survivors keep their partitions and keep going.
    const quint64 during = watch.completions.at(detected + 1);
    if (eager)
        QVERIFY2(during < 10, qPrintable(QString::number(during)));
    else
        QVERIFY2(during > 25, qPrintable(QString::number(during)));

    // At-least-once: what the crashed member processed in the 2 s after its last auto-commit
    // (≈ 40 records) comes again.
    const std::vector<quint64> redelivered = sim.groupRedeliveries(1);
    QVERIFY2(redelivered[std::size_t(group)] > 15 && redelivered[std::size_t(group)] < 80,
             qPrintable(QString::number(redelivered[std::size_t(group)])));
    const QJsonObject d = arch(sim, "decoupled");
    QCOMPARE(at(d, {"orders", "lost"}).toInteger(), 0);
    QCOMPARE(at(d, {"orders", "failed"}).toInteger(), 0);
    QVERIFY(d["conservation_ok"].toBool());
    QVERIFY(at(d, {"groups", "inventory", "end_lag"}).toInteger() < 150);
}

void FaultsTest::redeliveriesAreReported_data()
{
    QTest::addColumn<bool>("crash");
    QTest::newRow("healthy run") << false;
    QTest::newRow("two inventory consumers crash") << true;
}

void FaultsTest::redeliveriesAreReported()
{
    // At-least-once made visible: the records a crashed consumer processed after its last commit
    // are processed again by the member that takes its partitions over. The count is the same in
    // the summary JSON, the live group state and the engine's own tally; nothing else redelivers.
    QFETCH(bool, crash);
    Scenario s = shop(60, 300, 6);
    if (crash) {
        // Two seconds after an auto-commit (every 5 s): what the two did since then comes again.
        FaultSpec f = fault(FaultKind::ConsumerCrash, QStringLiteral("inventory"), 102, 100);
        f.consumers = 2;
        s.faults = {f};
    }
    Simulation sim(s);
    sim.run();
    const QJsonObject groups = arch(sim, "decoupled")["groups"].toObject();
    const std::vector<GroupState> states = sim.groupStates(1);
    const std::vector<quint64> tally = sim.groupRedeliveries(1);
    QCOMPARE(states.size(), tally.size());
    QCOMPARE(qsizetype(states.size()), groups.size());
    for (std::size_t g = 0; g < states.size(); ++g) {
        const qint64 json = groups[states[g].group].toObject()["redelivered"].toInteger(-1);
        QCOMPARE(json, qint64(tally[g]));
        QCOMPARE(states[g].redelivered, tally[g]);
        if (crash && states[g].group == QLatin1String("inventory"))
            QVERIFY2(json > 0, qPrintable(QString::number(json)));
        else
            QCOMPARE(json, 0);
    }
    QVERIFY(arch(sim, "decoupled")["conservation_ok"].toBool());
}

void FaultsTest::sessionTimeoutIsReadAndChecked()
{
    // A trainer writes the session timeout into the scenario file: it is read, saved back, and a
    // value that is not a positive number of milliseconds is refused with its JSON path.
    Scenario s = shop(10, 10, 1);
    s.architectures[1].edges[2].session_timeout_ms = 10000;
    const ScenarioLoader::Result back = ScenarioLoader::parse(ScenarioWriter::toBytes(s), "shop.json");
    QVERIFY2(back.ok(), qPrintable(back.errors().join(u'\n')));
    QCOMPARE(back.scenario->architectures[1].edges[2].session_timeout_ms, 10000.0);

    QJsonObject json = ScenarioWriter::toJson(s);
    QJsonObject archs = json["architectures"].toObject();
    QJsonObject decoupled = archs["decoupled"].toObject();
    QJsonArray edges = decoupled["edges"].toArray();
    QJsonObject subscribe = edges[2].toObject();
    subscribe["session_timeout_ms"] = -5;
    edges[2] = subscribe;
    decoupled["edges"] = edges;
    archs["decoupled"] = decoupled;
    json["architectures"] = archs;
    const ScenarioLoader::Result bad = ScenarioLoader::parse(QJsonDocument(json).toJson(), "shop.json");
    QVERIFY(!bad.ok());
    QVERIFY2(bad.errors().join(u'\n').contains("$.architectures.decoupled.edges[2].session_timeout_ms"),
             qPrintable(bad.errors().join(u'\n')));
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
    Totals totals;
    const std::unique_ptr<Simulation> sim = runWithBrokerDown(totals);
    const QJsonObject d = arch(*sim, "decoupled");
    QCOMPARE(at(d, {"orders", "lost"}).toInteger(), 0);
    // acks=all with min.insync.replicas=2 of 3: one broker down still accepts writes.
    QVERIFY(at(d, {"orders", "failed"}).toInteger() < 20);
    QVERIFY(totals.count(SimEventKind::LeaderChange) > 0);
}

void FaultsTest::healthShowsWhatFails()
{
    // While notification is down, the tight order service fails its callers although nothing is
    // wrong with it, and a broker that is down looks down; the decoupled order service is fine.
    Scenario s = shop(50, 300, 21);
    const NodeSpec broker = brokerNode();
    s.nodes.push_back(broker);
    s.faults = {fault(FaultKind::Down, QStringLiteral("notification"), 100, 100),
                fault(FaultKind::BrokerDown, QStringLiteral("broker-0"), 100, 60)};
    Simulation sim(s);
    const int tight = int(sim.architectures().indexOf(QStringLiteral("tight")));
    const int decoupled = int(sim.architectures().indexOf(QStringLiteral("decoupled")));
    const QString orders = QStringLiteral("order-service");
    sim.runUntil(90);
    QCOMPARE(sim.nodeState(tight, orders).health, NodeHealth::Ok);
    QCOMPARE(sim.nodeState(decoupled, broker.id).health, NodeHealth::Ok);
    sim.runUntil(150);
    QCOMPARE(sim.nodeState(tight, orders).health, NodeHealth::Failing);
    QCOMPARE(sim.nodeState(decoupled, orders).health, NodeHealth::Ok);
    QCOMPARE(sim.nodeState(decoupled, broker.id).health, NodeHealth::Down);
    sim.runUntil(250);
    QCOMPARE(sim.nodeState(tight, orders).health, NodeHealth::Ok);
    QCOMPARE(sim.nodeState(decoupled, broker.id).health, NodeHealth::Ok);
}

void FaultsTest::brokerDownReportsIsrAndLeaderChanges()
{
    // Broker 0 leads some of the partitions of orders and follows the others.
    Totals totals;
    const std::unique_ptr<Simulation> sim = runWithBrokerDown(totals);

    // The topic's creation is not news: nothing about leaders or replicas before the fault.
    std::map<int, std::vector<std::pair<double, QList<int>>>> isrs; // partition → (time, ISR)
    std::set<int> newLeaders;
    const QRegularExpression isrText(QStringLiteral("^orders\\[(\\d)\\] in-sync replicas: \\[([\\d,]*)\\]"));
    const QRegularExpression leaderText(QStringLiteral("^orders\\[(\\d)\\]: broker (\\d) leads"));
    for (const SimEvent &e : totals.events) {
        if (e.kind != SimEventKind::IsrChange && e.kind != SimEventKind::LeaderChange)
            continue;
        QCOMPARE(e.architecture, 1); // tight has no topic
        QCOMPARE(e.node, QStringLiteral("orders"));
        QVERIFY2(e.t_s >= 100, qPrintable(e.text));
        if (e.kind == SimEventKind::LeaderChange) {
            const QRegularExpressionMatch m = leaderText.match(e.text);
            QVERIFY2(m.hasMatch(), qPrintable(e.text));
            QCOMPARE(e.t_s, 100.0); // elected at once from the ISR
            QVERIFY(m.captured(2).toInt() != 0);
            newLeaders.insert(m.captured(1).toInt());
            continue;
        }
        const QRegularExpressionMatch m = isrText.match(e.text);
        QVERIFY2(m.hasMatch(), qPrintable(e.text));
        QList<int> members;
        for (const QString &b : m.captured(2).split(QLatin1Char(',')))
            members << b.toInt();
        QCOMPARE(e.count, qint64(members.size()));
        isrs[m.captured(1).toInt()].push_back({e.t_s, members});
    }
    QVERIFY(!newLeaders.empty());
    QVERIFY(newLeaders.size() < 6);
    QCOMPARE(isrs.size(), std::size_t(6));
    for (const auto &[partition, changes] : isrs) {
        // Fenced out the moment it goes down; back in once it has caught up after it returns.
        QVERIFY2(changes.size() >= 2, qPrintable(QString::number(partition)));
        QCOMPARE(changes.front().first, 100.0);
        QCOMPARE(changes.front().second.size(), 2);
        QVERIFY(!changes.front().second.contains(0));
        QVERIFY(changes.back().first >= 160.0);
        QCOMPARE(changes.back().second.size(), 3);
        QVERIFY(changes.back().second.contains(0));
    }
}

void FaultsTest::offlinePartitionIsNotRead()
{
    // With one replica per partition, broker 0 going down takes its partitions offline: consumers
    // must stop reading them (a fetch has no leader to ask) even with a backlog waiting, while
    // the other partitions are read on. The engine skips the broker for records a consumer could
    // already fetch, so this checks it notices the leader going away.
    Scenario s = shop(50, 200, 21);
    s.node(QStringLiteral("orders"))->replication_factor = 1;
    s.node(QStringLiteral("orders"))->config[QStringLiteral("min.insync.replicas")] = QStringLiteral("1");
    s.nodes.push_back(brokerNode());
    // inventory slowed 20×: its backlog grows from t = 20 on, so there is always something to read.
    FaultSpec slow = fault(FaultKind::Slow, QStringLiteral("inventory"), 20, 180);
    slow.factor = 20;
    s.faults = {slow, fault(FaultKind::BrokerDown, QStringLiteral("broker-0"), 100, 60)};
    Simulation sim(s);
    QVERIFY2(sim.isValid(), qPrintable(sim.errorString()));
    const auto committed = [&](const PartitionState &p) {
        for (const GroupOffset &g : p.groups)
            if (g.group == QLatin1String("inventory"))
                return g.committed;
        return qint64(-1);
    };
    sim.runUntil(106); // the records in hand at 100 are done and committed at 105
    const std::vector<PartitionState> before = sim.topicState(1, QStringLiteral("orders"));
    sim.runUntil(155);
    const std::vector<PartitionState> after = sim.topicState(1, QStringLiteral("orders"));
    int offline = 0, online = 0;
    QString seen;
    for (std::size_t p = 0; p < before.size(); ++p) {
        seen += QStringLiteral(" [%1: leader %2, log end %3, committed %4 → %5]")
                    .arg(p)
                    .arg(before[p].leader)
                    .arg(after[p].log_end)
                    .arg(committed(before[p]))
                    .arg(committed(after[p]));
        if (after[p].log_end <= committed(after[p]))
            continue; // nothing waited to be read here
        if (before[p].leader < 0) {
            ++offline;
            QCOMPARE(after[p].leader, -1);
            QCOMPARE(committed(after[p]), committed(before[p]));
        } else {
            ++online;
            QVERIFY2(committed(after[p]) > committed(before[p]) + 20, qPrintable(seen));
        }
    }
    QVERIFY2(offline > 0 && online > 0, qPrintable(seen));
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
