// Watching a real Kafka cluster, here librdkafka's in-process mock cluster (3 brokers): the
// watcher runs on its own thread and its observations arrive as queued signals while this thread
// produces and consumes. Topics and partitions match; a group consuming and committing shows its
// commits and lag; lag grows while the consumer stops and drains after; a broker taken down is
// reported lost and back; a forced leader change is reported.

#include "../MockKafkaCluster.h"
#include "ClusterWatcher.h"

#include <QSignalSpy>
#include <QTest>

using namespace postoffice::app;
using postoffice::test::MockKafkaCluster;

class TestWatch : public QObject
{
    Q_OBJECT

private slots:
    void topicsAndPartitionsMatchTheCluster();
    void aConsumingGroupShowsItsCommitsAndLag();
    void lagGrowsWhileTheConsumerStopsAndDrainsAfter();
    void aBrokerDownIsLostThenBackAndALeaderChangeIsReported();
    void anUnreachableClusterIsSaidAndNeverBlocksTheOwner();
};

namespace {

WatchConfig config(const MockKafkaCluster &cluster, int intervalMs = 200)
{
    WatchConfig c;
    c.bootstrap = cluster.bootstrap();
    c.intervalMs = intervalMs;
    return c;
}

const GroupObservation *group(const ClusterWatcher &w, const QString &id)
{
    const auto last = w.lastObservation();
    return last ? last->group(id) : nullptr;
}

} // namespace

void TestWatch::topicsAndPartitionsMatchTheCluster()
{
    MockKafkaCluster cluster;
    QVERIFY(cluster.createTopic("orders", 6, 3));
    // librdkafka 2.0's mock places a replica on every broker whatever factor is asked for.
    QVERIFY(cluster.createTopic("payments", 2, 3));
    QVERIFY(cluster.produce("orders", 30));

    ClusterWatcher watcher;
    QSignalSpy observed(&watcher, &ClusterWatcher::observed);
    watcher.start(config(cluster));
    QVERIFY(observed.wait(10000));
    const ClusterObservationPtr o = watcher.lastObservation();
    QVERIFY(o);
    QCOMPARE(o->brokers.size(), size_t(3));
    QCOMPARE(o->brokersUp(), 3);
    QCOMPARE(o->topics.size(), size_t(2));
    const TopicObservation *orders = o->topic(QStringLiteral("orders"));
    const TopicObservation *payments = o->topic(QStringLiteral("payments"));
    QVERIFY(orders && payments);
    QCOMPARE(orders->partitions.size(), size_t(6));
    QCOMPARE(payments->partitions.size(), size_t(2));
    QCOMPARE(orders->replicationFactor(), 3);
    QCOMPARE(payments->replicationFactor(), 3);
    for (const auto &p : orders->partitions) {
        QVERIFY2(o->broker(p.leader), qPrintable(QStringLiteral("leader %1").arg(p.leader)));
        QCOMPARE(p.isr.size(), 3);
        QVERIFY(!p.underReplicated());
        QCOMPARE(p.logStart, 0);
    }
    QCOMPARE(orders->logEnd(), 30);
    QCOMPARE(payments->logEnd(), 0);
    watcher.stop();
    QVERIFY(watcher.waitForStopped());
}

void TestWatch::aConsumingGroupShowsItsCommitsAndLag()
{
    MockKafkaCluster cluster;
    QVERIFY(cluster.createTopic("orders", 4, 3));
    QVERIFY(cluster.produce("orders", 100));
    cluster.subscribe("notification", "orders");

    ClusterWatcher watcher;
    QSignalSpy problems(&watcher, &ClusterWatcher::problem);
    WatchConfig c = config(cluster);
    c.extraGroups = {QStringLiteral("notification")}; // the mock does not list groups
    watcher.start(c);
    // Consumes everything and commits; the watcher sees the group caught up.
    QVERIFY(QTest::qWaitFor(
        [&] {
            cluster.consume(10);
            const GroupObservation *g = group(watcher, QStringLiteral("notification"));
            qint64 committed = 0;
            if (g)
                for (const auto &p : g->partitions)
                    committed += p.committed;
            return committed == 100;
        },
        20000));
    const GroupObservation *g = group(watcher, QStringLiteral("notification"));
    QCOMPARE(g->lag, 0);
    QCOMPARE(g->topics(), QStringList{QStringLiteral("orders")});
    for (const auto &p : g->partitions) {
        QCOMPARE(p.topic, QStringLiteral("orders"));
        QCOMPARE(p.lag, 0);
        QCOMPARE(p.committed, p.logEnd);
    }
    // librdkafka 2.0's mock cluster answers ListGroups/DescribeGroups with "unsupported": the
    // watch says so and goes on with the groups it was given, members unknown.
    QVERIFY(!g->membersKnown);
    bool said = false;
    for (const auto &args : problems)
        said = said ||
               args.at(0).toString().contains(QStringLiteral("does not list or describe consumer groups"));
    QStringList messages;
    for (const auto &args : problems)
        messages << args.at(0).toString();
    QVERIFY2(said, qPrintable(messages.join(u'\n')));

    // More records, not consumed: the lag is exactly what was produced since.
    QVERIFY(cluster.produce("orders", 40));
    QVERIFY(
        QTest::qWaitFor([&] { return group(watcher, QStringLiteral("notification"))->lag == 40; }, 10000));
    watcher.stop();
    QVERIFY(watcher.waitForStopped());
}

void TestWatch::lagGrowsWhileTheConsumerStopsAndDrainsAfter()
{
    MockKafkaCluster cluster;
    QVERIFY(cluster.createTopic("orders", 3, 3));
    QVERIFY(cluster.produce("orders", 30));
    cluster.subscribe("notification", "orders");
    ClusterWatcher watcher;
    WatchConfig c = config(cluster);
    c.extraGroups = {QStringLiteral("notification")};
    std::vector<ClusterObservationPtr> seen;
    connect(&watcher, &ClusterWatcher::observed, this, [&](ClusterObservationPtr o) { seen.push_back(o); });
    watcher.start(c);
    QVERIFY(QTest::qWaitFor(
        [&] {
            cluster.consume(10);
            const GroupObservation *g = group(watcher, QStringLiteral("notification"));
            return g && !g->partitions.empty() && g->lag == 0 && cluster.consumed() == 30;
        },
        20000));

    // The consumer stops polling; a producer goes on.
    const size_t pauseStart = seen.size();
    for (int i = 0; i < 16; ++i) {
        QVERIFY(cluster.produce("orders", 10));
        QTest::qWait(200);
    }
    QVERIFY(
        QTest::qWaitFor([&] { return group(watcher, QStringLiteral("notification"))->lag == 160; }, 10000));
    // Burrow calls a group whose offsets stand still with records waiting (here longer than 10
    // polls of 200 ms) an ERROR.
    QVERIFY(QTest::qWaitFor(
        [&] { return group(watcher, QStringLiteral("notification"))->status == GroupStatus::Error; }, 10000));
    // The lag only grew while it was stopped; lag in seconds was estimated from the ingress rate.
    qint64 before = 0;
    for (size_t i = pauseStart; i < seen.size(); ++i) {
        const GroupObservation *g = seen[i]->group(QStringLiteral("notification"));
        QVERIFY(g);
        QVERIFY2(g->lag >= before,
                 qPrintable(QStringLiteral("lag fell from %1 to %2").arg(before).arg(g->lag)));
        before = g->lag;
    }
    const GroupObservation *paused = group(watcher, QStringLiteral("notification"));
    QVERIFY(std::isfinite(paused->lagSeconds));
    QVERIFY(paused->lagSeconds > 0.5);
    const TopicObservation *orders = watcher.lastObservation()->topic(QStringLiteral("orders"));
    QVERIFY(std::isfinite(orders->ingressPerS));

    // It resumes: the backlog drains to zero and the group is OK again.
    QVERIFY(QTest::qWaitFor(
        [&] {
            cluster.consume(10);
            const GroupObservation *g = group(watcher, QStringLiteral("notification"));
            return g->lag == 0 && g->status == GroupStatus::Ok;
        },
        20000));
    QCOMPARE(cluster.consumed(), 190);
    const GroupObservation *drained = group(watcher, QStringLiteral("notification"));
    QCOMPARE(drained->lagSeconds, 0.0);
    watcher.stop();
    QVERIFY(watcher.waitForStopped());
}

void TestWatch::aBrokerDownIsLostThenBackAndALeaderChangeIsReported()
{
    MockKafkaCluster cluster;
    QVERIFY(cluster.createTopic("orders", 4, 3));
    ClusterWatcher watcher;
    std::vector<ClusterEvent> events;
    connect(&watcher, &ClusterWatcher::eventDetected, this,
            [&](const ClusterEvent &e) { events.push_back(e); });
    QSignalSpy observed(&watcher, &ClusterWatcher::observed);
    watcher.start(config(cluster));
    QVERIFY(QTest::qWaitFor([&] { return observed.size() >= 3; }, 10000));
    const int oldLeader = watcher.lastObservation()->topic(QStringLiteral("orders"))->partition(0)->leader;
    auto has = [&](ClusterEvent::Kind kind, const QString &subject) {
        return std::any_of(events.begin(), events.end(),
                           [&](const ClusterEvent &e) { return e.kind == kind && e.subject == subject; });
    };

    // The mock keeps a downed broker in its metadata and its leaderships (checked: it only
    // refuses connections), so "lost" comes from librdkafka's view of the connection.
    rd_kafka_mock_broker_set_down(cluster.mock(), 2);
    QVERIFY(QTest::qWaitFor([&] { return has(ClusterEvent::Kind::BrokerLost, QStringLiteral("broker 2")); },
                            15000));
    QCOMPARE(watcher.lastObservation()->brokersUp(), 2);
    QVERIFY(!watcher.lastObservation()->broker(2)->up);

    // A leader moved by hand, as Kafka does on a failover.
    const int newLeader = oldLeader == 3 ? 1 : 3;
    rd_kafka_mock_partition_set_leader(cluster.mock(), "orders", 0, newLeader);
    QVERIFY(QTest::qWaitFor([&] { return has(ClusterEvent::Kind::LeaderChange, QStringLiteral("orders")); },
                            15000));
    const auto change = std::find_if(events.begin(), events.end(), [](const ClusterEvent &e) {
        return e.kind == ClusterEvent::Kind::LeaderChange;
    });
    QVERIFY2(change->text.contains(QStringLiteral("orders[0] leader moved from broker %1 to broker %2")
                                       .arg(oldLeader)
                                       .arg(newLeader)),
             qPrintable(change->text));

    rd_kafka_mock_broker_set_up(cluster.mock(), 2);
    QVERIFY(QTest::qWaitFor([&] { return has(ClusterEvent::Kind::BrokerBack, QStringLiteral("broker 2")); },
                            20000));
    QCOMPARE(watcher.lastObservation()->brokersUp(), 3);
    watcher.stop();
    QVERIFY(watcher.waitForStopped());
}

void TestWatch::anUnreachableClusterIsSaidAndNeverBlocksTheOwner()
{
    ClusterWatcher watcher;
    QSignalSpy problems(&watcher, &ClusterWatcher::problem);
    WatchConfig c;
    c.bootstrap = QStringLiteral("127.0.0.1:1"); // nothing listens there
    c.intervalMs = 500;
    watcher.start(c);
    // The owner's event loop keeps turning while librdkafka waits on its own thread.
    int turns = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            ++turns;
            return !problems.isEmpty();
        },
        15000));
    QVERIFY(turns > 3);
    const QString message = problems.first().at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("cannot reach the cluster at 127.0.0.1:1")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("retrying")), qPrintable(message));
    QVERIFY(!watcher.everReached());
    QVERIFY(!watcher.lastObservation());
    watcher.stop();
    QVERIFY(watcher.waitForStopped(15000));
}

QTEST_GUILESS_MAIN(TestWatch)
#include "tst_watch.moc"
