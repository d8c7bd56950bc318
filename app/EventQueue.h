#pragma once

// The future event list: a 4-ary min-heap of small plain events ordered by (time, insertion
// sequence). Equal times keep insertion order, which makes runs deterministic; events carry
// integer operands instead of closures so scheduling never allocates once the heap has grown.

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
    void push(double t, std::uint32_t type, std::uint32_t a = 0, std::uint32_t b = 0, std::uint32_t c = 0);
    Event pop();
    bool empty() const { return m_heap.empty(); }
    double nextTime() const { return m_heap.front().t; }
    std::size_t size() const { return m_heap.size(); }

private:
    static bool before(const Event &x, const Event &y) { return x.t < y.t || (x.t == y.t && x.seq < y.seq); }
    std::vector<Event> m_heap;
    std::uint64_t m_seq = 0;
};

} // namespace postoffice::app
