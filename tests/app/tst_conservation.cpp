// Order conservation (DESIGN.md §4): at the end of every run, per architecture,
// placed = completed + failed + lost + in flight — where in flight counts the orders whose state
// is still held, so the identity is a real check of the engine's bookkeeping, not a definition.

#include "EngineTestScenarios.h"
#include "ScenarioLoader.h"
#include "Simulation.h"

#include <QDir>
#include <QJsonObject>
#include <QtTest>

using namespace postoffice::app;
using namespace postoffice::app::testing;

Q_DECLARE_METATYPE(postoffice::app::Scenario)

namespace {

Scenario withTopicConfig(Scenario s, const char *key, const char *value)
{
    s.node(QStringLiteral("orders"))->config[QString::fromLatin1(key)] = QString::fromLatin1(value);
    return s;
}

Scenario brokerFailure(const QString &acks, bool unclean)
{
    Scenario s = shop(100, 600, 11);
    NodeSpec broker;
    broker.id = QStringLiteral("broker-1");
    broker.kind = NodeKind::Broker;
    broker.broker_id = 1;
    s.nodes.push_back(broker);
    s.architectures[1].edges[1].acks = acks;
    s.node(QStringLiteral("orders"))->config[QStringLiteral("min.insync.replicas")] = QStringLiteral("1");
    if (unclean)
        s.node(QStringLiteral("orders"))->config[QStringLiteral("unclean.leader.election.enable")] =
            QStringLiteral("true");
    // Followers fall far behind, then the leader dies: what acks allowed to be lost is lost.
    s.cluster.replica_fetch_delay_ms = 2000;
    s.faults = {fault(FaultKind::BrokerDown, QStringLiteral("broker-1"), 200, 120)};
    return s;
}

} // namespace

class ConservationTest : public QObject
{
    Q_OBJECT

private slots:
    void conserved_data();
    void conserved();
    void shippedScenarios_data();
    void shippedScenarios();
};

void ConservationTest::conserved_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<bool>("expectLoss");
    QTest::newRow("shop baseline") << shop(100, 300, 1) << false;
    Scenario outage = shop(100, 900, 2);
    outage.faults = {fault(FaultKind::Down, QStringLiteral("notification"), 100, 300)};
    QTest::newRow("notification outage") << outage << false;
    Scenario crash = shop(100, 600, 3);
    FaultSpec c = fault(FaultKind::ConsumerCrash, QStringLiteral("inventory"), 100, 200);
    c.consumers = 2;
    crash.faults = {c};
    QTest::newRow("consumer crash") << crash << false;
    Scenario flaky = shop(100, 300, 4);
    FaultSpec e = fault(FaultKind::ErrorRate, QStringLiteral("analytics"), 50, 100);
    e.rate = 0.3;
    flaky.faults = {e, fault(FaultKind::Slow, QStringLiteral("inventory"), 60, 60)};
    flaky.faults[1].factor = 20;
    QTest::newRow("errors and slowness") << flaky << false;
    Scenario cut = shop(100, 300, 5);
    FaultSpec n = fault(FaultKind::NetworkCut, QStringLiteral("order-service"), 100, 30);
    n.peer = QStringLiteral("inventory");
    FaultSpec n2 = fault(FaultKind::NetworkCut, QStringLiteral("orders"), 150, 30);
    n2.peer = QStringLiteral("notification");
    cut.faults = {n, n2};
    QTest::newRow("network cuts") << cut << false;
    // retention.ms shorter than the outage: unread records are deleted, and counted as lost.
    Scenario retention = withTopicConfig(shop(50, 1800, 6), "retention.ms", "60000");
    retention.node(QStringLiteral("orders"))->config[QStringLiteral("segment.ms")] = QStringLiteral("10000");
    retention.cluster.config[QStringLiteral("log.retention.check.interval.ms")] = QStringLiteral("5000");
    retention.faults = {fault(FaultKind::Down, QStringLiteral("notification"), 100, 600)};
    QTest::newRow("retention passes unread records") << retention << true;
    QTest::newRow("broker down acks=all") << brokerFailure(QStringLiteral("all"), false) << false;
    QTest::newRow("broker down acks=1 unclean") << brokerFailure(QStringLiteral("1"), true) << true;
    QTest::newRow("broker down acks=0") << brokerFailure(QStringLiteral("0"), true) << true;
}

void ConservationTest::conserved()
{
    QFETCH(Scenario, scenario);
    QFETCH(bool, expectLoss);
    Simulation sim(scenario);
    QVERIFY2(sim.isValid(), qPrintable(sim.errorString()));
    sim.run();
    const RunSummary summary = sim.summary();
    quint64 lost = 0;
    for (const ArchitectureSummary &a : summary.architectures) {
        QVERIFY2(a.conservation_ok, qPrintable(a.name));
        QCOMPARE(a.placed, a.completed + a.failed + a.lost + a.in_flight);
        QVERIFY(a.placed > 0);
        quint64 byReason = 0;
        for (const auto &[reason, n] : a.lost_by_reason)
            byReason += n;
        QCOMPARE(byReason, a.lost); // every lost order has a stated reason
        lost += a.lost;
        if (a.name == QLatin1String("tight"))
            QCOMPARE(a.lost, 0u); // no topics, nothing to lose
    }
    if (expectLoss)
        QVERIFY2(lost > 0, "this scenario is built to lose records");
    else
        QCOMPARE(lost, 0u);
}

void ConservationTest::shippedScenarios_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        if (!f.contains(QLatin1String("schema")))
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void ConservationTest::shippedScenarios()
{
    QFETCH(QString, path);
    const ScenarioLoader::Result loaded = ScenarioLoader::load(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.messages().join(QLatin1Char('\n'))));
    // A shortened run keeps the suite quick; the fault timelines mostly fall in the first hour.
    SimulationOptions options;
    options.duration_s = std::min(loaded.scenario->duration_s, 3600.0);
    Simulation sim(*loaded.scenario, options);
    QVERIFY2(sim.isValid(), qPrintable(sim.errorString()));
    sim.run();
    for (const ArchitectureSummary &a : sim.summary().architectures) {
        QVERIFY2(a.conservation_ok, qPrintable(a.name));
        QVERIFY(a.placed > 0);
    }
}

QTEST_GUILESS_MAIN(ConservationTest)
#include "tst_conservation.moc"
