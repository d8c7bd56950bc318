#pragma once

// The future event list: small plain events ordered by (time, insertion sequence). Equal times
// keep insertion order, which makes runs deterministic; events carry integer operands instead of
// closures so scheduling never allocates once the storage has grown.
//
// A running shop has few events pending (about ten: services at work, the next arrival, lane
// heads), and a new one is nearly always due after the few that are due soonest. So while the list
// is short it is kept sorted, latest first: the next event is the last element, and a new one
// slides in a few places from the end. Only a long list (a scenario with hundreds of busy workers)
// becomes a 4-ary heap, and turns back into a sorted list once it is short again.
//
// Lanes: events scheduled a fixed delay ahead (a call edge's timeouts, a network hop) arrive in
// time order by construction, so a lane keeps them in a FIFO and only its first event is in the
// list. Most of them are timeouts that are never needed; kept out of the list, they no longer
// lengthen it for every other event. The order events leave in is exactly a single list's.

#include <bit>
#include <cstdint>
#include <vector>

namespace postoffice::app {

struct Event
{
    double t = 0.0;
    std::uint64_t seq = 0;
    std::uint32_t type = 0;
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    std::uint32_t c = 0;
};

class EventQueue
{
public:
    static constexpr std::uint32_t kMaxType = 0xffff; // the bits above carry the lane inside the list

    // t must not be negative (simulated time only moves forward from zero).
    void push(double t, std::uint32_t type, std::uint32_t a = 0, std::uint32_t b = 0, std::uint32_t c = 0);
    std::uint32_t addLane();
    // Like push; cheapest when t is not earlier than the lane's last event (the lane's purpose).
    void pushInLane(std::uint32_t lane, double t, std::uint32_t type, std::uint32_t a = 0,
                    std::uint32_t b = 0, std::uint32_t c = 0);
    Event pop();
    bool empty() const { return m_items.empty(); }
    double nextTime() const { return m_sorted ? m_items.back().t : m_items.front().t; }
    std::size_t size() const { return m_items.size() + m_laned; }

private:
    // A ring buffer: the lane's events after its first, which is in the list.
    struct Lane
    {
        std::vector<Event> ring;
        std::size_t head = 0;
        std::size_t count = 0;
        double lastT = 0.0;  // the latest time in the lane, listed entry included
        bool listed = false; // its first event is in the list
    };

    // Which of two events leaves first. A heap's comparisons depend on random service times and
    // a branch predictor guesses them wrong about half the time; a comparison of two 128-bit
    // integers compiles to a subtract with borrow and selects instead of jumps. A non-negative
    // double's bits order as its value does.
    __extension__ using Key = unsigned __int128;
    static Key key(const Event &e) { return Key(std::bit_cast<std::uint64_t>(e.t)) << 64 | e.seq; }
    static bool before(const Event &x, const Event &y) { return key(x) < key(y); }
    void insert(const Event &e)
    {
        if (!m_sorted || m_items.size() >= kSortedMax)
            return insertSlow(e);
        // From the end (the soonest) towards the front, moving up every event due before this one.
        m_items.push_back(e);
        Event *items = m_items.data();
        std::size_t i = m_items.size() - 1;
        for (; i > 0 && before(items[i - 1], e); --i)
            items[i] = items[i - 1];
        items[i] = e;
    }
    void insertSlow(const Event &e);
    Event takeNext()
    {
        if (!m_sorted)
            return heapTakeNext();
        const Event next = m_items.back();
        m_items.pop_back();
        return next;
    }
    Event heapTakeNext();
    void heapPush(const Event &e);
    Event heapPop();

    // A sorted insert moves every event due sooner, a heap's work grows with the log of its length:
    // past the upper bound the list becomes a heap, below the lower one it is sorted again (the gap
    // keeps a list near the bound from flipping back and forth).
    static constexpr std::size_t kSortedMax = 48;
    static constexpr std::size_t kSortedAgain = 16;

    std::vector<Event> m_items; // sorted latest first, or a 4-ary min-heap
    bool m_sorted = true;
    std::vector<Lane> m_lanes;
    std::size_t m_laned = 0; // events waiting in lanes, outside the list
    std::uint64_t m_seq = 0;
};

} // namespace postoffice::app
