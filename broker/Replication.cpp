#include "Replication.h"

#include "AcksAllWaiters.h"
#include "ClusterEvents.h"
#include "ObserverList.h"
#include "PartitionState.h"

#include <algorithm>
#include <limits>

namespace postoffice::broker {

Replication::Replication(const ClusterConfig &config, const std::vector<std::uint8_t> &brokerUp,
                         ClusterEvents &events, AcksAllWaiters &waiters, const ObserverList &observers)
    : m_config(config), m_brokerUp(brokerUp), m_events(events), m_waiters(waiters), m_observers(observers),
      m_fetchDelayMs(brokerUp.size(), std::max<std::int64_t>(config.replicaFetchDelayMs, 0))
{}

void Replication::afterLeaderAppend(PartitionState &p, std::int64_t oldEnd, std::int64_t now)
{
    for (std::size_t r = 0; r < p.replicas.size(); ++r) {
        if (std::int32_t(r) == p.leaderIndex)
            continue;
        // A follower that had everything was caught up until this very moment.
        if (p.inIsr[r] && p.leo[r] >= oldEnd && !p.fetchPending[r])
            p.lastCaughtUpMs[r] = now;
        startFollowerFetch(p, std::int32_t(r), now);
    }
    updateHighWatermark(p);
    scheduleIsrCheck(p);
}

void Replication::startFollowerFetch(PartitionState &p, std::int32_t replica, std::int64_t now)
{
    const auto r = std::size_t(replica);
    // A caught-up follower outside the ISR still fetches once: that is how the leader learns it may
    // rejoin (otherwise acks=all with min.insync.replicas could wait forever on an idle partition).
    if (replica == p.leaderIndex || p.leaderIndex < 0 || p.fetchPending[r] ||
        !m_brokerUp[std::size_t(p.replicas[r])] || (p.leo[r] >= p.log.logEndOffset() && p.inIsr[r]))
        return;
    p.fetchPending[r] = true;
    p.fetchIssuedMs[r] = now;
    p.fetchTarget[r] = p.log.logEndOffset();
    p.fetchToken[r] = m_events.newToken();
    m_events.schedule(now + m_fetchDelayMs[std::size_t(p.replicas[r])], ClusterEvents::FollowerFetch, p.index,
                      replica, p.fetchToken[r]);
}

void Replication::cancelFetch(PartitionState &p, std::size_t replica)
{
    p.fetchPending[replica] = false;
    p.fetchToken[replica] = m_events.newToken();
}

void Replication::fetchDue(PartitionState &p, std::int32_t replica, std::uint64_t token, std::int64_t now)
{
    if (p.fetchToken[std::size_t(replica)] == token && p.fetchPending[std::size_t(replica)])
        completeFollowerFetch(p, replica, now);
}

void Replication::completeFollowerFetch(PartitionState &p, std::int32_t replica, std::int64_t now)
{
    const auto r = std::size_t(replica);
    p.fetchPending[r] = false;
    if (p.leaderIndex < 0 || replica == p.leaderIndex || !m_brokerUp[std::size_t(p.replicas[r])])
        return;
    p.leo[r] = std::max(p.leo[r], std::min(p.fetchTarget[r], p.log.logEndOffset()));
    if (p.leo[r] >= p.log.logEndOffset())
        p.lastCaughtUpMs[r] = now;
    else if (p.leo[r] >= p.fetchTarget[r])
        p.lastCaughtUpMs[r] = p.fetchIssuedMs[r];

    // ISR expansion uses the same test as shrinking: caught up within replica.lag.time.max.ms, and
    // holding everything consumers may already have read (the high watermark).
    if (!p.inIsr[r] && p.leo[r] >= p.highWatermark &&
        now - p.lastCaughtUpMs[r] <= m_config.replicaLagTimeMaxMs && p.leo[r] >= p.fetchTarget[r]) {
        p.inIsr[r] = true;
        notifyIsr(p);
    }
    updateHighWatermark(p);
    startFollowerFetch(p, replica, now);
    scheduleIsrCheck(p);
}

void Replication::scheduleIsrCheck(PartitionState &p)
{
    if (p.leaderIndex < 0)
        return;
    // The earliest moment a lagging ISR member could exceed replica.lag.time.max.ms.
    std::int64_t due = std::numeric_limits<std::int64_t>::max();
    for (std::size_t r = 0; r < p.replicas.size(); ++r) {
        if (std::int32_t(r) != p.leaderIndex && p.inIsr[r] && p.leo[r] < p.log.logEndOffset())
            due = std::min(due, p.lastCaughtUpMs[r] + m_config.replicaLagTimeMaxMs + 1);
    }
    if (due == std::numeric_limits<std::int64_t>::max())
        return;
    if (p.isrCheckAtMs >= 0 && p.isrCheckAtMs <= due)
        return;
    p.isrCheckAtMs = due;
    p.isrCheckToken = m_events.newToken();
    m_events.schedule(due, ClusterEvents::IsrCheck, p.index, -1, p.isrCheckToken);
}

void Replication::isrCheckDue(PartitionState &p, std::uint64_t token, std::int64_t now)
{
    if (p.isrCheckToken != token)
        return;
    p.isrCheckAtMs = -1;
    checkIsr(p, now);
    scheduleIsrCheck(p);
}

void Replication::checkIsr(PartitionState &p, std::int64_t now)
{
    if (p.leaderIndex < 0)
        return;
    bool changed = false;
    for (std::size_t r = 0; r < p.replicas.size(); ++r) {
        // replica.lag.time.max.ms: behind the leader's end and not caught up for longer than that.
        if (std::int32_t(r) != p.leaderIndex && p.inIsr[r] && p.leo[r] < p.log.logEndOffset() &&
            now - p.lastCaughtUpMs[r] > m_config.replicaLagTimeMaxMs) {
            p.inIsr[r] = false;
            changed = true;
        }
    }
    if (changed) {
        notifyIsr(p);
        updateHighWatermark(p);
    }
}

void Replication::updateHighWatermark(PartitionState &p)
{
    if (p.leaderIndex < 0)
        return;
    std::int64_t hw = p.log.logEndOffset();
    for (std::size_t r = 0; r < p.replicas.size(); ++r) {
        if (p.inIsr[r])
            hw = std::min(hw, p.leo[r]);
    }
    if (hw > p.highWatermark)
        p.highWatermark = hw;
    m_waiters.complete(p);
}

void Replication::notifyIsr(PartitionState &p)
{
    if (m_observers.empty())
        return;
    std::vector<std::int32_t> members;
    if (p.leaderIndex >= 0 && p.inIsr[std::size_t(p.leaderIndex)])
        members.push_back(p.leaderBroker());
    for (std::size_t r = 0; r < p.replicas.size(); ++r) {
        if (p.inIsr[r] && std::int32_t(r) != p.leaderIndex)
            members.push_back(p.replicas[r]);
    }
    m_observers.notify([&](BrokerObserver *o) { o->onIsrChange(p.topic, p.partition, members); });
}

} // namespace postoffice::broker
