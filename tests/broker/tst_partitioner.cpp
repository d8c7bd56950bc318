// Keyed records must land where the Java client puts them; null keys spread as documented.
#include "Partitioner.h"

#include <QtTest>

#include <set>
#include <string>

using namespace postoffice::broker;

class TestPartitioner : public QObject
{
    Q_OBJECT
private slots:
    void murmur2MatchesKafka_data();
    void murmur2MatchesKafka();
    void partitionForKeyIsToPositiveModulo_data();
    void partitionForKeyIsToPositiveModulo();
    void partitionForKeyRejectsNoPartitions();
    void keyedRecordsIgnoreStrategy();
    void roundRobinCyclesThroughPartitions();
    void stickyStaysUntilBatchCompletes();
    void stickyIsDeterministicPerSeed();
};

void TestPartitioner::murmur2MatchesKafka_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("expected");
    // Every case of Kafka's UtilsTest.testMurmur2 (clients/src/test/.../utils/UtilsTest.java).
    QTest::newRow("21") << QByteArray("21") << -973932308;
    QTest::newRow("foobar") << QByteArray("foobar") << -790332482;
    QTest::newRow("a-little-bit-long-string") << QByteArray("a-little-bit-long-string") << -985981536;
    QTest::newRow("a-little-bit-longer-string") << QByteArray("a-little-bit-longer-string") << -1486304829;
    QTest::newRow("lkjh...") << QByteArray("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") << -58897971;
    QTest::newRow("{'a','b','c'}") << QByteArray("abc") << 479470107;
}

void TestPartitioner::murmur2MatchesKafka()
{
    QFETCH(QByteArray, input);
    QFETCH(int, expected);
    QCOMPARE(murmur2(std::string_view(input.constData(), std::size_t(input.size()))), std::int32_t(expected));
}

void TestPartitioner::partitionForKeyIsToPositiveModulo_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("expected");
    // (murmur2 & 0x7fffffff) % n, worked out from the vectors above:
    // "foobar": -790332482 & 0x7fffffff = 1357151166; "21": -973932308 & 0x7fffffff = 1173551340;
    // "abc": 479470107 (already positive).
    QTest::newRow("foobar/50") << QByteArray("foobar") << 50 << 16;
    QTest::newRow("foobar/6") << QByteArray("foobar") << 6 << int(1357151166 % 6);
    QTest::newRow("21/6") << QByteArray("21") << 6 << int(1173551340 % 6);
    QTest::newRow("21/1") << QByteArray("21") << 1 << 0;
    QTest::newRow("abc/7") << QByteArray("abc") << 7 << int(479470107 % 7);
    // A negative hash must not go through abs(): INT_MIN-like values would break it.
    QTest::newRow("long/12") << QByteArray("a-little-bit-longer-string") << 12
                             << int((-1486304829 & 0x7fffffff) % 12);
}

void TestPartitioner::partitionForKeyIsToPositiveModulo()
{
    QFETCH(QByteArray, key);
    QFETCH(int, partitions);
    QFETCH(int, expected);
    QCOMPARE(partitionForKey(std::string_view(key.constData(), std::size_t(key.size())), partitions),
             std::int32_t(expected));
}

void TestPartitioner::partitionForKeyRejectsNoPartitions()
{
    QCOMPARE(partitionForKey("foobar", 0), -1);
    QCOMPARE(partitionForKey("foobar", -3), -1);
    Partitioner p;
    QCOMPARE(p.partition("t", std::nullopt, 0), -1);
}

void TestPartitioner::keyedRecordsIgnoreStrategy()
{
    Partitioner sticky(NullKeyStrategy::Sticky);
    Partitioner roundRobin(NullKeyStrategy::RoundRobin);
    for (int i = 0; i < 50; ++i) {
        const std::string key = "order-" + std::to_string(i);
        QCOMPARE(sticky.partition("orders", std::string_view(key), 6), partitionForKey(key, 6));
        QCOMPARE(roundRobin.partition("orders", std::string_view(key), 6), partitionForKey(key, 6));
    }
}

void TestPartitioner::roundRobinCyclesThroughPartitions()
{
    Partitioner p(NullKeyStrategy::RoundRobin);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(p.partition("orders", std::nullopt, 4), i % 4);
    // Per topic: another topic starts its own cycle.
    QCOMPARE(p.partition("payments", std::nullopt, 4), 0);
}

void TestPartitioner::stickyStaysUntilBatchCompletes()
{
    Partitioner p(NullKeyStrategy::Sticky, 42);
    const std::int32_t first = p.partition("orders", std::nullopt, 6);
    QVERIFY(first >= 0 && first < 6);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(p.partition("orders", std::nullopt, 6), first);
    // A completed batch on another partition does not move the sticky choice.
    p.onBatchCompleted("orders", (first + 1) % 6, 6);
    QCOMPARE(p.partition("orders", std::nullopt, 6), first);
    // Completing the sticky partition's batch moves it, always to a different partition.
    std::set<std::int32_t> seen{first};
    std::int32_t previous = first;
    for (int i = 0; i < 200; ++i) {
        p.onBatchCompleted("orders", previous, 6);
        const std::int32_t next = p.partition("orders", std::nullopt, 6);
        QVERIFY(next != previous);
        QVERIFY(next >= 0 && next < 6);
        seen.insert(next);
        previous = next;
    }
    QCOMPARE(seen.size(), std::size_t(6)); // over time every partition gets traffic
}

void TestPartitioner::stickyIsDeterministicPerSeed()
{
    auto sequence = [](std::uint64_t seed) {
        Partitioner p(NullKeyStrategy::Sticky, seed);
        std::vector<std::int32_t> out;
        for (int i = 0; i < 30; ++i) {
            out.push_back(p.partition("t", std::nullopt, 5));
            p.onBatchCompleted("t", out.back(), 5);
        }
        return out;
    };
    QCOMPARE(sequence(7), sequence(7));
    QVERIFY(sequence(7) != sequence(8));
}

QTEST_APPLESS_MAIN(TestPartitioner)
#include "tst_partitioner.moc"
