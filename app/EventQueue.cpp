#include "EventQueue.h"

#include <algorithm>
#include <cassert>

namespace postoffice::app {

void EventQueue::push(double t, std::uint32_t type, std::uint32_t a, std::uint32_t b, std::uint32_t c)
{
    assert(type <= kMaxType);
    // + 0.0 turns -0.0 into 0.0, whose bits would otherwise sort after every positive time.
    insert(Event{t + 0.0, m_seq++, type, a, b, c});
}

std::uint32_t EventQueue::addLane()
{
    m_lanes.emplace_back();
    return std::uint32_t(m_lanes.size() - 1);
}

void EventQueue::pushInLane(std::uint32_t lane, double t, std::uint32_t type, std::uint32_t a,
                            std::uint32_t b, std::uint32_t c)
{
    assert(type <= kMaxType);
    Lane &l = m_lanes[lane];
    const Event e{t + 0.0, m_seq++, type | (lane + 1) << 16, a, b, c};
    if (!l.listed) {
        l.listed = true;
        l.lastT = e.t;
        insert(e);
        return;
    }
    if (e.t < l.lastT) {
        // Out of order for the lane: the list keeps it (without the lane mark).
        insert(Event{e.t, e.seq, type, a, b, c});
        return;
    }
    if (l.count == l.ring.size()) {
        // Grow (a power of two, so positions wrap with a mask), unrolling the ring to start at 0.
        std::vector<Event> grown(std::max<std::size_t>(16, l.ring.size() * 2));
        for (std::size_t i = 0; i < l.count; ++i)
            grown[i] = l.ring[(l.head + i) & (l.ring.size() - 1)];
        l.ring.swap(grown);
        l.head = 0;
    }
    l.ring[(l.head + l.count) & (l.ring.size() - 1)] = e;
    ++l.count;
    ++m_laned;
    l.lastT = e.t;
}

void EventQueue::insertSlow(const Event &e)
{
    if (m_sorted) {
        // Sorted earliest first is already a valid min-heap.
        std::reverse(m_items.begin(), m_items.end());
        m_sorted = false;
    }
    heapPush(e);
}

Event EventQueue::heapTakeNext()
{
    const Event next = heapPop();
    if (m_items.size() < kSortedAgain) {
        std::sort(m_items.begin(), m_items.end(),
                  [](const Event &x, const Event &y) { return before(y, x); });
        m_sorted = true;
    }
    return next;
}

// A 4-ary heap: half the depth of a binary heap, and the four children share a cache line or
// two, which matters more than the extra comparisons (measured with callgrind).
void EventQueue::heapPush(const Event &e)
{
    std::size_t i = m_items.size();
    m_items.push_back(e);
    Event *heap = m_items.data();
    while (i > 0) {
        const std::size_t parent = (i - 1) / 4;
        if (!before(e, heap[parent]))
            break;
        heap[i] = heap[parent];
        i = parent;
    }
    heap[i] = e;
}

Event EventQueue::heapPop()
{
    const Event top = m_items.front();
    const Event last = m_items.back();
    m_items.pop_back();
    const std::size_t n = m_items.size();
    if (n == 0)
        return top;
    Event *heap = m_items.data();
    std::size_t i = 0;
    for (;;) {
        const std::size_t first = 4 * i + 1;
        if (first >= n)
            break;
        std::size_t best = first;
        if (first + 4 <= n) {
            // All four children: a small tournament of selects, no data-dependent jumps.
            const std::size_t left = before(heap[first + 1], heap[first]) ? first + 1 : first;
            const std::size_t right = before(heap[first + 3], heap[first + 2]) ? first + 3 : first + 2;
            best = before(heap[right], heap[left]) ? right : left;
        } else {
            for (std::size_t k = first + 1; k < n; ++k)
                best = before(heap[k], heap[best]) ? k : best;
        }
        if (!before(heap[best], last))
            break;
        heap[i] = heap[best];
        i = best;
    }
    heap[i] = last;
    return top;
}

Event EventQueue::pop()
{
    Event top = takeNext();
    if (const std::uint32_t lane = top.type >> 16) {
        // The lane's next event takes its place in the list.
        top.type &= kMaxType;
        Lane &l = m_lanes[lane - 1];
        if (l.count == 0) {
            l.listed = false;
        } else {
            const Event next = l.ring[l.head];
            l.head = (l.head + 1) & (l.ring.size() - 1);
            --l.count;
            --m_laned;
            insert(next);
        }
    }
    return top;
}

} // namespace postoffice::app
