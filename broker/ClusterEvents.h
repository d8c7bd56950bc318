#pragma once

#include <cstdint>
#include <vector>

namespace postoffice::broker {

// The Cluster's own timers: follower fetches, ISR checks and acks=all request timeouts, as one
// min-heap ordered by time, then by scheduling order, so that runs are reproducible.
//
// A timer is never removed: its owner bumps the token it keeps (a fetch's, an ISR check's, a
// partition's timeout) and the stale event is ignored when it comes due. Tokens come from here so
// that no two timers ever share one.
class ClusterEvents
{
public:
    enum Kind { FollowerFetch = 0, IsrCheck = 1, ProduceTimeout = 2 };

    struct Event
    {
        std::int64_t timeMs;
        std::uint64_t sequence; // ties broken by scheduling order: deterministic
        Kind kind;
        std::uint32_t partitionIndex;
        std::int32_t replicaIndex;
        std::uint64_t token;
        bool operator>(const Event &o) const
        {
            return timeMs != o.timeMs ? timeMs > o.timeMs : sequence > o.sequence;
        }
    };

    void schedule(std::int64_t timeMs, Kind kind, std::uint32_t partitionIndex, std::int32_t replicaIndex,
                  std::uint64_t token);
    std::uint64_t newToken() { return m_nextToken++; }
    bool empty() const { return m_events.empty(); }
    std::int64_t nextTimeMs() const { return m_events.front().timeMs; } // only when !empty()
    Event pop();

private:
    std::vector<Event> m_events; // min-heap
    std::uint64_t m_eventSequence = 0;
    std::uint64_t m_nextToken = 1;
};

} // namespace postoffice::broker
