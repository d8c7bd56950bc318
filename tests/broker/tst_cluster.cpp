// The replicated cluster: placement, acks, min.insync.replicas, ISR, elections, losses, errors.
#include "Cluster.h"
#include "ManualClock.h"
#include "Partitioner.h"

#include <QtTest>

#include <optional>
#include <string>
#include <vector>

using namespace postoffice::broker;

Q_DECLARE_METATYPE(std::vector<int>)

namespace {

// Records every hook so tests can check what a GUI would have seen.
class Recorder : public BrokerObserver
{
public:
    void onAppend(const std::string &t, std::int32_t p, std::int64_t base, std::int32_t n) override
    {
        log.push_back("append " + t + "/" + std::to_string(p) + "@" + std::to_string(base) + "+" +
                      std::to_string(n));
    }
    void onFetch(const std::string &t, std::int32_t p, std::int64_t offset, std::int32_t n) override
    {
        log.push_back("fetch " + t + "/" + std::to_string(p) + "@" + std::to_string(offset) + "+" +
                      std::to_string(n));
    }
    void onIsrChange(const std::string &t, std::int32_t p, const std::vector<std::int32_t> &isr) override
    {
        std::string s = "isr " + t + "/" + std::to_string(p) + " [";
        for (auto b : isr)
            s += std::to_string(b) + " ";
        log.push_back(s + "]");
        lastIsr = isr;
    }
    void onLeaderChange(const std::string &t, std::int32_t p, std::int32_t leader,
                        std::int32_t epoch) override
    {
        log.push_back("leader " + t + "/" + std::to_string(p) + " " + std::to_string(leader) + " epoch " +
                      std::to_string(epoch));
        lastLeader = leader;
    }
    void onRecordsLost(const std::string &t, std::int32_t p, std::int64_t first, std::int64_t last,
                       const std::string &reason) override
    {
        log.push_back("lost " + t + "/" + std::to_string(p) + " " + std::to_string(first) + ".." +
                      std::to_string(last) + " " + reason);
        lost.push_back({t, p, first, last, reason});
    }
    void onRetention(const std::string &t, std::int32_t p, std::int64_t start) override
    {
        log.push_back("retention " + t + "/" + std::to_string(p) + " " + std::to_string(start));
    }
    void onProduceRejected(const std::string &t, std::int32_t p, std::int32_t n, ErrorCode e) override
    {
        log.push_back("rejected " + t + "/" + std::to_string(p) + " " + std::to_string(n) + " " +
                      errorName(e));
    }
    void onBrokerState(std::int32_t id, bool up) override
    {
        log.push_back("broker " + std::to_string(id) + (up ? " up" : " down"));
    }
    std::vector<std::string> log;
    std::vector<std::int32_t> lastIsr;
    std::int32_t lastLeader = -2;
    std::vector<LostRecords> lost;
};

Record rec(const std::string &value, std::optional<std::string> key = std::nullopt)
{
    Record r;
    r.key = std::move(key);
    r.value = value;
    return r;
}

// Produces one record and captures its result (if the callback ran).
struct Outcome
{
    std::optional<ProduceResult> result;
};

std::shared_ptr<Outcome> produce(Cluster &c, const std::string &topic, std::int32_t partition, Acks acks,
                                 const std::string &value = "v", std::int64_t timeoutMs = 30000)
{
    auto out = std::make_shared<Outcome>();
    const Record r = rec(value);
    const RecordRef ref = r.ref();
    ProduceOptions o;
    o.acks = acks;
    o.timeoutMs = timeoutMs;
    c.produce(topic, partition, std::span<const RecordRef>(&ref, 1), o,
              [out](const ProduceResult &res) { out->result = res; });
    return out;
}

void runUntil(ManualClock &clock, Cluster &c, std::int64_t t)
{
    while (auto next = c.nextDeadlineMs()) {
        if (*next > t)
            break;
        clock.setMs(*next);
        c.advance(*next);
    }
    clock.setMs(t);
    c.advance(t);
}

TopicConfig replicated(std::int32_t partitions, std::int16_t rf, std::int32_t minIsr = 1,
                       bool unclean = false)
{
    TopicConfig c;
    c.partitions = partitions;
    c.replicationFactor = rf;
    c.minInsyncReplicas = minIsr;
    c.uncleanLeaderElectionEnable = unclean;
    return c;
}

} // namespace

class TestCluster : public QObject
{
    Q_OBJECT
private slots:
    void createTopicErrors_data();
    void createTopicErrors();
    void placementFollowsKafkaRackUnaware();
    void produceAndFetchSingleBroker();
    void fetchErrors_data();
    void fetchErrors();
    void produceErrors();
    void autoPartitionUsesKeyHash();
    void consumersSeeOnlyCommittedRecords();
    void followerFetchesAreCoalesced();
    void acksMinIsrFailures_data();
    void acksMinIsrFailures();
    void notEnoughReplicasAfterAppend();
    void requestTimesOut();
    void isrShrinksAndRegrows();
    void cleanElectionBumpsEpoch();
    void lastIsrMemberDownTakesPartitionOffline();
    void uncleanElectionReportsLoss();
    void returningBrokerCatchesUpAfterTruncation();
    void retentionRunsOnCheckInterval();
    void idempotentDuplicatesAreNotAppended();
    void brokerAndDelayErrors();
    void observersCanBeRemoved();
    void sameInputsGiveSameState();
    void partitionHandlesActLikeNames();
    void invalidPartitionHandles();
};

void TestCluster::createTopicErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("rf");
    QTest::addColumn<int>("minIsr");
    QTest::addColumn<int>("expected");
    QTest::newRow("ok") << "orders" << 6 << 3 << 2 << int(ErrorCode::None);
    QTest::newRow("empty name") << "" << 1 << 1 << 1 << int(ErrorCode::InvalidTopicException);
    QTest::newRow("illegal char") << "or ders" << 1 << 1 << 1 << int(ErrorCode::InvalidTopicException);
    QTest::newRow("dot") << "." << 1 << 1 << 1 << int(ErrorCode::InvalidTopicException);
    QTest::newRow("exists") << "existing" << 1 << 1 << 1 << int(ErrorCode::TopicAlreadyExists);
    QTest::newRow("zero partitions") << "t" << 0 << 1 << 1 << int(ErrorCode::InvalidPartitions);
    QTest::newRow("negative partitions") << "t" << -2 << 1 << 1 << int(ErrorCode::InvalidPartitions);
    QTest::newRow("rf zero") << "t" << 1 << 0 << 1 << int(ErrorCode::InvalidReplicationFactor);
    QTest::newRow("rf above brokers") << "t" << 1 << 4 << 1 << int(ErrorCode::InvalidReplicationFactor);
    QTest::newRow("min.insync zero") << "t" << 1 << 1 << 0 << int(ErrorCode::InvalidConfig);
}

void TestCluster::createTopicErrors()
{
    QFETCH(QString, name);
    QFETCH(int, partitions);
    QFETCH(int, rf);
    QFETCH(int, minIsr);
    QFETCH(int, expected);
    ManualClock clock;
    Cluster c(3, clock);
    QCOMPARE(c.createTopic("existing", TopicConfig{}), ErrorCode::None);
    TopicConfig config = replicated(partitions, std::int16_t(rf), minIsr);
    QCOMPARE(int(c.createTopic(name.toStdString(), config)), expected);
    if (expected == int(ErrorCode::None))
        QCOMPARE(c.partitionCount(name.toStdString()), partitions);
    else if (name != "existing")
        QVERIFY(!c.hasTopic(name.toStdString()));
}

void TestCluster::placementFollowsKafkaRackUnaware()
{
    ManualClock clock;
    Cluster c(3, clock);
    QCOMPARE(c.createTopic("orders", replicated(6, 3)), ErrorCode::None);
    // assignReplicasToBrokersRackUnaware with start index 0 and shift 0 (first topic):
    const std::vector<std::vector<std::int32_t>> expected{{0, 1, 2}, {1, 2, 0}, {2, 0, 1},
                                                          {0, 2, 1}, {1, 0, 2}, {2, 1, 0}};
    for (std::int32_t p = 0; p < 6; ++p) {
        QCOMPARE(c.replicas("orders", p), expected[std::size_t(p)]);
        QCOMPARE(c.leader("orders", p), expected[std::size_t(p)][0]);
        QCOMPARE(c.isr("orders", p).size(), std::size_t(3));
    }
    // The next topic starts one broker further, spreading leadership.
    QCOMPARE(c.createTopic("payments", replicated(1, 2)), ErrorCode::None);
    QCOMPARE(c.leader("payments", 0), 1);
    QCOMPARE(c.topicNames(), (std::vector<std::string>{"orders", "payments"}));
}

void TestCluster::produceAndFetchSingleBroker()
{
    ManualClock clock(1000);
    Cluster c(1, clock);
    QCOMPARE(c.createTopic("orders", TopicConfig{}), ErrorCode::None);
    for (int i = 0; i < 5; ++i) {
        auto o = produce(c, "orders", 0, Acks::Leader, "order-" + std::to_string(i));
        QVERIFY(o->result);
        QCOMPARE(o->result->error, ErrorCode::None);
        QCOMPARE(o->result->baseOffset, i);
        QCOMPARE(o->result->logAppendTimeMs, 1000);
    }
    QCOMPARE(c.highWatermark("orders", 0), 5); // single replica: committed at once
    FetchResult f = c.fetch("orders", 0, 2, 2);
    QCOMPARE(f.error, ErrorCode::None);
    QCOMPARE(f.records.size(), std::size_t(2));
    QCOMPARE(*f.records[0].value(), std::string_view("order-2"));
    QCOMPARE(f.records[1].offset(), 3);
    QCOMPARE(f.highWatermark, 5);
    QCOMPARE(f.logStartOffset, 0);
    QCOMPARE(f.logEndOffset, 5);
    QCOMPARE(f.records[0].timestampMs(), 1000);
    // At the end: no records, no error (a consumer polls there).
    f = c.fetch("orders", 0, 5, 10);
    QCOMPARE(f.error, ErrorCode::None);
    QVERIFY(f.records.empty());
}

void TestCluster::fetchErrors_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<int>("partition");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<int>("maxRecords");
    QTest::addColumn<int>("expected");
    QTest::newRow("unknown topic") << "nope" << 0 << qint64(0) << 10
                                   << int(ErrorCode::UnknownTopicOrPartition);
    QTest::newRow("partition too high")
        << "orders" << 2 << qint64(0) << 10 << int(ErrorCode::UnknownTopicOrPartition);
    QTest::newRow("negative partition")
        << "orders" << -1 << qint64(0) << 10 << int(ErrorCode::UnknownTopicOrPartition);
    QTest::newRow("negative offset") << "orders" << 0 << qint64(-1) << 10 << int(ErrorCode::OffsetOutOfRange);
    QTest::newRow("beyond log end") << "orders" << 0 << qint64(4) << 10 << int(ErrorCode::OffsetOutOfRange);
    QTest::newRow("zero max records") << "orders" << 0 << qint64(0) << 0 << int(ErrorCode::InvalidRequest);
    QTest::newRow("at log end is fine") << "orders" << 0 << qint64(3) << 10 << int(ErrorCode::None);
}

void TestCluster::fetchErrors()
{
    QFETCH(QString, topic);
    QFETCH(int, partition);
    QFETCH(qint64, offset);
    QFETCH(int, maxRecords);
    QFETCH(int, expected);
    ManualClock clock;
    Cluster c(1, clock);
    c.createTopic("orders", replicated(2, 1));
    for (int i = 0; i < 3; ++i)
        produce(c, "orders", 0, Acks::Leader);
    FetchResult f = c.fetch(topic.toStdString(), partition, offset, maxRecords);
    QCOMPARE(int(f.error), expected);
    QVERIFY(f.records.empty() || expected == int(ErrorCode::None));
}

void TestCluster::produceErrors()
{
    ManualClock clock;
    Cluster c(1, clock);
    Recorder hooks;
    c.addObserver(&hooks);
    TopicConfig small;
    small.partitions = 2;
    small.maxMessageBytes = 40;
    c.createTopic("orders", small);
    TopicConfig compacted;
    compacted.cleanupCompact = true;
    compacted.cleanupDelete = false;
    c.createTopic("customers", compacted);

    auto errorOf = [&](const std::string &topic, std::int32_t partition, const Record &r,
                       std::size_t count = 1) -> ErrorCode {
        std::vector<RecordRef> refs(count, r.ref());
        std::optional<ErrorCode> e;
        ProduceOptions o;
        o.acks = Acks::Leader;
        c.produce(topic, partition, refs, o, [&](const ProduceResult &res) { e = res.error; });
        return e ? *e : ErrorCode::CorruptMessage; // callback must always run
    };
    QCOMPARE(errorOf("nope", 0, rec("v")), ErrorCode::UnknownTopicOrPartition);
    QCOMPARE(errorOf("orders", 2, rec("v")), ErrorCode::UnknownTopicOrPartition);
    QCOMPARE(errorOf("orders", -2, rec("v")), ErrorCode::UnknownTopicOrPartition);
    QCOMPARE(errorOf("orders", 0, rec("v"), 0), ErrorCode::InvalidRequest);
    Record badTime = rec("v");
    badTime.timestampMs = -5;
    QCOMPARE(errorOf("orders", 0, badTime), ErrorCode::InvalidTimestamp);
    QCOMPARE(errorOf("orders", 0, rec(std::string(100, 'x'))), ErrorCode::MessageTooLarge);
    QCOMPARE(errorOf("customers", 0, rec("v")), ErrorCode::InvalidRecord);
    QCOMPARE(errorOf("customers", 0, rec("v", "c-1")), ErrorCode::None);
    QCOMPARE(c.logEndOffset("orders", 0), 0); // nothing was appended by the failures
    QCOMPARE(std::count_if(hooks.log.begin(), hooks.log.end(),
                           [](const std::string &s) { return s.rfind("rejected", 0) == 0; }),
             7);
    // Unknown topic/partition metadata queries answer -1 rather than crash.
    QCOMPARE(c.logEndOffset("nope", 0), -1);
    QCOMPARE(c.highWatermark("orders", 9), -1);
    QCOMPARE(c.partitionCount("nope"), -1);
    QCOMPARE(c.leader("nope", 0), -1);
    QVERIFY(c.replicas("nope", 0).empty());
    QVERIFY(c.topicConfig("nope") == nullptr);
}

void TestCluster::autoPartitionUsesKeyHash()
{
    ManualClock clock;
    Cluster c(1, clock);
    c.createTopic("orders", replicated(6, 1));
    for (int i = 0; i < 20; ++i) {
        const std::string key = "customer-" + std::to_string(i);
        std::int32_t got = -1;
        c.produce("orders", -1, rec("v", key), Acks::Leader,
                  [&](const ProduceResult &r) { got = r.partition; });
        QCOMPARE(got, partitionForKey(key, 6));
    }
    // Null keys without a chosen partition go round-robin.
    std::vector<std::int32_t> partitions;
    for (int i = 0; i < 6; ++i)
        c.produce("orders", -1, rec("v"), Acks::Leader,
                  [&](const ProduceResult &r) { partitions.push_back(r.partition); });
    QCOMPARE(partitions, (std::vector<std::int32_t>{0, 1, 2, 3, 4, 5}));
}

void TestCluster::consumersSeeOnlyCommittedRecords()
{
    ManualClock clock;
    ClusterConfig cc;
    cc.replicaFetchDelayMs = 5;
    Cluster c(3, clock, cc);
    c.createTopic("orders", replicated(1, 3));
    auto o = produce(c, "orders", 0, Acks::Leader);
    QCOMPARE(o->result->baseOffset, 0);
    QCOMPARE(c.logEndOffset("orders", 0), 1);
    QCOMPARE(c.highWatermark("orders", 0), 0); // followers have not fetched yet
    QVERIFY(c.fetch("orders", 0, 0, 10).records.empty());
    QCOMPARE(c.nextDeadlineMs(), std::optional<std::int64_t>(5));
    runUntil(clock, c, 5);
    QCOMPARE(c.replicaLogEndOffset("orders", 0, 1), 1);
    QCOMPARE(c.replicaLogEndOffset("orders", 0, 2), 1);
    QCOMPARE(c.highWatermark("orders", 0), 1);
    QCOMPARE(c.fetch("orders", 0, 0, 10).records.size(), std::size_t(1));
}

void TestCluster::followerFetchesAreCoalesced()
{
    ManualClock clock;
    Cluster c(3, clock);
    c.createTopic("orders", replicated(1, 3));
    int acked = 0;
    for (int i = 0; i < 1000; ++i) {
        clock.setMs(i / 500); // 1000 records within 2 ms
        ProduceOptions o;
        const Record r = rec("v");
        const RecordRef ref = r.ref();
        c.produce("orders", 0, std::span<const RecordRef>(&ref, 1), o, [&](const ProduceResult &res) {
            if (res.error == ErrorCode::None)
                ++acked;
        });
    }
    // One fetch in flight per follower, whatever the record count.
    int wakeups = 0;
    while (auto next = c.nextDeadlineMs()) {
        if (*next > 1000)
            break;
        clock.setMs(*next);
        c.advance(*next);
        ++wakeups;
    }
    QVERIFY2(wakeups <= 2, qPrintable(QString::number(wakeups)));
    QCOMPARE(acked, 1000);
    QCOMPARE(c.highWatermark("orders", 0), 1000);
    // Request timeouts are one timer per partition, not one per waiting request: 1000 acks=all
    // requests with 1000 different deadlines cost at most a couple of wake-ups once answered.
    for (int i = 0; i < 1000; ++i) {
        runUntil(clock, c, 2000 + i);
        ProduceOptions o;
        const Record r = rec("v");
        const RecordRef ref = r.ref();
        c.produce("orders", 0, std::span<const RecordRef>(&ref, 1), o, [&](const ProduceResult &res) {
            if (res.error == ErrorCode::None)
                ++acked;
        });
    }
    runUntil(clock, c, 4000);
    QCOMPARE(acked, 2000);
    wakeups = 0;
    while (auto next = c.nextDeadlineMs()) {
        if (*next > 100000)
            break;
        clock.setMs(*next);
        c.advance(*next);
        ++wakeups;
    }
    QVERIFY2(wakeups <= 2, qPrintable(QString::number(wakeups)));
}

void TestCluster::acksMinIsrFailures_data()
{
    QTest::addColumn<int>("acks");
    QTest::addColumn<int>("minIsr");
    QTest::addColumn<std::vector<int>>("downBefore");
    QTest::addColumn<bool>("leaderCrashesBeforeReplication");
    QTest::addColumn<int>("expectedError");
    QTest::addColumn<qint64>("expectedOffset");
    QTest::addColumn<int>("readableAfter"); // records a consumer can read in the end
    QTest::addColumn<int>("lost");          // records reported lost

    // RF 3: leader broker 0, followers 1 and 2.
    const int all = -1;
    using V = std::vector<int>;
    QTest::newRow("all/min2/healthy")
        << all << 2 << V{} << false << int(ErrorCode::None) << qint64(0) << 1 << 0;
    QTest::newRow("all/min2/one follower down")
        << all << 2 << V{2} << false << int(ErrorCode::None) << qint64(0) << 1 << 0;
    QTest::newRow("all/min2/two followers down")
        << all << 2 << V{1, 2} << false << int(ErrorCode::NotEnoughReplicas) << qint64(-1) << 0 << 0;
    QTest::newRow("all/min3/one follower down")
        << all << 3 << V{2} << false << int(ErrorCode::NotEnoughReplicas) << qint64(-1) << 0 << 0;
    QTest::newRow("all/min1/two followers down")
        << all << 1 << V{1, 2} << false << int(ErrorCode::None) << qint64(0) << 1 << 0;
    QTest::newRow("1/min3/two followers down: min.insync ignored")
        << 1 << 3 << V{1, 2} << false << int(ErrorCode::None) << qint64(0) << 1 << 0;
    QTest::newRow("0/min2/healthy: no offset")
        << 0 << 2 << V{} << false << int(ErrorCode::None) << qint64(-1) << 1 << 0;
    // acks=1 is acknowledged by the leader alone: it dies before the followers fetched → lost.
    QTest::newRow("1/leader crash: acknowledged then lost")
        << 1 << 2 << V{} << true << int(ErrorCode::None) << qint64(0) << 0 << 1;
    QTest::newRow("0/leader crash: lost")
        << 0 << 1 << V{} << true << int(ErrorCode::None) << qint64(-1) << 0 << 1;
    // acks=all is never acknowledged before replication: the producer is told to retry.
    QTest::newRow("all/leader crash: not acknowledged")
        << all << 2 << V{} << true << int(ErrorCode::NotLeaderOrFollower) << qint64(-1) << 0 << 1;
}

void TestCluster::acksMinIsrFailures()
{
    QFETCH(int, acks);
    QFETCH(int, minIsr);
    QFETCH(std::vector<int>, downBefore);
    QFETCH(bool, leaderCrashesBeforeReplication);
    QFETCH(int, expectedError);
    QFETCH(qint64, expectedOffset);
    QFETCH(int, readableAfter);
    QFETCH(int, lost);

    ManualClock clock;
    Cluster c(3, clock);
    QCOMPARE(c.createTopic("orders", replicated(1, 3, minIsr)), ErrorCode::None);
    QCOMPARE(c.leader("orders", 0), 0);
    for (int b : downBefore)
        c.setBrokerUp(b, false);
    auto o = produce(c, "orders", 0, Acks(acks));
    std::vector<LostRecords> lostNow;
    if (leaderCrashesBeforeReplication)
        lostNow = c.setBrokerUp(0, false);
    runUntil(clock, c, 1000);

    QVERIFY(o->result);
    QCOMPARE(int(o->result->error), expectedError);
    QCOMPARE(o->result->baseOffset, expectedOffset);
    const FetchResult f = c.fetch("orders", 0, 0, 10);
    QCOMPARE(f.error, ErrorCode::None);
    QCOMPARE(int(f.records.size()), readableAfter);
    std::int64_t lostCount = 0;
    for (const auto &l : c.lostRecords())
        lostCount += l.count();
    QCOMPARE(lostCount, qint64(lost));
    QCOMPARE(lostNow, c.lostRecords()); // the return value reports exactly what was lost
}

void TestCluster::notEnoughReplicasAfterAppend()
{
    ManualClock clock;
    Cluster c(3, clock);
    c.createTopic("orders", replicated(1, 3, 2));
    auto o = produce(c, "orders", 0, Acks::All);
    QVERIFY(!o->result); // waiting for the followers
    c.setBrokerUp(1, false);
    c.setBrokerUp(2, false); // ISR shrinks to the leader: HW moves, but below min.insync.replicas
    QVERIFY(o->result);
    QCOMPARE(o->result->error, ErrorCode::NotEnoughReplicasAfterAppend);
    QCOMPARE(c.logEndOffset("orders", 0), 1); // the record was appended all the same
    // And the next acks=all write is refused up front.
    auto next = produce(c, "orders", 0, Acks::All);
    QCOMPARE(next->result->error, ErrorCode::NotEnoughReplicas);
}

void TestCluster::requestTimesOut()
{
    ManualClock clock;
    Cluster c(2, clock);
    c.createTopic("orders", replicated(1, 2, 2));
    c.setReplicaFetchDelayMs(1, 5000);
    auto o = produce(c, "orders", 0, Acks::All, "v", 1000);
    runUntil(clock, c, 999);
    QVERIFY(!o->result);
    runUntil(clock, c, 1000);
    QVERIFY(o->result);
    QCOMPARE(o->result->error, ErrorCode::RequestTimedOut);
    QCOMPARE(c.logEndOffset("orders", 0), 1); // appended even though the producer saw a timeout
}

void TestCluster::isrShrinksAndRegrows()
{
    ManualClock clock;
    ClusterConfig cc;
    cc.replicaLagTimeMaxMs = 30000;
    Cluster c(3, clock, cc);
    Recorder rec;
    c.addObserver(&rec);
    c.createTopic("orders", replicated(1, 3));
    c.setReplicaFetchDelayMs(2, 40000); // broker 2 is slow
    produce(c, "orders", 0, Acks::Leader);
    runUntil(clock, c, 30000);
    QCOMPARE(c.isr("orders", 0).size(), std::size_t(3)); // lagging exactly replica.lag.time.max.ms is allowed
    QCOMPARE(c.highWatermark("orders", 0), 0);
    runUntil(clock, c, 30001);
    QCOMPARE(c.isr("orders", 0), (std::vector<std::int32_t>{0, 1}));
    QCOMPARE(rec.lastIsr, (std::vector<std::int32_t>{0, 1}));
    QCOMPARE(c.highWatermark("orders", 0), 1); // no longer waiting for broker 2
    c.setReplicaFetchDelayMs(2, 5);
    runUntil(clock, c, 40000); // the slow fetch lands: caught up, back in the ISR
    QCOMPARE(c.replicaLogEndOffset("orders", 0, 2), 1);
    QCOMPARE(c.isr("orders", 0), (std::vector<std::int32_t>{0, 1, 2}));
    QCOMPARE(rec.lastIsr, (std::vector<std::int32_t>{0, 1, 2}));
}

void TestCluster::cleanElectionBumpsEpoch()
{
    ManualClock clock;
    Cluster c(3, clock);
    Recorder rec;
    c.addObserver(&rec);
    c.createTopic("orders", replicated(1, 3));
    for (int i = 0; i < 3; ++i)
        produce(c, "orders", 0, Acks::All);
    runUntil(clock, c, 100);
    QCOMPARE(c.leaderEpoch("orders", 0), 0);
    const auto lost = c.setBrokerUp(0, false);
    QVERIFY(lost.empty());
    QCOMPARE(c.leader("orders", 0), 1);
    QCOMPARE(c.leaderEpoch("orders", 0), 1);
    QCOMPARE(rec.lastLeader, 1);
    QCOMPARE(c.isr("orders", 0), (std::vector<std::int32_t>{1, 2}));
    QCOMPARE(c.fetch("orders", 0, 0, 10).records.size(), std::size_t(3));
    auto o = produce(c, "orders", 0, Acks::All);
    runUntil(clock, c, 200);
    QCOMPARE(o->result->baseOffset, 3);
    // The old leader returns as a follower and catches up into the ISR.
    c.setBrokerUp(0, true);
    runUntil(clock, c, 300);
    QCOMPARE(c.leader("orders", 0), 1);
    QCOMPARE(c.replicaLogEndOffset("orders", 0, 0), 4);
    QCOMPARE(c.isr("orders", 0).size(), std::size_t(3));
}

void TestCluster::lastIsrMemberDownTakesPartitionOffline()
{
    ManualClock clock;
    Cluster c(2, clock);
    c.createTopic("orders", replicated(1, 2));
    c.setBrokerUp(1, false); // ISR = {0}
    produce(c, "orders", 0, Acks::Leader);
    const auto lost = c.setBrokerUp(0, false);
    QVERIFY(lost.empty());
    QCOMPARE(c.leader("orders", 0), -1);
    QCOMPARE(c.isr("orders", 0), (std::vector<std::int32_t>{0})); // the last member stays
    QCOMPARE(produce(c, "orders", 0, Acks::Leader)->result->error, ErrorCode::LeaderNotAvailable);
    QCOMPARE(c.fetch("orders", 0, 0, 1).error, ErrorCode::LeaderNotAvailable);
    // Broker 1 returns, but is out of sync and unclean election is off: still offline.
    c.setBrokerUp(1, true);
    QCOMPARE(c.leader("orders", 0), -1);
    // Broker 0 returns: clean election, nothing lost.
    c.setBrokerUp(0, true);
    QCOMPARE(c.leader("orders", 0), 0);
    QCOMPARE(c.logEndOffset("orders", 0), 1);
    QVERIFY(c.lostRecords().empty());
}

void TestCluster::uncleanElectionReportsLoss()
{
    ManualClock clock;
    ClusterConfig cc;
    cc.replicaLagTimeMaxMs = 1000;
    Cluster c(2, clock, cc);
    Recorder rec;
    c.addObserver(&rec);
    c.createTopic("orders", replicated(1, 2, 1, true));
    for (int i = 0; i < 3; ++i)
        produce(c, "orders", 0, Acks::All);
    runUntil(clock, c, 100);
    QCOMPARE(c.replicaLogEndOffset("orders", 0, 1), 3);
    c.setReplicaFetchDelayMs(1, 1000000); // broker 1 stalls and drops out of the ISR
    for (int i = 0; i < 7; ++i)
        produce(c, "orders", 0, Acks::Leader);
    runUntil(clock, c, 5000);
    QCOMPARE(c.isr("orders", 0), (std::vector<std::int32_t>{0}));
    QCOMPARE(c.highWatermark("orders", 0), 10);

    const auto lost = c.setBrokerUp(0, false);
    QCOMPARE(lost.size(), std::size_t(1));
    QCOMPARE(lost[0].topic, std::string("orders"));
    QCOMPARE(lost[0].partition, 0);
    QCOMPARE(lost[0].firstOffset, 3);
    QCOMPARE(lost[0].lastOffset, 9);
    QCOMPARE(lost[0].count(), 7);
    QVERIFY(lost[0].reason.find("unclean") != std::string::npos);
    QCOMPARE(rec.lost, lost);
    QCOMPARE(c.lostRecords(), lost);
    QCOMPARE(c.leader("orders", 0), 1);
    QCOMPARE(c.isr("orders", 0), (std::vector<std::int32_t>{1}));
    QCOMPARE(c.logEndOffset("orders", 0), 3);
    QCOMPARE(c.highWatermark("orders", 0), 3);
    QCOMPARE(c.fetch("orders", 0, 0, 100).records.size(), std::size_t(3));
    // New writes reuse the lost offsets: the old records are gone for good.
    QCOMPARE(produce(c, "orders", 0, Acks::Leader, "after")->result->baseOffset, 3);
}

void TestCluster::returningBrokerCatchesUpAfterTruncation()
{
    ManualClock clock;
    ClusterConfig cc;
    cc.replicaLagTimeMaxMs = 1000;
    Cluster c(2, clock, cc);
    c.createTopic("orders", replicated(1, 2, 1, true));
    c.setBrokerUp(1, false);
    for (int i = 0; i < 5; ++i)
        produce(c, "orders", 0, Acks::Leader, "old-" + std::to_string(i));
    c.setBrokerUp(0, false);
    c.setBrokerUp(1, true); // unclean: broker 1 has nothing
    QCOMPARE(c.leader("orders", 0), 1);
    QCOMPARE(c.lostRecords().size(), std::size_t(1));
    QCOMPARE(c.lostRecords()[0].count(), 5);
    produce(c, "orders", 0, Acks::Leader, "new-0");
    c.setBrokerUp(0, true);
    runUntil(clock, c, 100);
    // Broker 0's divergent log was cut to the new leader's: it now holds the new record.
    QCOMPARE(c.replicaLogEndOffset("orders", 0, 0), 1);
    QCOMPARE(c.isr("orders", 0).size(), std::size_t(2));
    const FetchResult f = c.fetch("orders", 0, 0, 10);
    QCOMPARE(f.records.size(), std::size_t(1));
    QCOMPARE(*f.records[0].value(), std::string_view("new-0"));
}

void TestCluster::retentionRunsOnCheckInterval()
{
    ManualClock clock;
    ClusterConfig cc;
    cc.logRetentionCheckIntervalMs = 1000;
    Cluster c(1, clock, cc);
    Recorder rec;
    c.addObserver(&rec);
    TopicConfig t;
    t.retentionMs = 500;
    t.segmentBytes = 3 * 13; // 13-byte records ("v" value): three per segment
    c.createTopic("orders", t);
    for (int i = 0; i < 7; ++i)
        produce(c, "orders", 0, Acks::Leader);
    QCOMPARE(c.segmentCount("orders", 0), 3);
    QCOMPARE(c.nextDeadlineMs(), std::optional<std::int64_t>(1000));
    runUntil(clock, c, 999);
    QCOMPARE(c.logStartOffset("orders", 0), 0);
    runUntil(clock, c, 1000);
    QCOMPARE(c.logStartOffset("orders", 0), 7); // everything was older than 500 ms
    QCOMPARE(c.fetch("orders", 0, 0, 10).error, ErrorCode::OffsetOutOfRange);
    QCOMPARE(c.fetch("orders", 0, 7, 10).error, ErrorCode::None);
    QVERIFY(std::find(rec.log.begin(), rec.log.end(), "retention orders/0 7") != rec.log.end());
    // Nothing left to delete: the cluster stops asking to be woken up.
    QCOMPARE(c.nextDeadlineMs(), std::nullopt);
}

void TestCluster::idempotentDuplicatesAreNotAppended()
{
    ManualClock clock;
    Cluster c(1, clock);
    c.createTopic("orders", TopicConfig{});
    const std::int64_t pid = c.initProducerId();
    auto send = [&](std::int32_t seq, std::size_t count) {
        std::vector<Record> recs(count, rec("v"));
        std::vector<RecordRef> refs;
        for (auto &r : recs)
            refs.push_back(r.ref());
        ProduceOptions o;
        o.acks = Acks::Leader;
        o.producerId = pid;
        o.baseSequence = seq;
        ProduceResult out;
        c.produce("orders", 0, refs, o, [&](const ProduceResult &r) { out = r; });
        return out;
    };
    QCOMPARE(send(0, 2).baseOffset, 0);
    QCOMPARE(send(2, 3).baseOffset, 2);
    const ProduceResult dup = send(2, 3); // a retry of the second batch
    QCOMPARE(dup.error, ErrorCode::None);
    QCOMPARE(dup.baseOffset, 2);
    QCOMPARE(c.logEndOffset("orders", 0), 5);
    QCOMPARE(send(9, 1).error, ErrorCode::OutOfOrderSequenceNumber);
    QCOMPARE(send(5, 1).baseOffset, 5);
    ProduceOptions bad;
    bad.producerId = pid;
    ErrorCode e = ErrorCode::None;
    c.produce("orders", 0, std::span<const RecordRef>(), bad, [&](const ProduceResult &r) { e = r.error; });
    QCOMPARE(e, ErrorCode::InvalidRequest);
}

void TestCluster::brokerAndDelayErrors()
{
    ManualClock clock;
    Cluster c(2, clock);
    ErrorCode e = ErrorCode::None;
    QVERIFY(c.setBrokerUp(5, false, &e).empty());
    QCOMPARE(e, ErrorCode::InvalidRequest);
    c.setBrokerUp(-1, false, &e);
    QCOMPARE(e, ErrorCode::InvalidRequest);
    QCOMPARE(c.setReplicaFetchDelayMs(2, 10), ErrorCode::InvalidRequest);
    QCOMPARE(c.setReplicaFetchDelayMs(0, -1), ErrorCode::InvalidRequest);
    QCOMPARE(c.setReplicaFetchDelayMs(0, 10), ErrorCode::None);
    QVERIFY(!c.isBrokerUp(7));
    c.setBrokerUp(1, false, &e);
    QCOMPARE(e, ErrorCode::None);
    QVERIFY(!c.isBrokerUp(1));
    // A topic created while a broker is down starts without it in the ISR.
    c.createTopic("orders", replicated(2, 2));
    QCOMPARE(c.isr("orders", 0), (std::vector<std::int32_t>{0}));
    QCOMPARE(c.leader("orders", 1), 0); // broker 1 would have led partition 1
}

void TestCluster::observersCanBeRemoved()
{
    ManualClock clock;
    Cluster c(1, clock);
    Recorder rec;
    c.addObserver(&rec);
    c.addObserver(&rec); // once only
    c.createTopic("orders", TopicConfig{});
    produce(c, "orders", 0, Acks::Leader);
    c.fetch("orders", 0, 0, 5);
    QCOMPARE(std::count(rec.log.begin(), rec.log.end(), "append orders/0@0+1"), 1);
    QCOMPARE(std::count(rec.log.begin(), rec.log.end(), "fetch orders/0@0+1"), 1);
    // Browsing a partition shows the same records but is no consumer fetch.
    FetchResult seen;
    QCOMPARE(c.read("orders", 0, 0, 5, seen), ErrorCode::None);
    QCOMPARE(seen.records.size(), std::size_t(1));
    QCOMPARE(std::count(rec.log.begin(), rec.log.end(), "fetch orders/0@0+1"), 1);
    QCOMPARE(c.read("orders", 0, 7, 5, seen), ErrorCode::OffsetOutOfRange);
    QCOMPARE(c.read("nope", 0, 0, 5, seen), ErrorCode::UnknownTopicOrPartition);
    c.removeObserver(&rec);
    const auto before = rec.log.size();
    produce(c, "orders", 0, Acks::Leader);
    QCOMPARE(rec.log.size(), before);
}

void TestCluster::sameInputsGiveSameState()
{
    // A scripted day with failures, run twice: every hook call and every stored byte must match.
    auto run = []() {
        ManualClock clock;
        ClusterConfig cc;
        cc.replicaLagTimeMaxMs = 200;
        Cluster c(3, clock, cc);
        Recorder rec;
        c.addObserver(&rec);
        c.createTopic("orders", replicated(4, 3, 2, true));
        std::uint64_t x = 12345;
        for (int step = 0; step < 2000; ++step) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            const auto r = std::uint32_t(x >> 33);
            clock.setMs(step * 3);
            c.advance(step * 3);
            if (r % 97 == 0)
                c.setBrokerUp(std::int32_t(r % 3), (r / 3) % 2 == 0);
            else if (r % 89 == 0)
                c.setReplicaFetchDelayMs(std::int32_t(r % 3), (r % 5) * 100);
            else
                produce(c, "orders", std::int32_t(r % 4), Acks((r % 3) == 2 ? -1 : int(r % 2)),
                        "v" + std::to_string(step));
        }
        std::vector<std::string> state = rec.log;
        for (std::int32_t p = 0; p < 4; ++p) {
            const FetchResult f = c.fetch("orders", p, 0, 100000);
            for (const auto &v : f.records)
                state.push_back(std::to_string(v.offset()) + ":" + std::string(v.value().value_or("null")));
            state.push_back("hw " + std::to_string(c.highWatermark("orders", p)) + " leo " +
                            std::to_string(c.logEndOffset("orders", p)));
        }
        return state;
    };
    const auto a = run();
    const auto b = run();
    QVERIFY(a.size() > 1000);
    QCOMPARE(a, b);
}

void TestCluster::partitionHandlesActLikeNames()
{
    // The same history twice, once by names and once by handles: same hooks, results and state.
    struct Run
    {
        ManualClock clock;
        Cluster cluster{3, clock};
        Recorder recorder;
        std::vector<std::string> results;
    };
    Run byName, byHandle;
    for (Run *r : {&byName, &byHandle}) {
        r->cluster.addObserver(&r->recorder);
        QCOMPARE(r->cluster.createTopic("a", replicated(2, 1)), ErrorCode::None);
        QCOMPARE(r->cluster.createTopic("orders", replicated(3, 3, 2)), ErrorCode::None);
    }
    const auto step = [](Run &r, bool handles, std::int32_t partition, Acks acks, const std::string &value) {
        const Record record = rec(value, "k" + value);
        const RecordRef ref = record.ref();
        ProduceOptions o;
        o.acks = acks;
        auto done = [&r](const ProduceResult &res) {
            r.results.push_back(std::string(errorName(res.error)) + "@" + std::to_string(res.baseOffset));
        };
        const std::span<const RecordRef> one(&ref, 1);
        if (handles)
            r.cluster.produce(r.cluster.partitionHandle("orders", partition), one, o, done);
        else
            r.cluster.produce("orders", partition, one, o, done);
        FetchResult f;
        const ErrorCode e = handles
                                ? r.cluster.fetch(r.cluster.partitionHandle("orders", partition), 0, 100, f)
                                : r.cluster.fetch("orders", partition, 0, 100, f);
        r.results.push_back(std::string(errorName(e)) + " " + std::to_string(f.records.size()));
        const PartitionHandle h = r.cluster.partitionHandle("orders", partition);
        r.results.push_back(handles ? std::to_string(r.cluster.highWatermark(h)) + " " +
                                          std::to_string(r.cluster.logEndOffset(h)) + " " +
                                          std::to_string(r.cluster.logStartOffset(h)) + " " +
                                          std::to_string(r.cluster.leader(h))
                                    : std::to_string(r.cluster.highWatermark("orders", partition)) + " " +
                                          std::to_string(r.cluster.logEndOffset("orders", partition)) + " " +
                                          std::to_string(r.cluster.logStartOffset("orders", partition)) +
                                          " " + std::to_string(r.cluster.leader("orders", partition)));
    };
    for (int i = 0; i < 30; ++i) {
        for (Run *r : {&byName, &byHandle}) {
            if (i == 10)
                r->cluster.setBrokerUp(0, false);
            if (i == 20)
                r->cluster.setBrokerUp(0, true);
            step(*r, r == &byHandle, i % 3, i % 2 ? Acks::All : Acks::Leader, std::to_string(i));
            runUntil(r->clock, r->cluster, (i + 1) * 100);
        }
    }
    QCOMPARE(byHandle.results, byName.results);
    QCOMPARE(byHandle.recorder.log, byName.recorder.log);
    QVERIFY(byName.results.size() >= 90); // the acks=all answers come later, from advance()
}

void TestCluster::invalidPartitionHandles()
{
    ManualClock clock;
    Cluster c(1, clock);
    Recorder recorder;
    c.addObserver(&recorder);
    QCOMPARE(c.createTopic("t", replicated(2, 1)), ErrorCode::None);
    QVERIFY(c.partitionHandle("t", 1).valid());
    QVERIFY(c.partitionHandle("t", 0).index != c.partitionHandle("t", 1).index);
    for (const PartitionHandle h : {c.partitionHandle("t", 2), c.partitionHandle("t", -1),
                                    c.partitionHandle("u", 0), PartitionHandle{}}) {
        QVERIFY(!h.valid());
        const Record r = rec("v");
        const RecordRef ref = r.ref();
        std::optional<ErrorCode> error;
        c.produce(h, std::span<const RecordRef>(&ref, 1), ProduceOptions{},
                  [&](const ProduceResult &res) { error = res.error; });
        QCOMPARE(error, std::optional<ErrorCode>(ErrorCode::UnknownTopicOrPartition));
        FetchResult f;
        QCOMPARE(c.fetch(h, 0, 1, f), ErrorCode::UnknownTopicOrPartition);
        QCOMPARE(c.highWatermark(h), -1);
        QCOMPARE(c.logEndOffset(h), -1);
        QCOMPARE(c.logStartOffset(h), -1);
        QCOMPARE(c.leader(h), -1);
    }
    // An empty batch to a real partition is refused as by name.
    std::optional<ErrorCode> error;
    c.produce(c.partitionHandle("t", 0), std::span<const RecordRef>(), ProduceOptions{},
              [&](const ProduceResult &res) { error = res.error; });
    QCOMPARE(error, std::optional<ErrorCode>(ErrorCode::InvalidRequest));
    QCOMPARE(c.logEndOffset(c.partitionHandle("t", 0)), 0);
}

QTEST_APPLESS_MAIN(TestCluster)
#include "tst_cluster.moc"
