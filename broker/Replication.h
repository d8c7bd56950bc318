#pragma once

#include "ClusterConfig.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace postoffice::broker {

class AcksAllWaiters;
class ClusterEvents;
class ObserverList;
class PartitionState;

// The replication side of the Cluster: followers fetching from their leader, the ISR shrinking and
// expanding on replica.lag.time.max.ms, and the high watermark that follows the ISR's slowest
// member (which is what answers acks=all requests).
//
// Each follower has at most one fetch in flight; it brings the follower up to the leader's log end
// as it was when the fetch was issued, after the follower broker's fetch delay (a slow broker has a
// longer one). Per-replica state lives in PartitionState; the per-broker fetch delays live here.
class Replication
{
public:
    Replication(const ClusterConfig &config, const std::vector<std::uint8_t> &brokerUp, ClusterEvents &events,
                AcksAllWaiters &waiters, const ObserverList &observers);

    // The leader appended (its log ended at oldEnd before): followers fetch, the HW may move.
    void afterLeaderAppend(PartitionState &p, std::int64_t oldEnd, std::int64_t now);
    void startFollowerFetch(PartitionState &p, std::int32_t replica, std::int64_t now);
    void cancelFetch(PartitionState &p, std::size_t replica);
    // A FollowerFetch timer came due; stale ones (cancelled since) are ignored.
    void fetchDue(PartitionState &p, std::int32_t replica, std::uint64_t token, std::int64_t now);
    // An IsrCheck timer came due; stale ones are ignored.
    void isrCheckDue(PartitionState &p, std::uint64_t token, std::int64_t now);
    void scheduleIsrCheck(PartitionState &p);
    void updateHighWatermark(PartitionState &p);
    // Tells observers the ISR, leader first.
    void notifyIsr(PartitionState &p);

    void setFetchDelayMs(std::int32_t brokerId, std::int64_t delayMs)
    {
        m_fetchDelayMs[std::size_t(brokerId)] = delayMs;
    }

private:
    void completeFollowerFetch(PartitionState &p, std::int32_t replica, std::int64_t now);
    void checkIsr(PartitionState &p, std::int64_t now);

    const ClusterConfig &m_config;
    const std::vector<std::uint8_t> &m_brokerUp;
    ClusterEvents &m_events;
    AcksAllWaiters &m_waiters;
    const ObserverList &m_observers;
    std::vector<std::int64_t> m_fetchDelayMs; // per broker: how long each of its follower fetches takes
};

} // namespace postoffice::broker
