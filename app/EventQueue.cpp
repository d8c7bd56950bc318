#include "EventQueue.h"

namespace postoffice::app {

void EventQueue::push(double t, std::uint32_t type, std::uint32_t a, std::uint32_t b, std::uint32_t c)
{
    Event e{t, m_seq++, type, a, b, c};
    std::size_t i = m_heap.size();
    m_heap.push_back(e);
    while (i > 0) {
        const std::size_t parent = (i - 1) / 2;
        if (!before(e, m_heap[parent]))
            break;
        m_heap[i] = m_heap[parent];
        i = parent;
    }
    m_heap[i] = e;
}

Event EventQueue::pop()
{
    const Event top = m_heap.front();
    const Event last = m_heap.back();
    m_heap.pop_back();
    const std::size_t n = m_heap.size();
    if (n == 0)
        return top;
    std::size_t i = 0;
    for (;;) {
        std::size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && before(m_heap[child + 1], m_heap[child]))
            ++child;
        if (!before(m_heap[child], last))
            break;
        m_heap[i] = m_heap[child];
        i = child;
    }
    m_heap[i] = last;
    return top;
}

} // namespace postoffice::app
