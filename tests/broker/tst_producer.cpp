// The embedded producer: linger.ms, batch.size, retries, idempotence, partitioning.
#include "Cluster.h"
#include "ManualClock.h"
#include "Partitioner.h"
#include "Producer.h"

#include <QtTest>

#include <map>
#include <string>
#include <vector>

using namespace postoffice::broker;

namespace {

class AppendCounter : public BrokerObserver
{
public:
    void onAppend(const std::string &, std::int32_t p, std::int64_t, std::int32_t n) override
    {
        batches.push_back({p, n});
    }
    std::vector<std::pair<std::int32_t, std::int32_t>> batches; // partition, record count
};

Record value(const std::string &v, std::optional<std::string> key = std::nullopt)
{
    Record r;
    r.key = std::move(key);
    r.value = v;
    return r;
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

TopicConfig topic(std::int32_t partitions, std::int16_t rf = 1, std::int32_t minIsr = 1)
{
    TopicConfig c;
    c.partitions = partitions;
    c.replicationFactor = rf;
    c.minInsyncReplicas = minIsr;
    return c;
}

} // namespace

class TestProducer : public QObject
{
    Q_OBJECT
private slots:
    void lingerCollectsABatch();
    void fullBatchGoesWithoutLinger();
    void recordsQueueBehindAnInFlightBatch();
    void retriesAfterBackoff();
    void givesUpWhenRetriesRunOut();
    void retryAfterLostResponse_data();
    void retryAfterLostResponse();
    void stickyPartitionerSwitchesOnFullBatch();
    void keyedRecordsFollowTheHash();
    void acksZeroHasNoOffsets();
    void sendErrors();
    void callbacksOutliveNothing();
};

void TestProducer::lingerCollectsABatch()
{
    ManualClock clock;
    Cluster c(1, clock);
    AppendCounter appends;
    c.addObserver(&appends);
    c.createTopic("orders", topic(1));
    ProducerConfig pc;
    pc.lingerMs = 10;
    Producer producer(c, pc);
    std::vector<std::int64_t> offsets;
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(producer.send(
                     "orders", value("o" + std::to_string(i)),
                     [&](const SendResult &r) { offsets.push_back(r.offset); }, 0),
                 ErrorCode::None);
    }
    QCOMPARE(producer.pendingRecords(), 5);
    QCOMPARE(c.logEndOffset("orders", 0), 0);
    QCOMPARE(c.nextDeadlineMs(), std::optional<std::int64_t>(10));
    runUntil(clock, c, 9);
    QVERIFY(offsets.empty());
    runUntil(clock, c, 10);
    QCOMPARE(appends.batches.size(), std::size_t(1));
    QCOMPARE(appends.batches[0].second, 5);
    QCOMPARE(offsets, (std::vector<std::int64_t>{0, 1, 2, 3, 4}));
    QCOMPARE(producer.pendingRecords(), 0);
}

void TestProducer::fullBatchGoesWithoutLinger()
{
    ManualClock clock;
    Cluster c(1, clock);
    AppendCounter appends;
    c.addObserver(&appends);
    c.createTopic("orders", topic(1));
    ProducerConfig pc;
    pc.lingerMs = 1000;
    pc.batchSize = 3 * 22; // 12-byte prefix + 10-byte value: three records fill it
    Producer producer(c, pc);
    for (int i = 0; i < 7; ++i)
        producer.send("orders", value("0123456789"), nullptr, 0);
    QCOMPARE(appends.batches.size(), std::size_t(2)); // two full batches, at once
    QCOMPARE(appends.batches[0].second, 3);
    QCOMPARE(producer.pendingRecords(), 1); // the seventh lingers
    producer.flush();
    QCOMPARE(appends.batches.size(), std::size_t(3));
    QCOMPARE(c.logEndOffset("orders", 0), 7);
}

void TestProducer::recordsQueueBehindAnInFlightBatch()
{
    ManualClock clock;
    Cluster c(2, clock);
    AppendCounter appends;
    c.addObserver(&appends);
    c.createTopic("orders", topic(1, 2, 2));
    ProducerConfig pc; // acks=all, linger.ms=0
    Producer producer(c, pc);
    int done = 0;
    for (int i = 0; i < 10; ++i)
        producer.send(
            "orders", value("v"), [&](const SendResult &r) { done += r.error == ErrorCode::None; }, 0);
    // The first record is in flight waiting for the follower; the rest form the next batch.
    QCOMPARE(appends.batches.size(), std::size_t(1));
    runUntil(clock, c, 100);
    QCOMPARE(appends.batches.size(), std::size_t(2));
    QCOMPARE(appends.batches[1].second, 9);
    QCOMPARE(done, 10);
}

void TestProducer::retriesAfterBackoff()
{
    ManualClock clock;
    Cluster c(1, clock);
    c.createTopic("orders", topic(1));
    c.setBrokerUp(0, false);
    ProducerConfig pc;
    pc.retryBackoffMs = 100;
    Producer producer(c, pc);
    std::optional<SendResult> result;
    producer.send(
        "orders", value("v"), [&](const SendResult &r) { result = r; }, 0);
    QVERIFY(!result); // LEADER_NOT_AVAILABLE is retriable: waiting for the back-off
    QCOMPARE(c.nextDeadlineMs(), std::optional<std::int64_t>(100));
    runUntil(clock, c, 150); // second attempt at 100 fails too
    c.setBrokerUp(0, true);
    runUntil(clock, c, 300);
    QVERIFY(result);
    QCOMPARE(result->error, ErrorCode::None);
    QCOMPARE(result->offset, 0);
    QCOMPARE(result->attempts, 3);
}

void TestProducer::givesUpWhenRetriesRunOut()
{
    ManualClock clock;
    Cluster c(2, clock);
    c.createTopic("orders", topic(1, 2, 2));
    c.setBrokerUp(1, false); // ISR below min.insync.replicas
    ProducerConfig pc;
    pc.retries = 2;
    pc.retryBackoffMs = 10;
    Producer producer(c, pc);
    std::vector<SendResult> results;
    producer.send(
        "orders", value("v"), [&](const SendResult &r) { results.push_back(r); }, 0);
    runUntil(clock, c, 1000);
    QCOMPARE(results.size(), std::size_t(1)); // exactly one callback
    QCOMPARE(results[0].error, ErrorCode::NotEnoughReplicas);
    QCOMPARE(results[0].attempts, 3); // first try + retries
    QCOMPARE(c.logEndOffset("orders", 0), 0);
    // The idempotent producer moved to a fresh id: later sends are not out of sequence.
    c.setBrokerUp(1, true);
    runUntil(clock, c, 2000);
    producer.send(
        "orders", value("w"), [&](const SendResult &r) { results.push_back(r); }, 0);
    runUntil(clock, c, 3000);
    QCOMPARE(results.size(), std::size_t(2));
    QCOMPARE(results[1].error, ErrorCode::None);
    QCOMPARE(results[1].offset, 0);
}

void TestProducer::retryAfterLostResponse_data()
{
    QTest::addColumn<bool>("idempotence");
    QTest::addColumn<qint64>("expectedLogEnd");
    QTest::addColumn<qint64>("expectedOffset");
    QTest::newRow("enable.idempotence=true: one copy") << true << qint64(1) << qint64(0);
    QTest::newRow("enable.idempotence=false: duplicate") << false << qint64(2) << qint64(1);
}

void TestProducer::retryAfterLostResponse()
{
    QFETCH(bool, idempotence);
    QFETCH(qint64, expectedLogEnd);
    QFETCH(qint64, expectedOffset);
    // acks=all with a follower slower than request.timeout.ms: the record is appended, the
    // producer only sees REQUEST_TIMED_OUT and retries.
    ManualClock clock;
    Cluster c(2, clock);
    c.createTopic("orders", topic(1, 2, 2));
    c.setReplicaFetchDelayMs(1, 3500);
    ProducerConfig pc;
    pc.enableIdempotence = idempotence;
    pc.requestTimeoutMs = 3000;
    pc.retryBackoffMs = 1000;
    Producer producer(c, pc);
    std::vector<SendResult> results;
    producer.send(
        "orders", value("order-1"), [&](const SendResult &r) { results.push_back(r); }, 0);
    runUntil(clock, c, 3000);
    QVERIFY(results.empty());
    QCOMPARE(c.logEndOffset("orders", 0), 1); // appended although the request timed out
    c.setReplicaFetchDelayMs(1, 100);         // the follower recovers
    runUntil(clock, c, 10000);
    QCOMPARE(results.size(), std::size_t(1));
    QCOMPARE(results[0].error, ErrorCode::None);
    QCOMPARE(results[0].attempts, 2);
    QCOMPARE(results[0].offset, expectedOffset);
    QCOMPARE(c.logEndOffset("orders", 0), expectedLogEnd);
    const FetchResult f = c.fetch("orders", 0, 0, 10);
    QCOMPARE(std::int64_t(f.records.size()), expectedLogEnd);
    for (const auto &r : f.records)
        QCOMPARE(*r.value(), std::string_view("order-1"));
}

void TestProducer::stickyPartitionerSwitchesOnFullBatch()
{
    ManualClock clock;
    Cluster c(1, clock);
    AppendCounter appends;
    c.addObserver(&appends);
    c.createTopic("orders", topic(6));
    ProducerConfig pc;
    pc.lingerMs = 1000;
    pc.batchSize = 2 * 13; // two 1-byte records per batch
    pc.seed = 3;
    Producer producer(c, pc);
    std::vector<std::int32_t> partitions;
    for (int i = 0; i < 8; ++i)
        producer.send("orders", value("v"), [&](const SendResult &r) { partitions.push_back(r.partition); });
    QCOMPARE(partitions.size(), std::size_t(8));
    // KIP-480: pairs of records share a partition; the next batch goes elsewhere.
    for (std::size_t i = 0; i < 8; i += 2) {
        QCOMPARE(partitions[i], partitions[i + 1]);
        if (i + 2 < 8)
            QVERIFY(partitions[i] != partitions[i + 2]);
    }
    for (const auto &b : appends.batches)
        QCOMPARE(b.second, 2);

    ProducerConfig rr = pc;
    rr.nullKeyStrategy = NullKeyStrategy::RoundRobin;
    rr.lingerMs = 0;
    Producer roundRobin(c, rr);
    std::vector<std::int32_t> rrPartitions;
    for (int i = 0; i < 6; ++i)
        roundRobin.send("orders", value("v"),
                        [&](const SendResult &r) { rrPartitions.push_back(r.partition); });
    QCOMPARE(rrPartitions, (std::vector<std::int32_t>{0, 1, 2, 3, 4, 5}));
}

void TestProducer::keyedRecordsFollowTheHash()
{
    ManualClock clock;
    Cluster c(1, clock);
    c.createTopic("orders", topic(6));
    Producer producer(c);
    std::map<std::string, std::int32_t> seen;
    for (int i = 0; i < 30; ++i) {
        const std::string key = "customer-" + std::to_string(i % 10);
        producer.send("orders", value("v", key), [&, key](const SendResult &r) {
            QCOMPARE(r.partition, partitionForKey(key, 6));
            seen[key] = r.partition;
        });
    }
    QCOMPARE(seen.size(), std::size_t(10));
}

void TestProducer::acksZeroHasNoOffsets()
{
    ManualClock clock;
    Cluster c(1, clock);
    c.createTopic("orders", topic(1));
    ProducerConfig pc;
    pc.acks = Acks::None;
    pc.enableIdempotence = false;
    Producer producer(c, pc);
    std::optional<SendResult> result;
    producer.send(
        "orders", value("v"), [&](const SendResult &r) { result = r; }, 0);
    QVERIFY(result);
    QCOMPARE(result->error, ErrorCode::None);
    QCOMPARE(result->offset, -1);
    QCOMPARE(c.logEndOffset("orders", 0), 1);
}

void TestProducer::sendErrors()
{
    ManualClock clock;
    Cluster c(1, clock);
    TopicConfig t = topic(2);
    t.maxMessageBytes = 50;
    c.createTopic("orders", t);
    Producer producer(c);
    bool called = false;
    auto cb = [&](const SendResult &) { called = true; };
    QCOMPARE(producer.send("nope", value("v"), cb), ErrorCode::UnknownTopicOrPartition);
    QCOMPARE(producer.send("orders", value("v"), cb, 2), ErrorCode::UnknownTopicOrPartition);
    QCOMPARE(producer.send("orders", value("v"), cb, -5), ErrorCode::UnknownTopicOrPartition);
    QCOMPARE(producer.send("orders", value(std::string(60, 'x')), cb), ErrorCode::MessageTooLarge);
    QVERIFY(!called);
    QCOMPARE(producer.pendingRecords(), 0);
}

void TestProducer::callbacksOutliveNothing()
{
    // A producer destroyed with a request in flight: the late response must not touch it.
    ManualClock clock;
    Cluster c(2, clock);
    c.createTopic("orders", topic(1, 2, 2));
    int called = 0;
    {
        Producer producer(c);
        producer.send(
            "orders", value("v"), [&](const SendResult &) { ++called; }, 0);
    }
    runUntil(clock, c, 100);
    QCOMPARE(called, 0);
    QCOMPARE(c.highWatermark("orders", 0), 1);
}

QTEST_APPLESS_MAIN(TestProducer)
#include "tst_producer.moc"
