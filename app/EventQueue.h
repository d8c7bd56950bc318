#pragma once

// The future event list: a 4-ary min-heap of small plain events ordered by (time, insertion
// sequence). Equal times keep insertion order, which makes runs deterministic; events carry
// integer operands instead of closures so scheduling never allocates once the heap has grown.

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
    // t must not be negative (simulated time only moves forward from zero).
    void push(double t, std::uint32_t type, std::uint32_t a = 0, std::uint32_t b = 0, std::uint32_t c = 0);
    Event pop();
    bool empty() const { return m_heap.empty(); }
    double nextTime() const { return m_heap.front().t; }
    std::size_t size() const { return m_heap.size(); }

private:
    // Which of two events leaves first. The heap's comparisons depend on random service times and
    // a branch predictor guesses them wrong about half the time; this form compiles to flag
    // arithmetic instead of jumps. A non-negative double's bits order as its value does.

    // (GCC and Clang turn a comparison of two 128-bit integers into a subtract with borrow.)
    __extension__ using Key = unsigned __int128;
    static Key key(const Event &e) { return Key(std::bit_cast<std::uint64_t>(e.t)) << 64 | e.seq; }
    static bool before(const Event &x, const Event &y) { return key(x) < key(y); }
    std::vector<Event> m_heap;
    std::uint64_t m_seq = 0;
};

} // namespace postoffice::app
