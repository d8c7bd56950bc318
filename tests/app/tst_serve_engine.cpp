// Records from real Kafka clients (`postoffice serve`) land in the same topics the scenario's
// simulated consumers read. They belong to no order: the engine must process them without
// crashing, charging them to an order or shifting the simulated records' bookkeeping.

#include "Cluster.h"
#include "ServedScenario.h"
#include "Simulation.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace postoffice;
using namespace postoffice::app;
using namespace postoffice::app::testing;

namespace {

const ServiceSummary *service(const ArchitectureSummary &a, const char *id)
{
    for (const ServiceSummary &s : a.services)
        if (s.id == QLatin1String(id))
            return &s;
    return nullptr;
}

} // namespace

class ServeEngineTest : public QObject
{
    Q_OBJECT

private slots:
    void externalRecordsAreProcessedAndChargedToNoOrder();
};

void ServeEngineTest::externalRecordsAreProcessedAndChargedToNoOrder()
{
    const double duration = 300;
    Simulation plain(servedScenario(duration));
    QVERIFY2(plain.isValid(), qPrintable(plain.errorString()));
    plain.run();

    Simulation served(servedScenario(duration));
    QVERIFY(served.isValid());
    const int arch = int(served.architectures().indexOf(QStringLiteral("decoupled")));
    QVERIFY(arch >= 0);
    QVERIFY(served.externalCluster(int(served.architectures().indexOf(QStringLiteral("tight")))) == nullptr);
    int acknowledged = 0;
    int external = 0;
    // Between the engine's steps, as the server does: bursts of keyed and unkeyed records into the
    // topic the scenario's producer also writes (orders) and into one only clients write (clicks).
    for (double t = 1; t < duration - 60; t += 7) {
        served.runUntil(t);
        broker::Cluster *cluster = served.externalCluster(arch);
        QVERIFY(cluster);
        for (const char *topic : {"orders", "clicks"}) {
            std::vector<std::string> keys;
            std::vector<broker::RecordRef> batch;
            for (int i = 0; i < 5; ++i)
                keys.push_back("client-" + std::to_string(external + i));
            for (int i = 0; i < 5; ++i) {
                broker::RecordRef r;
                if (i % 2 == 0)
                    r.key = keys[std::size_t(i)];
                r.value = std::string_view("external");
                batch.push_back(r);
            }
            external += 5;
            broker::ProduceOptions options;
            options.acks = broker::Acks::All;
            cluster->produce(topic, int(t) % 3, batch, options, [&](const broker::ProduceResult &r) {
                if (r.error == broker::ErrorCode::None)
                    acknowledged += r.recordCount;
            });
        }
        served.externalChangeDone(arch);
    }
    served.run();
    QCOMPARE(acknowledged, external);

    const RunSummary plainSummary = plain.summary();
    const RunSummary servedSummary = served.summary();
    const ArchitectureSummary &a = decoupled(plainSummary);
    const ArchitectureSummary &b = decoupled(servedSummary);
    // The shop's orders are untouched: the same placed, none lost or failed, every one accounted.
    QVERIFY(b.conservation_ok);
    QCOMPARE(b.placed, a.placed);
    QCOMPARE(b.lost, quint64(0));
    QCOMPARE(b.failed, a.failed);
    QCOMPARE(b.completed + b.in_flight, a.completed + a.in_flight);
    QVERIFY(b.completed >= a.completed - 2);
    // The simulated consumers processed every external record too: inventory once per order plus
    // the clients' share of orders; analytics exactly the clients' clicks.
    const ServiceSummary *analytics = service(b, "analytics");
    QVERIFY(analytics);
    QCOMPARE(analytics->completed, quint64(external / 2));
    const ServiceSummary *inventoryPlain = service(a, "inventory");
    const ServiceSummary *inventoryServed = service(b, "inventory");
    QVERIFY(inventoryPlain && inventoryServed);
    QCOMPARE(inventoryServed->completed, inventoryPlain->completed + quint64(external / 2));
    for (const GroupSummary &g : b.groups)
        QCOMPARE(g.end_lag, qint64(0));
}

QTEST_GUILESS_MAIN(ServeEngineTest)
#include "tst_serve_engine.moc"
