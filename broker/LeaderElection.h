#pragma once

#include "LostRecords.h"

#include <cstdint>
#include <string>
#include <vector>

namespace postoffice::broker {

class AcksAllWaiters;
class ClusterEvents;
class ObserverList;
class PartitionState;
class Replication;

// Leadership changes when a broker fails or returns, as the controller decides them: a clean
// election picks the first live ISR member; with unclean.leader.election.enable an out-of-sync live
// replica may lead when no ISR member is alive. Whatever the new leader never received is truncated
// away and reported as LostRecords; every loss is kept, in order.
class LeaderElection
{
public:
    LeaderElection(const std::vector<std::uint8_t> &brokerUp, ClusterEvents &events, Replication &replication,
                   AcksAllWaiters &waiters, const ObserverList &observers);

    // Elects a leader for p (or records that it has none); losses go to lost and to lostRecords().
    void electLeader(PartitionState &p, std::int64_t now, std::vector<LostRecords> &lost);
    // The broker holding p's replica went down: it leaves the ISR, a leader is replaced.
    void replicaDown(PartitionState &p, std::int32_t replica, std::int64_t now,
                     std::vector<LostRecords> &lost);
    // Every loss so far, in order.
    const std::vector<LostRecords> &lostRecords() const { return m_lost; }

private:
    void truncate(PartitionState &p, std::int64_t newEnd, const std::string &reason,
                  std::vector<LostRecords> &lost);

    const std::vector<std::uint8_t> &m_brokerUp;
    ClusterEvents &m_events;
    Replication &m_replication;
    AcksAllWaiters &m_waiters;
    const ObserverList &m_observers;
    std::vector<LostRecords> m_lost;
};

} // namespace postoffice::broker
