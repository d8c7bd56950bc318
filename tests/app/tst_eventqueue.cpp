// The engine's future event list: whatever order events are scheduled in, they leave in time
// order, and events at the same time leave in the order they were scheduled (the engine's
// determinism rests on it).

#include "EventQueue.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <limits>
#include <vector>

using namespace postoffice::app;

class TestEventQueue : public QObject
{
    Q_OBJECT

private slots:
    void leavesInTimeOrderThenScheduleOrder_data();
    void leavesInTimeOrderThenScheduleOrder();
    void negativeZeroIsTimeZero();
};

void TestEventQueue::leavesInTimeOrderThenScheduleOrder_data()
{
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("distinctTimes"); // few distinct times: many ties
    QTest::addColumn<int>("popEvery");      // interleave pops with pushes, as a running engine does
    QTest::newRow("one") << 1 << 1 << 0;
    QTest::newRow("five, all at one time") << 5 << 1 << 0;
    QTest::newRow("ties everywhere") << 2000 << 7 << 0;
    QTest::newRow("no ties") << 2000 << 1000000 << 0;
    QTest::newRow("a heap that is not full (4-ary, 6 children)") << 6 << 100 << 0;
    QTest::newRow("running: pop every 3rd push") << 5000 << 50 << 3;
    QTest::newRow("running: pop every push") << 3000 << 1000 << 1;
}

void TestEventQueue::leavesInTimeOrderThenScheduleOrder()
{
    QFETCH(int, events);
    QFETCH(int, distinctTimes);
    QFETCH(int, popEvery);
    QRandomGenerator rng(1234);
    EventQueue queue;
    std::vector<Event> expected; // what is still queued, as (time, number)
    std::vector<Event> popped;
    double now = 0.0;
    auto popOne = [&] {
        const Event e = queue.pop();
        popped.push_back(e);
        now = e.t;
    };
    for (int i = 0; i < events; ++i) {
        // Never earlier than the last event out, as the engine schedules.
        const double t = now + double(rng.bounded(distinctTimes)) * 0.25 + (i % 11 == 0 ? 1e300 : 0.0);
        queue.push(t, 1, std::uint32_t(i));
        expected.push_back(Event{t, 0, 1, std::uint32_t(i), 0, 0});
        if (popEvery > 0 && i % popEvery == 0)
            popOne();
    }
    while (!queue.empty()) {
        QVERIFY(queue.nextTime() >= now);
        popOne();
    }
    QCOMPARE(int(popped.size()), events);
    // Reference: stable sort by time of the whole schedule, restricted to what the run saw.
    for (std::size_t k = 1; k < popped.size(); ++k) {
        const Event &a = popped[k - 1];
        const Event &b = popped[k];
        QVERIFY2(
            a.t < b.t || (a.t == b.t && a.a < b.a),
            qPrintable(
                QStringLiteral("event %1 (t=%2) left before %3 (t=%4)").arg(a.a).arg(a.t).arg(b.a).arg(b.t)));
    }
    if (popEvery == 0) {
        std::stable_sort(expected.begin(), expected.end(),
                         [](const Event &x, const Event &y) { return x.t < y.t; });
        for (std::size_t k = 0; k < expected.size(); ++k)
            QCOMPARE(popped[k].a, expected[k].a);
    }
}

void TestEventQueue::negativeZeroIsTimeZero()
{
    // -0.0 equals 0.0: it must not sort after later times.
    EventQueue queue;
    queue.push(1.0, 0, 1);
    queue.push(-0.0, 0, 2);
    queue.push(0.0, 0, 3);
    QCOMPARE(queue.pop().a, 2u);
    QCOMPARE(queue.pop().a, 3u);
    QCOMPARE(queue.pop().a, 1u);
    QVERIFY(queue.empty());
}

QTEST_APPLESS_MAIN(TestEventQueue)
#include "tst_eventqueue.moc"
