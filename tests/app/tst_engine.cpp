// The engine's mechanics: determinism, identical traffic in every architecture, traffic
// patterns, run control (step / runUntil / now), observers, live faults and bad scenarios.

#include "../FaultRows.h"
#include "Cluster.h"
#include "EngineTestScenarios.h"
#include "Simulation.h"
#include "SimulationObserver.h"

#include <QJsonDocument>
#include <QtTest>

#include <cmath>

using namespace postoffice::app;
namespace broker = postoffice::broker;
using namespace postoffice::app::testing;

namespace {

QByteArray summaryWithoutWall(const Simulation &sim)
{
    QJsonObject j = sim.summaryJson();
    j.remove(QStringLiteral("wall_s"));
    return QJsonDocument(j).toJson(QJsonDocument::Compact);
}

// Records what the engine reports, per second.
class Recorder : public SimulationObserver
{
public:
    explicit Recorder(bool messages = false) : m_wantsMessages(messages) {}
    void onSample(qint64 second, const std::vector<ArchitectureSample> &samples) override
    {
        seconds.push_back(second);
        last = samples;
        for (const ArchitectureSample &a : samples)
            for (const NodeSample &n : a.nodes)
                if (n.node == 0)
                    arrivals[a.architecture].push_back(n.arrivals);
    }
    void onEvent(const SimEvent &e) override { events.push_back(e); }
    bool wantsMessages() const override { return m_wantsMessages; }
    void onMessage(int, int, MessageKind, double start, double end) override
    {
        ++messages;
        QVERIFY(end >= start);
    }

    std::vector<qint64> seconds;
    std::map<int, std::vector<quint32>> arrivals;
    std::vector<ArchitectureSample> last;
    std::vector<SimEvent> events;
    int messages = 0;

private:
    bool m_wantsMessages;
};

} // namespace

class EngineTest : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSameSummary();
    void differentSeedDifferentSummary();
    void architecturesSeeIdenticalArrivals();
    void trafficPatterns_data();
    void trafficPatterns();
    void runControl();
    void stepAdvancesOneEventAtATime();
    void samplesEverySecond();
    void messagesOnlyWhenAsked();
    void clusterShowsStoredRecords();
    void liveFaultStartsAndEnds_data();
    void liveFaultStartsAndEnds();
    void narrationIsAnEvent();
    void badScenarioIsAnError_data();
    void badScenarioIsAnError();
    void seedAndDurationOverride();
};

void EngineTest::sameSeedSameSummary()
{
    Scenario s = shop(80, 300, 42);
    s.faults = {fault(FaultKind::Down, QStringLiteral("notification"), 60, 60)};
    Simulation a(s), b(s);
    a.run();
    b.run();
    QCOMPARE(summaryWithoutWall(a), summaryWithoutWall(b));
    QCOMPARE(a.eventsProcessed(), b.eventsProcessed());
}

void EngineTest::differentSeedDifferentSummary()
{
    Simulation a(shop(80, 120, 1)), b(shop(80, 120, 2));
    a.run();
    b.run();
    QVERIFY(summaryWithoutWall(a) != summaryWithoutWall(b));
}

void EngineTest::architecturesSeeIdenticalArrivals()
{
    // Checkout (node 0) places the same orders at the same times in both architectures, even
    // though everything downstream differs — and under a traffic spike too.
    Scenario s = shop(50, 120, 9);
    FaultSpec spike = fault(FaultKind::Spike, QStringLiteral("checkout"), 30, 20);
    spike.factor = 4;
    s.faults = {spike};
    Simulation sim(s);
    Recorder rec;
    sim.setObserver(&rec);
    sim.run();
    QCOMPARE(rec.arrivals[0].size(), std::size_t(120));
    QCOMPARE(rec.arrivals[0], rec.arrivals[1]);
    const RunSummary summary = sim.summary();
    QCOMPARE(summary.architectures[0].placed, summary.architectures[1].placed);
    // The spike is visible: 4× the rate during [30, 50).
    double during = 0, before = 0;
    for (int i = 0; i < 20; ++i) {
        before += rec.arrivals[0][std::size_t(5 + i)];
        during += rec.arrivals[0][std::size_t(31 + i)];
    }
    QVERIFY2(during > 3.0 * before, qPrintable(QStringLiteral("%1 vs %2").arg(during).arg(before)));
}

void EngineTest::trafficPatterns_data()
{
    QTest::addColumn<int>("pattern");
    QTest::addColumn<double>("expectedOrders");
    QTest::addColumn<double>("tolerance");
    // constant: exactly one per 1/rate; poisson: mean λT, s.d. √(λT).
    QTest::newRow("constant 10/s") << int(TrafficPattern::Constant) << 36000.0 << 1.0;
    QTest::newRow("poisson 10/s") << int(TrafficPattern::Poisson) << 36000.0 << 4 * std::sqrt(36000.0);
    // ramp 10 → 30 over the hour: mean 20/s.
    QTest::newRow("ramp 10→30") << int(TrafficPattern::Ramp) << 72000.0 << 4 * std::sqrt(72000.0);
    // spike: 10/s, 100/s for 600 s.
    QTest::newRow("spike") << int(TrafficPattern::Spike) << (10.0 * 3000 + 100.0 * 600)
                           << 4 * std::sqrt(90000.0);
}

void EngineTest::trafficPatterns()
{
    QFETCH(int, pattern);
    QFETCH(double, expectedOrders);
    QFETCH(double, tolerance);
    Scenario s = singleService(10, 1, 4, 3600, 17);
    TrafficSpec &t = s.nodes[0].traffic;
    t.pattern = TrafficPattern(pattern);
    t.to_rate_per_s = 30;
    t.ramp_s = 3600;
    t.spike_rate_per_s = 100;
    t.spike_at_s = 1000;
    t.spike_duration_s = 600;
    Simulation sim(s);
    sim.run();
    const double placed = double(sim.summary().architectures[0].placed);
    QVERIFY2(std::abs(placed - expectedOrders) <= tolerance,
             qPrintable(QStringLiteral("%1 orders, expected %2").arg(placed).arg(expectedOrders)));
}

void EngineTest::runControl()
{
    Simulation sim(shop(20, 100, 1));
    QVERIFY(sim.isValid());
    QCOMPARE(sim.architectures(), (QStringList{"tight", "decoupled"}));
    QCOMPARE(sim.now(), 0.0);
    sim.runUntil(10.5);
    QCOMPARE(sim.now(), 10.5);
    QVERIFY(!sim.finished());
    const quint64 events = sim.eventsProcessed();
    QVERIFY(events > 0);
    sim.runUntil(5); // never backwards
    QCOMPARE(sim.now(), 10.5);
    sim.runUntil(1000); // capped at the duration
    QCOMPARE(sim.now(), 100.0);
    QVERIFY(sim.finished());
    QVERIFY(!sim.step());
    QVERIFY(sim.eventsProcessed() > events);
}

void EngineTest::stepAdvancesOneEventAtATime()
{
    // Stepping through a run gives the same result as running it.
    Simulation stepped(shop(20, 30, 4)), ran(shop(20, 30, 4));
    double last = 0;
    int steps = 0;
    while (stepped.step()) {
        QVERIFY(stepped.now() >= last);
        last = stepped.now();
        ++steps;
    }
    ran.run();
    QVERIFY(steps > 100);
    QCOMPARE(summaryWithoutWall(stepped), summaryWithoutWall(ran));
}

void EngineTest::samplesEverySecond()
{
    Simulation sim(shop(30, 20, 2));
    Recorder rec;
    sim.setObserver(&rec);
    sim.runUntil(7.5);
    QCOMPARE(rec.seconds.size(), std::size_t(7));
    sim.run();
    QCOMPARE(rec.seconds.size(), std::size_t(20));
    for (std::size_t i = 0; i < rec.seconds.size(); ++i)
        QCOMPARE(rec.seconds[i], qint64(i + 1));
    QCOMPARE(rec.last.size(), std::size_t(2));
    const ArchitectureSample &decoupled = rec.last[1];
    QCOMPARE(decoupled.groups.size(), std::size_t(3));
    QCOMPARE(decoupled.groups[0].partition_lag.size(), std::size_t(6));
    QCOMPARE(sim.groupNames(1), (QStringList{"inventory", "notification", "analytics"}));
    const OrderSample &o = decoupled.orders;
    QCOMPARE(o.placed, o.completed + o.failed + o.lost + o.in_flight);
    // The decoupled customer is answered once the order is published, before the consumers finish.
    QVERIFY(o.response_p95_ms > 0.f);
    QVERIFY2(
        o.response_p95_ms < o.e2e_p95_ms,
        qPrintable(
            QStringLiteral("customer %1 ms, all effects %2 ms").arg(o.response_p95_ms).arg(o.e2e_p95_ms)));
    QVERIFY(rec.last[0].orders.response_p95_ms > 0.f);
}

void EngineTest::messagesOnlyWhenAsked()
{
    Simulation quiet(shop(20, 10, 1)), animated(shop(20, 10, 1));
    Recorder noMessages(false), messages(true);
    quiet.setObserver(&noMessages);
    animated.setObserver(&messages);
    quiet.run();
    animated.run();
    QCOMPARE(noMessages.messages, 0);
    QVERIFY(messages.messages > 200); // every call, reply, publish and delivery
    // Watching does not change what happens.
    QCOMPARE(summaryWithoutWall(quiet), summaryWithoutWall(animated));
}

void EngineTest::clusterShowsStoredRecords()
{
    Simulation sim(shop(20, 10, 1));
    sim.runUntil(5);
    QVERIFY(sim.cluster(-1) == nullptr);
    QVERIFY(sim.cluster(sim.architectures().size()) == nullptr);
    const int decoupled = int(sim.architectures().indexOf(QStringLiteral("decoupled")));
    const broker::Cluster *cluster = sim.cluster(decoupled);
    QVERIFY(cluster);
    QVERIFY(!cluster->topicNames().empty());
    const std::string topic = cluster->topicNames().front();
    std::int64_t stored = 0;
    for (std::int32_t p = 0; p < cluster->partitionCount(topic); ++p) {
        broker::FetchResult result;
        QCOMPARE(cluster->read(topic, p, cluster->logStartOffset(topic, p), 1000, result),
                 broker::ErrorCode::None);
        stored += std::int64_t(result.records.size());
    }
    QVERIFY(stored > 50); // about 20 orders/s for 5 s, all published
}

void EngineTest::liveFaultStartsAndEnds_data()
{
    postoffice::testing::addFaultColumns();
    QTest::addColumn<QString>("architecture");
    // The target's health while the fault lasts; -1: the fault shows elsewhere (a cut link on its
    // edge, a crashed consumer in its group's lag, a spike in the traffic). A broker exists only
    // where there are topics: its row is limited to the decoupled architecture.
    QTest::addColumn<int>("health");
    QTest::newRow("service down") << int(FaultKind::Down) << "inventory"
                                  << "" << 1.0 << 0.0 << 0.0 << 1 << "" << int(NodeHealth::Down);
    QTest::newRow("slow ×factor") << int(FaultKind::Slow) << "inventory"
                                  << "" << 4.0 << 0.0 << 0.0 << 1 << "" << int(NodeHealth::Slow);
    QTest::newRow("slow +ms") << int(FaultKind::Slow) << "notification"
                              << "" << 1.0 << 250.0 << 0.0 << 1 << "" << int(NodeHealth::Slow);
    QTest::newRow("error rate") << int(FaultKind::ErrorRate) << "analytics"
                                << "" << 1.0 << 0.0 << 0.3 << 1 << "" << int(NodeHealth::Failing);
    QTest::newRow("consumer crash") << int(FaultKind::ConsumerCrash) << "inventory"
                                    << "" << 1.0 << 0.0 << 0.0 << 2 << "decoupled" << -1;
    QTest::newRow("broker down") << int(FaultKind::BrokerDown) << "broker-0"
                                 << "" << 1.0 << 0.0 << 0.0 << 1 << "decoupled" << int(NodeHealth::Down);
    QTest::newRow("network cut") << int(FaultKind::NetworkCut) << "order-service"
                                 << "notification" << 1.0 << 0.0 << 0.0 << 1 << "tight" << -1;
    QTest::newRow("traffic spike") << int(FaultKind::Spike) << "checkout"
                                   << "" << 3.0 << 0.0 << 0.0 << 1 << "" << -1;
}

void EngineTest::liveFaultStartsAndEnds()
{
    QFETCH(QString, architecture);
    QFETCH(int, health);
    Scenario s = shop(50, 200, 3);
    NodeSpec broker;
    broker.id = QStringLiteral("broker-0");
    broker.kind = NodeKind::Broker;
    broker.broker_id = 0;
    s.nodes.push_back(broker);
    Simulation sim(s);
    QVERIFY2(sim.isValid(), qPrintable(sim.errorString()));
    Recorder rec;
    sim.setObserver(&rec);
    sim.runUntil(50);
    FaultSpec f = postoffice::testing::fetchFault();
    const QString target = f.target;
    f.architecture = architecture;
    const std::size_t beforeStart = rec.events.size();
    const int id = sim.injectFault(f);
    // The fault is logged before what it causes (a broker down: leader and ISR changes at once).
    QVERIFY(rec.events.size() > beforeStart);
    QCOMPARE(rec.events[beforeStart].kind, SimEventKind::FaultStart);
    sim.runUntil(80);
    const QStringList names = sim.architectures();
    for (int a = 0; a < names.size(); ++a) {
        const bool applies = architecture.isEmpty() || names[a] == architecture;
        if (health >= 0)
            QCOMPARE(int(sim.nodeState(a, target).health), applies ? health : int(NodeHealth::Ok));
    }
    const std::size_t beforeEnd = rec.events.size();
    sim.endFault(id);
    QVERIFY(rec.events.size() > beforeEnd);
    QCOMPARE(rec.events[beforeEnd].kind, SimEventKind::FaultEnd);
    sim.runUntil(90);
    if (health >= 0)
        for (int a = 0; a < names.size(); ++a)
            QCOMPARE(sim.nodeState(a, target).health, NodeHealth::Ok);
    // One start and one end, each carrying the fault as injected: an observer words it from
    // these fields, never from the text.
    std::vector<SimEvent> faultEvents;
    for (const SimEvent &e : rec.events)
        if (e.kind == SimEventKind::FaultStart || e.kind == SimEventKind::FaultEnd)
            faultEvents.push_back(e);
    QCOMPARE(int(faultEvents.size()), 2);
    QCOMPARE(faultEvents[0].kind, SimEventKind::FaultStart);
    QCOMPARE(faultEvents[1].kind, SimEventKind::FaultEnd);
    QCOMPARE(faultEvents[0].t_s, 50.0);
    QCOMPARE(faultEvents[1].t_s, 80.0);
    for (const SimEvent &e : faultEvents) {
        QCOMPARE(e.fault_id, id);
        QCOMPARE(e.node, target);
        QVERIFY(e.fault.has_value());
        QCOMPARE(e.fault->kind, f.kind);
        QCOMPARE(e.fault->target, target);
        QCOMPARE(e.fault->peer, f.peer);
        QCOMPARE(e.fault->factor, f.factor);
        QCOMPARE(e.fault->add_ms, f.add_ms);
        QCOMPARE(e.fault->rate, f.rate);
        QCOMPARE(e.fault->consumers, f.consumers);
        QCOMPARE(e.fault->architecture, architecture);
    }
    // Events other than faults carry no fault.
    for (const SimEvent &e : rec.events)
        if (e.kind != SimEventKind::FaultStart && e.kind != SimEventKind::FaultEnd)
            QVERIFY(!e.fault.has_value());
}

void EngineTest::narrationIsAnEvent()
{
    Scenario s = shop(10, 30, 1);
    s.narration = {{5.0, QStringLiteral("Watch the lag."), true, {}}};
    Simulation sim(s);
    Recorder rec;
    sim.setObserver(&rec);
    sim.run();
    const auto it = std::find_if(rec.events.begin(), rec.events.end(),
                                 [](const SimEvent &e) { return e.kind == SimEventKind::Narration; });
    QVERIFY(it != rec.events.end());
    QCOMPARE(it->t_s, 5.0);
    QCOMPARE(it->text, QStringLiteral("Watch the lag."));
    QVERIFY(it->pause);
}

void EngineTest::badScenarioIsAnError_data()
{
    QTest::addColumn<int>("mistake");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown edge target") << 0 << QStringLiteral("unknown node \"nowhere\"");
    QTest::newRow("publish to a service") << 1 << QStringLiteral("publish edge 1 must go");
    QTest::newRow("replication above brokers") << 2 << QStringLiteral("replication factor 5");
    QTest::newRow("fault on unknown node") << 3 << QStringLiteral("fault 0 targets unknown node");
    QTest::newRow("no architecture") << 4 << QStringLiteral("no architecture");
}

void EngineTest::badScenarioIsAnError()
{
    QFETCH(int, mistake);
    QFETCH(QString, expected);
    Scenario s = shop(10, 10, 1);
    switch (mistake) {
    case 0:
        s.architectures[0].edges[1].to = QStringLiteral("nowhere");
        break;
    case 1:
        s.architectures[1].edges[1].to = QStringLiteral("inventory");
        break;
    case 2:
        s.node(QStringLiteral("orders"))->replication_factor = 5;
        break;
    case 3:
        s.faults = {fault(FaultKind::Down, QStringLiteral("ghost"), 1, 1)};
        break;
    case 4:
        s.architectures.clear();
        break;
    }
    Simulation sim(s);
    QVERIFY(!sim.isValid());
    QVERIFY2(sim.errorString().contains(expected), qPrintable(sim.errorString()));
    QVERIFY(sim.finished());
    sim.run(); // harmless
    QCOMPARE(sim.eventsProcessed(), 0u);
}

void EngineTest::seedAndDurationOverride()
{
    SimulationOptions options;
    options.seed = 99;
    options.duration_s = 12;
    Simulation sim(shop(10, 1000, 1), options);
    QCOMPARE(sim.seed(), quint64(99));
    QCOMPARE(sim.duration(), 12.0);
    sim.run();
    QCOMPARE(sim.summaryJson()["seed"].toInteger(), 99);
    QCOMPARE(sim.summaryJson()["duration_s"].toDouble(), 12.0);
}

QTEST_GUILESS_MAIN(EngineTest)
#include "tst_engine.moc"
