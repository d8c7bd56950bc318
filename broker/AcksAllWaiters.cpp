#include "AcksAllWaiters.h"

#include "ClusterEvents.h"
#include "PartitionState.h"

#include <deque>
#include <vector>

namespace postoffice::broker {

void AcksAllWaiters::wait(PartitionState &p, std::int64_t base, std::int32_t count, std::int64_t now,
                          std::int64_t deadlineMs, ProduceCallback callback)
{
    p.waiters.push_back({base + count, base, count, now, deadlineMs, std::move(callback)});
    scheduleTimeout(p, deadlineMs);
}

void AcksAllWaiters::scheduleTimeout(PartitionState &p, std::int64_t deadlineMs)
{
    // An earlier timer already covers this deadline: expire() reschedules for the rest.
    if (p.timeoutAtMs >= 0 && p.timeoutAtMs <= deadlineMs)
        return;
    p.timeoutAtMs = deadlineMs;
    p.timeoutToken = m_events.newToken();
    m_events.schedule(deadlineMs, ClusterEvents::ProduceTimeout, p.index, -1, p.timeoutToken);
}

void AcksAllWaiters::complete(PartitionState &p)
{
    while (!p.waiters.empty() && p.waiters.front().requiredOffset <= p.highWatermark) {
        PartitionState::Waiter w = std::move(p.waiters.front());
        p.waiters.pop_front();
        ProduceResult result;
        result.partition = p.partition;
        result.baseOffset = w.baseOffset;
        result.recordCount = w.count;
        result.logAppendTimeMs = w.appendTimeMs;
        // Appended, but the ISR shrank below min.insync.replicas meanwhile.
        if (p.isrSize() < p.log.config().minInsyncReplicas) {
            result.error = ErrorCode::NotEnoughReplicasAfterAppend;
            result.baseOffset = -1;
        }
        if (w.callback)
            w.callback(result);
    }
}

namespace {

// A request that ends without its records committed: only the error and what was sent.
void answerUncommitted(const PartitionState &p, PartitionState::Waiter &w, ErrorCode error)
{
    ProduceResult result;
    result.error = error;
    result.partition = p.partition;
    result.recordCount = w.count;
    if (w.callback)
        w.callback(result);
}

} // namespace

void AcksAllWaiters::fail(PartitionState &p, ErrorCode error)
{
    // Taken out first: a callback may produce again to this partition.
    std::deque<PartitionState::Waiter> waiters;
    waiters.swap(p.waiters);
    for (auto &w : waiters)
        answerUncommitted(p, w, error);
}

void AcksAllWaiters::timeoutDue(PartitionState &p, std::uint64_t token, std::int64_t now)
{
    if (p.timeoutToken == token)
        expire(p, now);
}

void AcksAllWaiters::expire(PartitionState &p, std::int64_t now)
{
    p.timeoutAtMs = -1;
    std::vector<PartitionState::Waiter> expired;
    std::int64_t nextDeadline = -1;
    for (auto it = p.waiters.begin(); it != p.waiters.end();) {
        if (it->deadlineMs <= now) {
            expired.push_back(std::move(*it));
            it = p.waiters.erase(it);
        } else {
            if (nextDeadline < 0 || it->deadlineMs < nextDeadline)
                nextDeadline = it->deadlineMs;
            ++it;
        }
    }
    if (nextDeadline >= 0)
        scheduleTimeout(p, nextDeadline);
    for (auto &w : expired)
        answerUncommitted(p, w, ErrorCode::RequestTimedOut);
}

} // namespace postoffice::broker
