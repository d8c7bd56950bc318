// The parts of watching a cluster that need no cluster, fed by hand: Burrow's status rules over
// a window of commits, rates and lag in seconds, the events between two observations, client
// properties files and their secrets, and the what-if scenario built from observations.

#include "ClusterEventDetector.h"
#include "ScenarioLoader.h"
#include "ScenarioWriter.h"
#include "WatchConfig.h"
#include "WatchHistory.h"
#include "WhatIfScenario.h"

#include <QTemporaryDir>
#include <QTest>

using namespace postoffice::app;

namespace {

using Polls = QList<QPair<qint64, qint64>>; // (log end, committed) per second

// One poll: topic "orders" with one partition at `logEnd`, group "g" committed at `committed`.
ClusterObservation poll(qint64 ms, qint64 logEnd, qint64 committed)
{
    ClusterObservation o;
    o.elapsedMs = ms;
    o.brokers = {{1, QStringLiteral("h"), 9092, true}};
    TopicObservation t;
    t.name = QStringLiteral("orders");
    PartitionObservation p;
    p.partition = 0;
    p.leader = 1;
    p.replicas = {1};
    p.isr = {1};
    p.logStart = 0;
    p.logEnd = logEnd;
    t.partitions.push_back(p);
    o.topics.push_back(t);
    GroupObservation g;
    g.id = QStringLiteral("g");
    g.partitions.push_back({QStringLiteral("orders"), 0, committed});
    o.groups.push_back(g);
    return o;
}

GroupStatus statusAfter(const QList<QPair<qint64, qint64>> &polls, QString *reason = nullptr)
{
    WatchHistory history(5);
    ClusterObservation o;
    qint64 ms = 0;
    for (const auto &[end, committed] : polls) {
        o = poll(ms, end, committed);
        history.derive(o);
        ms += 1000;
    }
    if (reason)
        *reason = o.groups.front().statusReason;
    return o.groups.front().status;
}

} // namespace

class TestWatchUnits : public QObject
{
    Q_OBJECT

private slots:
    void burrowStatus_data();
    void burrowStatus();
    void ratesAndLagInSeconds();
    void eventsBetweenTwoObservations();
    void propertiesFilesAndSecrets();
    void whatIfScenarioFromObservations();
};

void TestWatchUnits::burrowStatus_data()
{
    QTest::addColumn<Polls>("polls");
    QTest::addColumn<int>("expected");
    using P = QPair<qint64, qint64>;
    QTest::newRow("too few polls") << QList<P>{{10, 5}, {20, 6}} << int(GroupStatus::Unknown);
    QTest::newRow("keeps up") << QList<P>{{10, 10}, {20, 20}, {30, 30}, {40, 40}, {50, 50}}
                              << int(GroupStatus::Ok);
    QTest::newRow("caught up once in the window")
        << QList<P>{{10, 10}, {20, 12}, {30, 15}, {40, 20}, {50, 30}} << int(GroupStatus::Ok);
    // The window is 5 commits, a stall 5 s (one poll a second).
    QTest::newRow("stopped with records waiting")
        << QList<P>{{10, 5}, {20, 5}, {30, 5}, {40, 5}, {50, 5}, {60, 5}, {70, 5}} << int(GroupStatus::Error);
    QTest::newRow("not stopped long enough yet")
        << QList<P>{{10, 5}, {20, 5}, {30, 5}, {40, 5}, {50, 5}} << int(GroupStatus::Unknown);
    QTest::newRow("stopped, nothing produced, lag left")
        << QList<P>{{10, 5}, {10, 5}, {10, 5}, {10, 5}, {10, 5}, {10, 5}, {10, 5}} << int(GroupStatus::Error);
    // Committing every 5 s, as auto-commit does, while polled every second is no stall.
    QTest::newRow("idle, then records arrive; it commits every few polls")
        << QList<P>{{10, 10}, {10, 10}, {20, 10}, {30, 10}, {40, 10}, {50, 10}, {60, 60}, {70, 60}, {80, 60}}
        << int(GroupStatus::Ok);
    QTest::newRow("consumes but falls behind")
        << QList<P>{{10, 5}, {20, 8}, {30, 11}, {40, 14}, {50, 17}} << int(GroupStatus::Warning);
    QTest::newRow("behind but catching up")
        << QList<P>{{50, 5}, {55, 15}, {60, 25}, {65, 35}, {70, 45}} << int(GroupStatus::Ok);
    QTest::newRow("lag dipped once: not growing over the whole window")
        << QList<P>{{10, 5}, {20, 8}, {30, 25}, {40, 28}, {50, 31}} << int(GroupStatus::Ok);
}

void TestWatchUnits::burrowStatus()
{
    QFETCH(Polls, polls);
    QFETCH(int, expected);
    QString reason;
    const GroupStatus status = statusAfter(polls, &reason);
    QCOMPARE(groupStatusName(status), groupStatusName(GroupStatus(expected)));
    if (status == GroupStatus::Error || status == GroupStatus::Warning)
        QVERIFY2(reason.startsWith(QStringLiteral("orders[0]: ")), qPrintable(reason));
}

void TestWatchUnits::ratesAndLagInSeconds()
{
    WatchHistory history;
    // 100 records/s appended; the group commits 50/s behind.
    ClusterObservation o;
    for (int s = 0; s <= 10; ++s) {
        o = poll(s * 1000, 100 * s, 50 * s);
        history.derive(o);
    }
    QCOMPARE(o.topics.front().ingressPerS, 100.0);
    QCOMPARE(o.topics.front().partitions.front().ingressPerS, 100.0);
    QCOMPARE(o.groups.front().egressPerS, 50.0);
    QCOMPARE(o.groups.front().lag, 500);
    // The committed offset 500 was the log end at t = 5 s: the group is 5 s behind.
    QCOMPARE(o.groups.front().lagSeconds, 5.0);
    // Interpolated between two points: offset 525 was passed at 5.25 s.
    o = poll(11000, 1100, 525);
    history.derive(o);
    QCOMPARE(o.groups.front().lagSeconds, 11.0 - 5.25);
    // Older than the table: extrapolated at its rate (100/s); nothing produced: unknown.
    WatchHistory shortTable;
    o = poll(0, 1000, 200);
    shortTable.derive(o);
    QVERIFY(std::isnan(o.groups.front().lagSeconds));
    o = poll(1000, 1100, 200);
    shortTable.derive(o);
    QCOMPARE(o.groups.front().lagSeconds, 1.0 + 8.0); // 800 records before the first point at 100/s
    // Caught up: 0 s.
    o = poll(2000, 1200, 1200);
    shortTable.derive(o);
    QCOMPARE(o.groups.front().lagSeconds, 0.0);
}

void TestWatchUnits::eventsBetweenTwoObservations()
{
    ClusterObservation before = poll(0, 10, 10);
    before.brokers = {{1, QStringLiteral("a"), 9092, true}, {2, QStringLiteral("b"), 9092, true}};
    before.topics.front().partitions.front().replicas = {1, 2};
    before.topics.front().partitions.front().isr = {1, 2};
    GroupObservation &g = before.groups.front();
    g.membersKnown = true;
    g.members = {
        {QStringLiteral("m1"), QStringLiteral("c"), QStringLiteral("h"), {{QStringLiteral("orders"), 0}}}};
    GroupObservation gone;
    gone.id = QStringLiteral("old-group");
    before.groups.push_back(gone);

    ClusterObservation after = before;
    after.brokers[1].up = false;
    after.topics.front().partitions.front().leader = 2;
    after.topics.front().partitions.front().isr = {2};
    TopicObservation created;
    created.name = QStringLiteral("payments");
    created.partitions.resize(2);
    after.topics.push_back(created);
    after.groups.front().members.push_back(
        {QStringLiteral("m2"), QStringLiteral("c"), QStringLiteral("h"), {}});
    after.groups.front().status = GroupStatus::Warning;
    after.groups.pop_back();

    QStringList kinds;
    for (const ClusterEvent &e : ClusterEventDetector::compare(before, after))
        kinds << ClusterEvent::kindName(e.kind) + u':' + e.subject;
    QCOMPARE(kinds,
             (QStringList{QStringLiteral("broker_lost:broker 2"), QStringLiteral("leader_change:orders"),
                          QStringLiteral("isr_shrink:orders"), QStringLiteral("topic_created:payments"),
                          QStringLiteral("group_vanished:old-group"), QStringLiteral("rebalance:g"),
                          QStringLiteral("group_status:g")}));

    // Back again, the group emptied, a topic deleted.
    ClusterObservation later = after;
    later.brokers[1].up = true;
    later.topics.pop_back();
    later.groups.front().members.clear();
    kinds.clear();
    for (const ClusterEvent &e : ClusterEventDetector::compare(after, later))
        kinds << ClusterEvent::kindName(e.kind) + u':' + e.subject;
    QCOMPARE(kinds,
             (QStringList{QStringLiteral("broker_back:broker 2"), QStringLiteral("topic_deleted:payments"),
                          QStringLiteral("group_emptied:g")}));
    // Nothing changed: nothing said.
    QVERIFY(ClusterEventDetector::compare(later, later).empty());
}

void TestWatchUnits::propertiesFilesAndSecrets()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("client.properties"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# comment\n! also a comment\n\nsecurity.protocol = SASL_SSL\nsasl.mechanism:PLAIN\n"
            "sasl.username=alice\nsasl.password=hunter2\n"
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\\n"
            "   username=\"alice\" password=\"hunter2\";\nssl.key.location=/etc/k.pem\n");
    f.close();
    WatchConfig c;
    QCOMPARE(c.loadProperties(path), std::nullopt);
    QCOMPARE(c.properties.size(), size_t(6));
    QCOMPARE(c.properties[0],
             std::make_pair(QStringLiteral("security.protocol"), QStringLiteral("SASL_SSL")));
    QCOMPARE(c.properties[1].second, QStringLiteral("PLAIN"));
    QVERIFY(c.properties[4].second.endsWith(QStringLiteral("password=\"hunter2\";")));
    for (const char *secret :
         {"sasl.password", "sasl.jaas.config", "ssl.key.password", "ssl.keystore.password", "ssl.key.pem",
          "sasl.oauthbearer.client.secret", "ssl.key.location"})
        QVERIFY2(WatchConfig::isSecret(QLatin1String(secret)), secret);
    for (const char *plain :
         {"security.protocol", "sasl.mechanism", "sasl.username", "ssl.ca.location", "client.id"})
        QVERIFY2(!WatchConfig::isSecret(QLatin1String(plain)), plain);
    const QString shown = c.describe();
    QVERIFY(!shown.contains(QStringLiteral("hunter2")));
    QVERIFY(shown.contains(QStringLiteral("sasl.password=***")));
    QVERIFY(shown.contains(QStringLiteral("sasl.username=alice")));
    QCOMPARE(WatchConfig::bootstrapProblem(QStringLiteral("a:9092, b:9093,[::1]:9094")), std::nullopt);
    QVERIFY(WatchConfig::bootstrapProblem(QStringLiteral("a:9092,b")).has_value());
}

void TestWatchUnits::whatIfScenarioFromObservations()
{
    WatchHistory history;
    WhatIfScenario whatIf;
    // 3 members on one topic of 6 partitions; 60 records/s arrive. It keeps up for 20 s, stops for
    // 10 s, then drains at 120 records/s.
    qint64 end = 0, committed = 0;
    for (int s = 0; s <= 60; ++s) {
        end += s > 0 ? 60 : 0;
        if (s <= 20)
            committed = end;
        else if (s > 30)
            committed = std::min(end, committed + 120);
        ClusterObservation o = poll(s * 1000, end, committed);
        o.brokers.push_back({2, QStringLiteral("h2"), 9092, true});
        o.brokers.push_back({3, QStringLiteral("h3"), 9092, true});
        o.topics.front().partitions.front().replicas = {1, 2, 3};
        for (int p = 1; p < 6; ++p) {
            PartitionObservation extra = o.topics.front().partitions.front();
            extra.partition = p;
            extra.logEnd = 0;
            o.topics.front().partitions.push_back(extra);
        }
        GroupObservation &g = o.groups.front();
        g.membersKnown = true;
        g.members.resize(3);
        history.derive(o);
        whatIf.add(o);
    }
    const Scenario s = whatIf.scenario(QStringLiteral("Observed"));
    QCOMPARE(s.cluster.brokers, 3);
    const NodeSpec *topic = s.node(QStringLiteral("orders"));
    QVERIFY(topic);
    QCOMPARE(topic->partitions, 6);
    QCOMPARE(topic->replication_factor, 3);
    const NodeSpec *producer = s.node(QStringLiteral("orders-producers"));
    QVERIFY(producer);
    QCOMPARE(producer->traffic.pattern, TrafficPattern::Poisson);
    QCOMPARE(producer->traffic.rate_per_s, 60.0);
    const NodeSpec *group = s.node(QStringLiteral("g"));
    QVERIFY(group);
    // Capacity from its drain with a backlog, 120/s over 3 working members: 25 ms per record.
    QCOMPARE(group->service_time.mean_ms, 25.0);
    QCOMPARE(s.architectures.size(), size_t(1));
    const ArchitectureSpec &arch = s.architectures.front();
    QCOMPARE(arch.name, QStringLiteral("observed"));
    const auto subscribe = std::find_if(arch.edges.begin(), arch.edges.end(),
                                        [](const EdgeSpec &e) { return e.kind == EdgeKind::Subscribe; });
    QVERIFY(subscribe != arch.edges.end());
    QCOMPARE(subscribe->consumers, 3);
    QCOMPARE(subscribe->groupName(), QStringLiteral("g"));
    QVERIFY(s.description.contains(QStringLiteral("Estimated")));

    // It loads back as written, and the engine takes it.
    const QByteArray bytes = ScenarioWriter::toBytes(s);
    const auto loaded = ScenarioLoader::parse(bytes, QStringLiteral("observed.json"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.messages().join(u'\n')));
    QVERIFY(*loaded.scenario == s);
}

QTEST_GUILESS_MAIN(TestWatchUnits)
#include "tst_watch_units.moc"
