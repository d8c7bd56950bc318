#include "ClusterEvents.h"

#include <algorithm>
#include <functional>

namespace postoffice::broker {

void ClusterEvents::schedule(std::int64_t timeMs, Kind kind, std::uint32_t partitionIndex,
                             std::int32_t replicaIndex, std::uint64_t token)
{
    m_events.push_back(Event{timeMs, m_eventSequence++, kind, partitionIndex, replicaIndex, token});
    std::push_heap(m_events.begin(), m_events.end(), std::greater<>());
}

ClusterEvents::Event ClusterEvents::pop()
{
    std::pop_heap(m_events.begin(), m_events.end(), std::greater<>());
    const Event event = m_events.back();
    m_events.pop_back();
    return event;
}

} // namespace postoffice::broker
