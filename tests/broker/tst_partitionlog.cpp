// The partition log: dense offsets, segments, retention and compaction edge cases.
#include "PartitionLog.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace postoffice::broker;

namespace {

// Every record in these tests stores 12 + 2 + 8 = 22 bytes ("kN" key, 8-byte value).
constexpr std::int64_t kRecordBytes = 22;

void appendOne(PartitionLog &log, const std::string &key, std::optional<std::string> value,
               std::int64_t nowMs, std::int64_t timestampMs = -1)
{
    RecordRef r;
    r.key = std::string_view(key);
    if (value)
        r.value = std::string_view(*value);
    r.timestampMs = timestampMs;
    log.append(std::span<const RecordRef>(&r, 1), nowMs);
}

std::vector<std::int64_t> offsets(const PartitionLog &log, std::int64_t from = 0)
{
    std::vector<RecordView> views;
    log.read(std::max(from, log.logStartOffset()), log.logEndOffset(), 1000000, views);
    std::vector<std::int64_t> out;
    for (const auto &v : views)
        out.push_back(v.offset());
    return out;
}

TopicConfig smallSegments(std::int64_t recordsPerSegment)
{
    TopicConfig c;
    c.segmentBytes = recordsPerSegment * kRecordBytes;
    return c;
}

} // namespace

class TestPartitionLog : public QObject
{
    Q_OBJECT
private slots:
    void appendGivesDenseOffsets();
    void recordsRoundTrip();
    void readStopsAtEndOffsetAndMax();
    void rollsBySegmentBytes();
    void rollsBySegmentMs();
    void retentionByTime_data();
    void retentionByTime();
    void retentionBySize_data();
    void retentionBySize();
    void retentionNeverPassesHighWatermark();
    void retentionOfEverythingKeepsOffsets();
    void compactionKeepsLatestPerKey();
    void compactionHonoursTombstones();
    void compactionLeavesActiveSegmentAlone();
    void truncateRemovesTail();
    void viewsSurviveLaterAppends();
    void retentionReusesFreedMemory();
    void memoryPoolIsBounded();
};

void TestPartitionLog::appendGivesDenseOffsets()
{
    PartitionLog log{TopicConfig{}};
    QCOMPARE(log.logStartOffset(), 0);
    QCOMPARE(log.logEndOffset(), 0);
    std::vector<std::string> values{"a", "b", "c"};
    std::vector<RecordRef> batch(3);
    for (int i = 0; i < 3; ++i)
        batch[std::size_t(i)].value = std::string_view(values[std::size_t(i)]);
    QCOMPARE(log.append(batch, 5), 0);
    QCOMPARE(log.append(batch, 6), 3);
    QCOMPARE(log.logEndOffset(), 6);
    QCOMPARE(offsets(log), (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5}));
}

void TestPartitionLog::recordsRoundTrip()
{
    PartitionLog log{TopicConfig{}};
    const std::vector<Header> headers{{"trace", "abc"}, {"empty", ""}};
    RecordRef withAll;
    withAll.key = std::string_view("order-1");
    withAll.value = std::string_view("{\"total\":12}");
    withAll.timestampMs = 1234;
    withAll.headers = headers;
    RecordRef nullKey;
    nullKey.value = std::string_view("");
    RecordRef tombstone;
    tombstone.key = std::string_view("order-1");
    const std::vector<RecordRef> batch{withAll, nullKey, tombstone};
    log.append(batch, 999);

    std::vector<RecordView> v;
    log.read(0, 3, 10, v);
    QCOMPARE(v.size(), std::size_t(3));
    QCOMPARE(*v[0].key(), std::string_view("order-1"));
    QCOMPARE(*v[0].value(), std::string_view("{\"total\":12}"));
    QCOMPARE(v[0].timestampMs(), 1234);
    QCOMPARE(v[0].headers(), headers);
    QVERIFY(!v[1].key().has_value());
    QVERIFY(v[1].value().has_value());
    QCOMPARE(v[1].value()->size(), std::size_t(0));
    QCOMPARE(v[1].timestampMs(), 999); // unset timestamp → broker clock
    QVERIFY(v[2].isTombstone());
    QVERIFY(!v[2].value().has_value());
    QVERIFY(v[2].headers().empty());
    Record owned = v[0].toRecord();
    QCOMPARE(*owned.key, std::string("order-1"));
    QCOMPARE(owned.headers, headers);
    QCOMPARE(log.sizeBytes(), std::int64_t(v[0].sizeInBytes() + v[1].sizeInBytes() + v[2].sizeInBytes()));
}

void TestPartitionLog::readStopsAtEndOffsetAndMax()
{
    PartitionLog log(smallSegments(3));
    for (int i = 0; i < 10; ++i)
        appendOne(log, "k" + std::to_string(i % 10), "value--" + std::to_string(i % 10), 0);
    std::vector<RecordView> v;
    log.read(2, 7, 100, v); // across segment boundaries, up to (not including) 7
    QCOMPARE(v.size(), std::size_t(5));
    QCOMPARE(v.front().offset(), 2);
    QCOMPARE(v.back().offset(), 6);
    v.clear();
    log.read(4, 10, 3, v);
    QCOMPARE(v.size(), std::size_t(3));
    QCOMPARE(v.back().offset(), 6);
    v.clear();
    log.read(10, 10, 3, v);
    QVERIFY(v.empty());
}

void TestPartitionLog::rollsBySegmentBytes()
{
    PartitionLog log(smallSegments(3));
    for (int i = 0; i < 10; ++i)
        appendOne(log, "k" + std::to_string(i % 10), "value--" + std::to_string(i % 10), 0);
    QCOMPARE(log.segmentCount(), 4); // 3 + 3 + 3 + 1
    QCOMPARE(log.sizeBytes(), 10 * kRecordBytes);
}

void TestPartitionLog::rollsBySegmentMs()
{
    TopicConfig c;
    c.segmentMs = 100;
    PartitionLog log(c);
    appendOne(log, "k1", "value--1", 0);
    appendOne(log, "k2", "value--2", 99);
    QCOMPARE(log.segmentCount(), 1);
    appendOne(log, "k3", "value--3", 100); // 100 ms after the segment began
    QCOMPARE(log.segmentCount(), 2);
}

void TestPartitionLog::retentionByTime_data()
{
    QTest::addColumn<qint64>("retentionMs");
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<qint64>("expectedStart");
    // Segments of 3 records stamped t = 0,10,20 | 30,40,50 | 60,70,80 | 90 (active).
    // A segment goes when now - its newest timestamp > retention.ms; never partly.
    QTest::newRow("nothing old enough") << qint64(1000) << qint64(1020) << qint64(0);
    QTest::newRow("first segment exactly at limit stays") << qint64(100) << qint64(120) << qint64(0);
    QTest::newRow("first segment just past") << qint64(100) << qint64(121) << qint64(3);
    QTest::newRow("two segments") << qint64(100) << qint64(151) << qint64(6);
    QTest::newRow("all closed segments") << qint64(100) << qint64(181) << qint64(9);
    QTest::newRow("active too: log empties, offsets kept") << qint64(100) << qint64(191) << qint64(10);
    QTest::newRow("retention.ms=-1 keeps forever") << qint64(-1) << qint64(1000000) << qint64(0);
}

void TestPartitionLog::retentionByTime()
{
    QFETCH(qint64, retentionMs);
    QFETCH(qint64, nowMs);
    QFETCH(qint64, expectedStart);
    TopicConfig c = smallSegments(3);
    c.retentionMs = retentionMs;
    PartitionLog log(c);
    for (int i = 0; i < 10; ++i)
        appendOne(log, "k" + std::to_string(i), "value--" + std::to_string(i), i * 10);
    log.applyRetention(nowMs, log.logEndOffset());
    QCOMPARE(log.logStartOffset(), expectedStart);
    QCOMPARE(log.logEndOffset(), 10);
    QCOMPARE(log.sizeBytes(), (10 - expectedStart) * kRecordBytes);
    const auto left = offsets(log);
    QCOMPARE(std::int64_t(left.size()), 10 - expectedStart);
    if (!left.empty())
        QCOMPARE(left.front(), expectedStart);
}

void TestPartitionLog::retentionBySize_data()
{
    QTest::addColumn<qint64>("retentionBytes");
    QTest::addColumn<qint64>("expectedStart");
    // 10 records of 22 bytes = 220 bytes in segments of 66 | 66 | 66 | 22 (active).
    // Kafka deletes the oldest segment only while the log minus that segment is still
    // >= retention.bytes, so the log never shrinks below the limit.
    QTest::newRow("unlimited") << qint64(-1) << qint64(0);
    QTest::newRow("fits exactly") << qint64(220) << qint64(0);
    QTest::newRow("one byte over: deleting 66 would undershoot") << qint64(219) << qint64(0);
    QTest::newRow("154 = without first segment") << qint64(154) << qint64(3);
    QTest::newRow("153: second deletion would undershoot") << qint64(153) << qint64(3);
    QTest::newRow("88 → two segments") << qint64(88) << qint64(6);
    QTest::newRow("22 → only the active segment left") << qint64(22) << qint64(9);
    QTest::newRow("0 → everything") << qint64(0) << qint64(10);
}

void TestPartitionLog::retentionBySize()
{
    QFETCH(qint64, retentionBytes);
    QFETCH(qint64, expectedStart);
    TopicConfig c = smallSegments(3);
    c.retentionMs = -1;
    c.retentionBytes = retentionBytes;
    PartitionLog log(c);
    for (int i = 0; i < 10; ++i)
        appendOne(log, "k" + std::to_string(i), "value--" + std::to_string(i), 0);
    log.applyRetention(0, log.logEndOffset());
    QCOMPARE(log.logStartOffset(), expectedStart);
    QCOMPARE(log.sizeBytes(), (10 - expectedStart) * kRecordBytes);
}

void TestPartitionLog::retentionNeverPassesHighWatermark()
{
    TopicConfig c = smallSegments(3);
    c.retentionMs = 0;
    PartitionLog log(c);
    for (int i = 0; i < 10; ++i)
        appendOne(log, "k" + std::to_string(i), "value--" + std::to_string(i), 0);
    // Only segments entirely below the high watermark may go: [0,3) yes, [3,6) not with HW 5.
    log.applyRetention(1000, 5);
    QCOMPARE(log.logStartOffset(), 3);
    log.applyRetention(1000, 6);
    QCOMPARE(log.logStartOffset(), 6);
}

void TestPartitionLog::retentionOfEverythingKeepsOffsets()
{
    TopicConfig c;
    c.retentionMs = 10;
    PartitionLog log(c);
    appendOne(log, "k1", "value--1", 0);
    appendOne(log, "k2", "value--2", 0);
    QVERIFY(log.applyRetention(100, 2));
    QCOMPARE(log.logStartOffset(), 2);
    QCOMPARE(log.logEndOffset(), 2);
    QCOMPARE(log.sizeBytes(), 0);
    QCOMPARE(log.segmentCount(), 1);
    appendOne(log, "k3", "value--3", 100);
    QCOMPARE(offsets(log), (std::vector<std::int64_t>{2}));
    QVERIFY(!log.applyRetention(100, 3)); // the new record is fresh
}

void TestPartitionLog::compactionKeepsLatestPerKey()
{
    TopicConfig c = smallSegments(3);
    c.cleanupDelete = false;
    c.cleanupCompact = true;
    PartitionLog log(c);
    // offsets: 0 a1, 1 b1, 2 a2 | 3 c1, 4 b2, 5 a3 | 6 d1 (active)
    const char *keys[] = {"ka", "kb", "ka", "kc", "kb", "ka", "kd"};
    for (int i = 0; i < 7; ++i)
        appendOne(log, keys[i], "value--" + std::to_string(i), 0);
    QCOMPARE(log.compact(0, 7), 3); // a1, b1, a2 superseded; c1, b2, a3 and the active d1 stay
    QCOMPARE(offsets(log), (std::vector<std::int64_t>{3, 4, 5, 6}));
    QCOMPARE(log.logStartOffset(), 0); // compaction leaves the log start alone
    QCOMPARE(log.logEndOffset(), 7);
    QCOMPARE(log.sizeBytes(), 4 * kRecordBytes);
    // Reading from a removed offset yields the next surviving record.
    std::vector<RecordView> v;
    log.read(1, 7, 1, v);
    QCOMPARE(v.front().offset(), 3);
    QCOMPARE(*v.front().value(), std::string_view("value--3"));
    QCOMPARE(log.compact(0, 7), 0); // idempotent
}

void TestPartitionLog::compactionHonoursTombstones()
{
    TopicConfig c = smallSegments(3);
    c.cleanupDelete = false;
    c.cleanupCompact = true;
    c.deleteRetentionMs = 1000;
    PartitionLog log(c);
    appendOne(log, "ka", "value--0", 0, 0);     // 0
    appendOne(log, "kb", "value--1", 0, 0);     // 1
    appendOne(log, "ka", std::nullopt, 0, 500); // 2: tombstone for ka (stored 14 bytes)
    appendOne(log, "kc", "value--3", 0, 600);   // 3: 58 + 22 > 66 bytes, so a new segment
    appendOne(log, "kd", "value--4", 0, 600);
    appendOne(log, "ke", "value--5", 0, 600);
    appendOne(log, "kf", "value--6", 0, 600);
    // ka's value is gone at once; the tombstone itself stays for delete.retention.ms so that
    // consumers that are behind still see the delete.
    log.compact(1000, log.logEndOffset());
    auto left = offsets(log);
    QVERIFY(std::find(left.begin(), left.end(), 0) == left.end());
    QVERIFY(std::find(left.begin(), left.end(), 2) != left.end());
    // 1500 ms: the tombstone (timestamp 500) is delete.retention.ms old → removed too.
    log.compact(1500, log.logEndOffset());
    left = offsets(log);
    QVERIFY(std::find(left.begin(), left.end(), 2) == left.end());
    QVERIFY(std::find(left.begin(), left.end(), 1) != left.end());
}

void TestPartitionLog::compactionLeavesActiveSegmentAlone()
{
    TopicConfig c;
    c.cleanupDelete = false;
    c.cleanupCompact = true;
    PartitionLog log(c); // one big segment: everything is in the active segment
    for (int i = 0; i < 5; ++i)
        appendOne(log, "ka", "value--" + std::to_string(i), 0);
    QCOMPARE(log.compact(0, 5), 0);
    QCOMPARE(offsets(log).size(), std::size_t(5));
    // compact-only topics never delete by retention
    QVERIFY(!log.applyRetention(1LL << 40, 5));
}

void TestPartitionLog::truncateRemovesTail()
{
    PartitionLog log(smallSegments(3));
    for (int i = 0; i < 10; ++i)
        appendOne(log, "k" + std::to_string(i), "value--" + std::to_string(i), 0);
    QCOMPARE(log.truncateTo(4), 6);
    QCOMPARE(log.logEndOffset(), 4);
    QCOMPARE(log.sizeBytes(), 4 * kRecordBytes);
    QCOMPARE(offsets(log), (std::vector<std::int64_t>{0, 1, 2, 3}));
    appendOne(log, "new", "value--n", 0);
    std::vector<RecordView> v;
    log.read(4, 5, 1, v);
    QCOMPARE(*v.front().key(), std::string_view("new"));
    QCOMPARE(log.truncateTo(100), 0);
}

void TestPartitionLog::viewsSurviveLaterAppends()
{
    PartitionLog log{TopicConfig{}};
    appendOne(log, "first", "value--f", 0);
    std::vector<RecordView> v;
    log.read(0, 1, 1, v);
    const char *before = v.front().value()->data();
    const std::string big(4096, 'x');
    for (int i = 0; i < 2000; ++i) // many new chunks
        appendOne(log, "k", big, 0);
    QVERIFY(v.front().value()->data() == before); // same bytes, not a copy
    QCOMPARE(*v.front().value(), std::string_view("value--f"));
}

void TestPartitionLog::retentionReusesFreedMemory()
{
    // Segments of 1 MiB have chunks of pooled size (>= 64 KiB): what retention frees must come back
    // for the next segments, and the reused bytes must hold the new records, not the old ones.
    TopicConfig c;
    c.retentionMs = -1;
    c.segmentBytes = 1 << 20;
    c.retentionBytes = 1 << 20;
    PartitionLog log(c);
    const auto valueFor = [](int i) { return std::string(1000, char('a' + i % 26)); };
    int appended = 0;
    while (log.segmentCount() < 3)
        appendOne(log, "k", valueFor(appended++), 0);
    const std::size_t pooledBefore = pooledLogMemoryBytes();
    QVERIFY(log.applyRetention(0, log.logEndOffset()));
    const std::size_t pooledAfterRetention = pooledLogMemoryBytes();
    QVERIFY(pooledAfterRetention > pooledBefore);
    while (log.segmentCount() < 4)
        appendOne(log, "k", valueFor(appended++), 0);
    QVERIFY(pooledLogMemoryBytes() < pooledAfterRetention);

    std::vector<RecordView> views;
    log.read(log.logStartOffset(), log.logEndOffset(), 1000000, views);
    QCOMPARE(std::int64_t(views.size()), log.logEndOffset() - log.logStartOffset());
    for (const RecordView &v : views)
        QCOMPARE(*v.value(), std::string_view(valueFor(int(v.offset()))));
}

void TestPartitionLog::memoryPoolIsBounded()
{
    // A log that shrinks for good must give its memory back beyond the pool's limit.
    std::vector<void *> blocks(kLogMemoryPoolBytes / kPooledBlockBytes + 4);
    for (void *&b : blocks)
        b = allocateLogMemory(kPooledBlockBytes);
    for (void *b : blocks)
        freeLogMemory(b, kPooledBlockBytes);
    QCOMPARE(pooledLogMemoryBytes(), kLogMemoryPoolBytes);
    // Exact-size reuse: a different size is not served from the pool.
    void *other = allocateLogMemory(kPooledBlockBytes * 3);
    QCOMPARE(pooledLogMemoryBytes(), kLogMemoryPoolBytes);
    void *same = allocateLogMemory(kPooledBlockBytes);
    QCOMPARE(pooledLogMemoryBytes(), kLogMemoryPoolBytes - kPooledBlockBytes);
    freeLogMemory(same, kPooledBlockBytes);
    freeLogMemory(other, kPooledBlockBytes * 3);
    QCOMPARE(pooledLogMemoryBytes(), kLogMemoryPoolBytes);
}

QTEST_APPLESS_MAIN(TestPartitionLog)
#include "tst_partitionlog.moc"
