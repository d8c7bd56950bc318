// The summary JSON is a contract (DESIGN.md §8): exact key names, integer counts, absent things
// omitted rather than faked, and the definitions of utilization, waits and drain.

#include "EngineTestScenarios.h"
#include "Simulation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace postoffice::app;
using namespace postoffice::app::testing;

namespace {
QStringList keys(const QJsonValue &v)
{
    QStringList k = v.toObject().keys();
    k.sort();
    return k;
}
} // namespace

class SummaryTest : public QObject
{
    Q_OBJECT

private slots:
    void topLevelShape();
    void architectureShape();
    void absentThingsAreOmitted();
    void drainIsNullWhenLagNeverDrains();
    void countsAreIntegers();
};

void SummaryTest::topLevelShape()
{
    Simulation sim(shop(20, 60, 3));
    sim.run();
    const QJsonObject j = sim.summaryJson();
    QCOMPARE(keys(j),
             (QStringList{"architectures", "duration_s", "events_processed", "scenario", "seed", "wall_s"}));
    QCOMPARE(j["scenario"].toString(), QStringLiteral("shop"));
    QCOMPARE(j["seed"].toInteger(), 3);
    QCOMPARE(j["duration_s"].toDouble(), 60.0);
    QCOMPARE(quint64(j["events_processed"].toInteger()), sim.eventsProcessed());
    QVERIFY(j["wall_s"].toDouble() > 0);
    QCOMPARE(keys(j["architectures"]), (QStringList{"decoupled", "tight"}));
}

void SummaryTest::architectureShape()
{
    Simulation sim(shop(20, 120, 3));
    sim.run();
    const QJsonObject d = at(sim.summaryJson(), {"architectures", "decoupled"}).toObject();
    for (const char *key :
         {"orders", "latency_ms", "conservation_ok", "services", "groups", "response_latency_ms"})
        QVERIFY2(d.contains(QLatin1String(key)), key);
    QCOMPARE(keys(d["orders"]), (QStringList{"completed", "failed", "in_flight", "lost", "placed"}));
    QCOMPARE(keys(d["latency_ms"]), (QStringList{"mean", "p50", "p95", "p99"}));
    QCOMPARE(keys(d["services"]), (QStringList{"analytics", "inventory", "notification", "order-service"}));
    QCOMPARE(keys(at(d, {"services", "inventory"})),
             (QStringList{"completed", "failed", "mean_latency_ms", "mean_wait_ms", "utilization"}));
    QCOMPARE(keys(d["groups"]), (QStringList{"analytics", "inventory", "notification"}));
    QCOMPARE(keys(at(d, {"groups", "notification"})),
             (QStringList{"drain_s", "end_lag", "max_lag", "redelivered"}));
    // Percentiles are ordered and the mean lies within the range.
    const QJsonObject l = d["latency_ms"].toObject();
    QVERIFY(l["p50"].toDouble() <= l["p95"].toDouble());
    QVERIFY(l["p95"].toDouble() <= l["p99"].toDouble());
}

void SummaryTest::absentThingsAreOmitted()
{
    // Tight coupling has no consumer groups; a service nobody calls completes nothing.
    Scenario s = shop(20, 60, 3);
    s.architectures.pop_back();
    Simulation sim(s);
    sim.run();
    const QJsonObject t = at(sim.summaryJson(), {"architectures", "tight"}).toObject();
    QVERIFY(!t.contains(QLatin1String("groups")));
    QVERIFY(!t.contains(QLatin1String("lost_by_reason")));
    // No arrivals at all: no latency to report.
    Scenario idle = singleService(0.0, 10, 1, 60, 1);
    Simulation quiet(idle);
    quiet.run();
    const QJsonObject q = at(quiet.summaryJson(), {"architectures", "tight"}).toObject();
    QVERIFY(!q.contains(QLatin1String("latency_ms")));
    QVERIFY(!at(q, {"services", "svc"}).toObject().contains(QLatin1String("mean_wait_ms")));
    QCOMPARE(at(q, {"orders", "placed"}).toInteger(), 0);
}

void SummaryTest::drainIsNullWhenLagNeverDrains()
{
    // A consumer slower than the load: lag only grows.
    Scenario s;
    s.name = QStringLiteral("overload");
    s.duration_s = 300;
    s.nodes = {producer(QStringLiteral("src"), 50), topic(QStringLiteral("t"), 2),
               service(QStringLiteral("slow"), 1, 40, ServiceTimeDist::Constant)};
    ArchitectureSpec a;
    a.name = QStringLiteral("decoupled");
    a.edges = {publish(QStringLiteral("src"), QStringLiteral("t")),
               subscribe(QStringLiteral("t"), QStringLiteral("slow"), 1)};
    s.architectures = {a};
    Simulation sim(s);
    sim.run();
    const QJsonObject g = at(sim.summaryJson(), {"architectures", "decoupled", "groups", "slow"}).toObject();
    QVERIFY(g["drain_s"].isNull());
    QVERIFY(g["max_lag"].toInteger() > 5000); // (50 − 25)/s × 300 s ≈ 7500
    QVERIFY(g["end_lag"].toInteger() >= g["max_lag"].toInteger() - 300);
    // Utilization of a saturated single consumer is ~1.
    QVERIFY(
        at(sim.summaryJson(), {"architectures", "decoupled", "services", "slow", "utilization"}).toDouble() >
        0.98);
}

void SummaryTest::countsAreIntegers()
{
    Simulation sim(shop(20, 60, 3));
    sim.run();
    const QJsonObject o = at(sim.summaryJson(), {"architectures", "tight", "orders"}).toObject();
    for (const QString &k : o.keys())
        QCOMPARE(o[k].toDouble(), std::floor(o[k].toDouble()));
}

QTEST_GUILESS_MAIN(SummaryTest)
#include "tst_summary.moc"
