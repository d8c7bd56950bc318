#include "LeaderElection.h"

#include "AcksAllWaiters.h"
#include "ClusterEvents.h"
#include "ObserverList.h"
#include "PartitionState.h"
#include "ProducerStateManager.h"
#include "Replication.h"

#include <algorithm>

namespace postoffice::broker {

LeaderElection::LeaderElection(const std::vector<std::uint8_t> &brokerUp, ClusterEvents &events,
                               Replication &replication, AcksAllWaiters &waiters,
                               const ObserverList &observers)
    : m_brokerUp(brokerUp), m_events(events), m_replication(replication), m_waiters(waiters),
      m_observers(observers)
{}

void LeaderElection::truncate(PartitionState &p, std::int64_t newEnd, const std::string &reason,
                              std::vector<LostRecords> &lost)
{
    const std::int64_t oldEnd = p.log.logEndOffset();
    if (newEnd >= oldEnd)
        return;
    p.log.truncateTo(newEnd);
    newEnd = p.log.logEndOffset();
    for (auto &leo : p.leo)
        leo = std::min(leo, newEnd);
    p.highWatermark = std::min(p.highWatermark, newEnd);
    // Idempotence state must forget truncated batches, or their retries would be "duplicates".
    ProducerStateManager::truncated(p, newEnd);
    LostRecords l{p.topic, p.partition, newEnd, oldEnd - 1, reason};
    m_observers.notify([&](BrokerObserver *o) {
        o->onRecordsLost(l.topic, l.partition, l.firstOffset, l.lastOffset, l.reason);
    });
    lost.push_back(l);
    m_lost.push_back(std::move(l));
}

void LeaderElection::electLeader(PartitionState &p, std::int64_t now, std::vector<LostRecords> &lost)
{
    std::int32_t candidate = -1;
    for (std::size_t r = 0; r < p.replicas.size() && candidate < 0; ++r) {
        if (p.inIsr[r] && m_brokerUp[std::size_t(p.replicas[r])])
            candidate = std::int32_t(r);
    }
    bool unclean = false;
    if (candidate < 0 && p.log.config().uncleanLeaderElectionEnable) {
        for (std::size_t r = 0; r < p.replicas.size() && candidate < 0; ++r) {
            if (m_brokerUp[std::size_t(p.replicas[r])])
                candidate = std::int32_t(r);
        }
        unclean = candidate >= 0;
    }
    const bool hadLeader = p.leaderIndex >= 0;
    if (!hadLeader && candidate < 0)
        return; // still offline, nothing changed
    ++p.leaderEpoch;
    for (std::size_t r = 0; r < p.replicas.size(); ++r)
        m_replication.cancelFetch(p, r);
    // Requests waiting on the old leader fail; the producer retries against the new one.
    m_waiters.fail(p, ErrorCode::NotLeaderOrFollower);
    p.leaderIndex = candidate;
    p.isrCheckAtMs = -1;
    p.isrCheckToken = m_events.newToken();
    if (candidate < 0) {
        m_observers.notify(
            [&](BrokerObserver *o) { o->onLeaderChange(p.topic, p.partition, -1, p.leaderEpoch); });
        return;
    }
    const auto c = std::size_t(candidate);
    const std::int32_t broker = p.replicas[c];
    if (p.leo[c] < p.log.logEndOffset()) {
        const std::string reason =
            unclean ? "unclean leader election: out-of-sync broker " + std::to_string(broker) +
                          " became leader (unclean.leader.election.enable=true)"
                    : "leader election: new leader broker " + std::to_string(broker) +
                          " never received these records (acknowledged with acks=0/1 only)";
        truncate(p, p.leo[c], reason, lost);
    }
    if (unclean) {
        std::fill(p.inIsr.begin(), p.inIsr.end(), false);
        p.inIsr[c] = true;
    }
    p.leo[c] = p.log.logEndOffset();
    for (auto &t : p.lastCaughtUpMs)
        t = now; // the new leader starts tracking its followers afresh
    m_observers.notify(
        [&](BrokerObserver *o) { o->onLeaderChange(p.topic, p.partition, broker, p.leaderEpoch); });
    m_replication.notifyIsr(p);
    for (std::size_t r = 0; r < p.replicas.size(); ++r)
        m_replication.startFollowerFetch(p, std::int32_t(r), now);
    m_replication.updateHighWatermark(p);
    m_replication.scheduleIsrCheck(p);
}

void LeaderElection::replicaDown(PartitionState &p, std::int32_t replica, std::int64_t now,
                                 std::vector<LostRecords> &lost)
{
    const auto r = std::size_t(replica);
    m_replication.cancelFetch(p, r);
    // The controller fences a dead broker: it leaves the ISR at once, unless it is the last member
    // (Kafka keeps the last ISR member so that a clean election stays possible when it returns).
    const bool shrink = p.inIsr[r] && p.isrSize() > 1;
    if (shrink)
        p.inIsr[r] = false;
    if (replica == p.leaderIndex) {
        electLeader(p, now, lost);
    } else if (shrink) {
        m_replication.notifyIsr(p);
        m_replication.updateHighWatermark(p);
        m_replication.scheduleIsrCheck(p);
    }
}

} // namespace postoffice::broker
