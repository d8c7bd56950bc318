// The per-segment index: blocks that never move, growing from small, truncation and moves.
#include "OffsetIndex.h"

#include <QtTest>

using namespace postoffice::broker;

class TestOffsetIndex : public QObject
{
    Q_OBJECT
private slots:
    void keepsEveryEntryAcrossBlocks();
    void truncateThenGrowAgain();
    void appendsAfterTruncationLandInPlace_data();
    void appendsAfterTruncationLandInPlace();
    void moveTransfersOwnership();
};

namespace {
OffsetIndex::Entry entry(std::size_t i)
{
    return {std::uint32_t(i), std::uint32_t(i * 3), std::int64_t(i) * 1000};
}
} // namespace

void TestOffsetIndex::keepsEveryEntryAcrossBlocks()
{
    OffsetIndex index;
    QVERIFY(index.empty());
    const std::size_t n = 3 * 65536 + 17; // the first block grows from 256, then full blocks
    const OffsetIndex::Entry *first = nullptr;
    for (std::size_t i = 0; i < n; ++i) {
        index.push_back(entry(i));
        if (i == 70000)
            first = &index[70000];
    }
    QCOMPARE(index.size(), n);
    for (std::size_t i = 0; i < n; i += 997) {
        QCOMPARE(index[i].offsetDelta, std::uint32_t(i));
        QCOMPARE(index[i].location, std::uint32_t(i * 3));
        QCOMPARE(index[i].timestampMs, std::int64_t(i) * 1000);
    }
    QCOMPARE(index[n - 1].offsetDelta, std::uint32_t(n - 1));
    QVERIFY(first == &index[70000]); // entries past the first block never move
}

void TestOffsetIndex::truncateThenGrowAgain()
{
    OffsetIndex index;
    for (std::size_t i = 0; i < 150000; ++i)
        index.push_back(entry(i));
    index.truncate(70000);
    QCOMPARE(index.size(), std::size_t(70000));
    QCOMPARE(index[69999].offsetDelta, std::uint32_t(69999));
    index.push_back(entry(5));
    QCOMPARE(index[70000].offsetDelta, std::uint32_t(5));
    index.truncate(100000); // beyond the end: no change
    QCOMPARE(index.size(), std::size_t(70001));
    index.truncate(100);
    QCOMPARE(index.size(), std::size_t(100));
    index.truncate(0);
    QVERIFY(index.empty());
    for (std::size_t i = 0; i < 1000; ++i)
        index.push_back(entry(i + 1));
    QCOMPARE(index[999].offsetDelta, std::uint32_t(1000));
}

void TestOffsetIndex::moveTransfersOwnership()
{
    OffsetIndex a;
    for (std::size_t i = 0; i < 70000; ++i)
        a.push_back(entry(i));
    OffsetIndex b(std::move(a));
    QCOMPARE(b.size(), std::size_t(70000));
    QCOMPARE(b[65537].offsetDelta, std::uint32_t(65537));
    QCOMPARE(a.size(), std::size_t(0)); // NOLINT: moved-from is empty by contract
    OffsetIndex c;
    c.push_back(entry(1));
    c = std::move(b);
    QCOMPARE(c.size(), std::size_t(70000));
    a.push_back(entry(42)); // a moved-from index is reusable
    QCOMPARE(a[0].offsetDelta, std::uint32_t(42));
}

void TestOffsetIndex::appendsAfterTruncationLandInPlace_data()
{
    QTest::addColumn<int>("filled");
    QTest::addColumn<int>("keep");
    QTest::newRow("inside a still-growing first block") << 200 << 100;
    QTest::newRow("at a block boundary") << 20000 << 4096;
    QTest::newRow("at two blocks") << 20000 << 8192;
    QTest::newRow("one past a boundary") << 20000 << 4097;
    QTest::newRow("mid block") << 20000 << 10000;
    QTest::newRow("to nothing") << 20000 << 0;
}

void TestOffsetIndex::appendsAfterTruncationLandInPlace()
{
    // The append cursor must follow a truncation: new entries right after the kept ones, kept ones
    // untouched, across the block boundaries that follow.
    QFETCH(int, filled);
    QFETCH(int, keep);
    OffsetIndex index;
    for (int i = 0; i < filled; ++i)
        index.push_back(entry(std::size_t(i)));
    index.truncate(std::size_t(keep));
    for (int i = 0; i < 9000; ++i)
        index.push_back(entry(std::size_t(1000000 + i)));
    QCOMPARE(index.size(), std::size_t(keep + 9000));
    for (int i = 0; i < keep; ++i)
        QCOMPARE(index[std::size_t(i)].offsetDelta, std::uint32_t(i));
    for (int i = 0; i < 9000; ++i)
        QCOMPARE(index[std::size_t(keep + i)].timestampMs, std::int64_t(1000000 + i) * 1000);
}

QTEST_APPLESS_MAIN(TestOffsetIndex)
#include "tst_offsetindex.moc"
