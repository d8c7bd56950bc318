#pragma once

// The future event list: a 4-ary min-heap of small plain events ordered by (time, insertion
// sequence). Equal times keep insertion order, which makes runs deterministic; events carry
// integer operands instead of closures so scheduling never allocates once the heap has grown.
//
// Lanes: events scheduled a fixed delay ahead (a call edge's timeouts, a network hop) arrive in
// time order by construction, so a lane keeps them in a FIFO and only its first event sits in the
// heap. Most of them are timeouts that are never needed; kept out of the heap, they no longer
// deepen it for every other event. The order events leave in is exactly the single heap's.

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
    static constexpr std::uint32_t kMaxType = 0xffff; // the bits above carry the lane inside the heap

    // t must not be negative (simulated time only moves forward from zero).
    void push(double t, std::uint32_t type, std::uint32_t a = 0, std::uint32_t b = 0, std::uint32_t c = 0);
    std::uint32_t addLane();
    // Like push; cheapest when t is not earlier than the lane's last event (the lane's purpose).
    void pushInLane(std::uint32_t lane, double t, std::uint32_t type, std::uint32_t a = 0,
                    std::uint32_t b = 0, std::uint32_t c = 0);
    Event pop();
    bool empty() const { return m_heap.empty(); }
    double nextTime() const { return m_heap.front().t; }
    std::size_t size() const { return m_heap.size() + m_laned; }

private:
    // A ring buffer: the lane's events after its first, which is in the heap.
    struct Lane
    {
        std::vector<Event> ring;
        std::size_t head = 0;
        std::size_t count = 0;
        double lastT = 0.0; // the latest time in the lane, heap entry included
        bool inHeap = false;
    };

    // Which of two events leaves first. The heap's comparisons depend on random service times and
    // a branch predictor guesses them wrong about half the time; a comparison of two 128-bit
    // integers compiles to a subtract with borrow and selects instead of jumps. A non-negative
    // double's bits order as its value does.
    __extension__ using Key = unsigned __int128;
    static Key key(const Event &e) { return Key(std::bit_cast<std::uint64_t>(e.t)) << 64 | e.seq; }
    static bool before(const Event &x, const Event &y) { return key(x) < key(y); }
    void heapPush(const Event &e);

    std::vector<Event> m_heap;
    std::vector<Lane> m_lanes;
    std::size_t m_laned = 0; // events waiting in lanes, outside the heap
    std::uint64_t m_seq = 0;
};

} // namespace postoffice::app
