// The engine's future event list: whatever order events are scheduled in, they leave in time
// order, and events at the same time leave in the order they were scheduled (the engine's
// determinism rests on it).

#include "EventQueue.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <limits>
#include <set>
#include <vector>

using namespace postoffice::app;

namespace {

// Events left by time, and at equal times in the order they were scheduled (operand a numbers
// them); the first one out of order is named.
bool leftInOrder(const std::vector<Event> &popped)
{
    for (std::size_t k = 1; k < popped.size(); ++k) {
        const Event &a = popped[k - 1];
        const Event &b = popped[k];
        if (a.t < b.t || (a.t == b.t && a.a < b.a))
            continue;
        qWarning("event %u (t=%g) left before %u (t=%g)", a.a, a.t, b.a, b.t);
        return false;
    }
    return true;
}

} // namespace

class TestEventQueue : public QObject
{
    Q_OBJECT

private slots:
    void leavesInTimeOrderThenScheduleOrder_data();
    void leavesInTimeOrderThenScheduleOrder();
    void negativeZeroIsTimeZero();
    void longAndShortListsAlike();
    void lanesKeepTheSameOrder_data();
    void lanesKeepTheSameOrder();
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
    QVERIFY(leftInOrder(popped));
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

// A quiet shop keeps a short list and a busy one a long list; the queue changes how it keeps them
// as they grow and shrink, and the next event out must be the same either way.
void TestEventQueue::longAndShortListsAlike()
{
    QRandomGenerator rng(7);
    EventQueue queue;
    std::set<std::pair<double, std::uint32_t>> reference; // (time, scheduling order)
    double now = 0.0;
    std::uint32_t id = 0;
    const int waves[] = {10, 60, 200, 5, 70, 1, 300}; // lengths to grow to, then drain to a third
    for (int target : waves) {
        while (int(reference.size()) < target) {
            const double t = now + double(rng.bounded(16)) * 0.125;
            queue.push(t, 0, id);
            reference.emplace(t, id++);
        }
        while (int(reference.size()) > target / 3) {
            QCOMPARE(queue.size(), reference.size());
            QCOMPARE(queue.nextTime(), reference.begin()->first);
            const Event e = queue.pop();
            QCOMPARE(e.t, reference.begin()->first);
            QCOMPARE(e.a, reference.begin()->second);
            reference.erase(reference.begin());
            now = e.t;
        }
    }
}

void TestEventQueue::lanesKeepTheSameOrder_data()
{
    QTest::addColumn<bool>("outOfOrder"); // some lane events earlier than the lane's last
    QTest::newRow("fixed delays") << false;
    QTest::newRow("some lane events out of order") << true;
}

// Timeouts and network hops go to lanes; the order events leave in must not change: by time, and
// at equal times by when they were scheduled, across lanes and the heap alike.
void TestEventQueue::lanesKeepTheSameOrder()
{
    QFETCH(bool, outOfOrder);
    QRandomGenerator rng(99);
    EventQueue queue;
    const double delays[] = {0.5, 1.0, 0.25}; // each lane's fixed delay (0.25 s grid: many ties)
    std::uint32_t lanes[3];
    for (std::uint32_t &lane : lanes)
        lane = queue.addLane();
    struct Scheduled
    {
        double t;
        std::uint32_t id;
    };
    std::vector<Scheduled> schedule;
    std::vector<Event> popped;
    double now = 0.0;
    std::uint32_t id = 0;
    for (int step = 0; step < 20000; ++step) {
        const int what = int(rng.bounded(5));
        if (what < 3) {
            double t = now + delays[what];
            if (outOfOrder && rng.bounded(10) == 0)
                t = now; // earlier than the lane's last event
            queue.pushInLane(lanes[what], t, std::uint32_t(what), id);
            schedule.push_back({t, id++});
        } else if (what == 3) {
            const double t = now + double(rng.bounded(8)) * 0.25;
            queue.push(t, 3, id);
            schedule.push_back({t, id++});
        } else if (!queue.empty()) {
            popped.push_back(queue.pop());
            now = popped.back().t;
        }
    }
    QCOMPARE(queue.size(), schedule.size() - popped.size());
    while (!queue.empty())
        popped.push_back(queue.pop());
    QCOMPARE(popped.size(), schedule.size());
    QVERIFY(leftInOrder(popped));
    for (const Event &e : popped)
        QVERIFY(e.type <= 3); // the lane mark never leaks out
    // Each event left with the time it was scheduled for.
    for (const Event &e : popped)
        QCOMPARE(e.t, schedule[e.a].t);
}

QTEST_APPLESS_MAIN(TestEventQueue)
#include "tst_eventqueue.moc"
