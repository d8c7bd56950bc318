#include "EventQueue.h"

namespace postoffice::app {

// A 4-ary heap: half the depth of a binary heap, and the four children share a cache line or
// two, which matters more than the extra comparisons (measured with callgrind).
void EventQueue::push(double t, std::uint32_t type, std::uint32_t a, std::uint32_t b, std::uint32_t c)
{
    // + 0.0 turns -0.0 into 0.0, whose bits would otherwise sort after every positive time.
    const Event e{t + 0.0, m_seq++, type, a, b, c};
    std::size_t i = m_heap.size();
    m_heap.push_back(e);
    Event *heap = m_heap.data();
    while (i > 0) {
        const std::size_t parent = (i - 1) / 4;
        if (!before(e, heap[parent]))
            break;
        heap[i] = heap[parent];
        i = parent;
    }
    heap[i] = e;
}

Event EventQueue::pop()
{
    const Event top = m_heap.front();
    const Event last = m_heap.back();
    m_heap.pop_back();
    const std::size_t n = m_heap.size();
    if (n == 0)
        return top;
    Event *heap = m_heap.data();
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

} // namespace postoffice::app
