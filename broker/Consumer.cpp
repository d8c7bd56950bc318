#include "Consumer.h"

#include "Cluster.h"
#include "ConsumerGroup.h"
#include "GroupCoordinator.h"

#include <algorithm>

namespace postoffice::broker {

Consumer::Consumer(Cluster &cluster, GroupCoordinator &groups, ConsumerConfig config)
    : m_cluster(cluster), m_groups(groups), m_config(std::move(config))
{}

Consumer::~Consumer()
{
    // The coordinator must not call back into a destroyed consumer; the member itself stays until its
    // session expires, exactly like a process that vanished.
    if (isMember())
        m_groups.setListener(m_config.groupId, m_memberId, nullptr);
}

ErrorCode Consumer::joinGroup(std::int64_t nowMs)
{
    m_assignment.clear();
    m_positions.clear();
    m_generation = -1;
    const auto joined = m_groups.join(m_config.groupId, m_config.clientId, m_topics, nowMs, this);
    m_memberId = joined.memberId;
    m_group = m_groups.findGroup(m_config.groupId);
    return joined.error;
}

ErrorCode Consumer::subscribe(const std::vector<std::string> &topics, std::int64_t nowMs)
{
    if (m_crashed || m_closed)
        return m_lastError = ErrorCode::InvalidRequest;
    if (m_config.groupId.empty())
        return m_lastError = ErrorCode::InvalidGroupId;
    if (m_config.maxPollRecords < 1 || m_config.autoCommitIntervalMs < 0 || m_config.maxPollIntervalMs < 1)
        return m_lastError = ErrorCode::InvalidConfig;
    m_topics = topics;
    m_subscribed = true;
    m_lastPollMs = nowMs;
    if (!isMember()) {
        // Java starts the auto-commit timer when the consumer is created; here, when it joins.
        m_nextAutoCommitMs = nowMs + m_config.autoCommitIntervalMs;
        return m_lastError = joinGroup(nowMs);
    }
    return m_lastError = m_groups.updateSubscription(m_config.groupId, m_memberId, topics, nowMs);
}

bool Consumer::isIdle() const
{
    return isMember() && !m_crashed && m_group && m_group->state() == GroupState::Stable &&
           m_group->member(m_memberId) && m_assignment.empty();
}

std::optional<std::int64_t> Consumer::position(const TopicPartition &tp) const
{
    auto it = m_positions.find(tp);
    if (it == m_positions.end())
        return std::nullopt;
    return it->second;
}

void Consumer::onPartitionsRevoked(const std::vector<TopicPartition> &partitions, std::int32_t)
{
    // Java's ConsumerCoordinator.onJoinPrepare (eager: everything) or the cooperative revocation (only what
    // moves): commit what was consumed before giving it up.
    if (m_config.enableAutoCommit) {
        for (const TopicPartition &tp : partitions) {
            if (auto it = m_positions.find(tp); it != m_positions.end())
                commit(tp, it->second);
        }
    }
    for (const TopicPartition &tp : partitions) {
        m_positions.erase(tp);
        std::erase(m_assignment, tp);
    }
}

void Consumer::onPartitionsAssigned(const std::vector<TopicPartition> &partitions, std::int32_t generation)
{
    m_assignment = partitions;
    m_generation = generation;
    // Positions of partitions kept through a cooperative rebalance stay; new ones come from the committed
    // offsets (after an eager rebalance that is all of them).
    std::erase_if(m_positions, [&](const auto &entry) {
        return std::find(partitions.begin(), partitions.end(), entry.first) == partitions.end();
    });
    m_nextPartition = 0;
}

ErrorCode Consumer::heartbeat(std::int64_t nowMs)
{
    if (m_crashed || m_closed || !m_subscribed)
        return ErrorCode::InvalidRequest;
    if (!isMember())
        return ErrorCode::UnknownMemberId; // left after a poll timeout: the next poll rejoins
    if (nowMs - m_lastPollMs > m_config.maxPollIntervalMs) {
        // No commit: the application has not finished what it polled; the next owner reads it again.
        m_groups.leave(m_config.groupId, m_memberId, nowMs);
        dropMembership();
        ++m_pollTimeouts;
        return ErrorCode::UnknownMemberId;
    }
    return sessionHeartbeat(nowMs);
}

ErrorCode Consumer::sessionHeartbeat(std::int64_t nowMs)
{
    ErrorCode error = isMember() ? m_group->heartbeat(m_memberId, nowMs) : ErrorCode::UnknownMemberId;
    if (error == ErrorCode::UnknownMemberId) {
        // Our session expired (nothing heartbeated for session.timeout.ms) or we left after a poll timeout:
        // rejoin as a new member. Whatever was consumed and not committed is someone else's to read again.
        error = joinGroup(nowMs);
        if (error == ErrorCode::None)
            error = m_group->heartbeat(m_memberId, nowMs);
    }
    return error;
}

void Consumer::dropMembership()
{
    m_memberId.clear();
    m_generation = -1;
    m_assignment.clear();
    m_positions.clear();
}

void Consumer::maybeAutoCommit(std::int64_t nowMs)
{
    if (!m_config.enableAutoCommit || nowMs < m_nextAutoCommitMs)
        return;
    commitSync();
    m_nextAutoCommitMs = nowMs + m_config.autoCommitIntervalMs;
}

ErrorCode Consumer::commitSync()
{
    ErrorCode first = ErrorCode::None;
    for (const auto &[tp, offset] : m_positions) {
        const ErrorCode error = commit(tp, offset);
        if (first == ErrorCode::None)
            first = error;
    }
    return first;
}

ErrorCode Consumer::commit(const TopicPartition &tp, std::int64_t offset)
{
    if (m_crashed || !isMember())
        return ErrorCode::InvalidRequest;
    const ErrorCode error = m_group->commit(m_memberId, m_generation, tp, offset);
    if (error != ErrorCode::None) {
        ++m_commitFailures;
        m_lastError = error;
    }
    return error;
}

bool Consumer::resetPosition(const TopicPartition &tp, std::int64_t outOfRangeOffset)
{
    const std::int64_t logStart = m_cluster.logStartOffset(tp.topic, tp.partition);
    switch (m_config.autoOffsetReset) {
    case OffsetReset::Earliest:
        if (outOfRangeOffset >= 0 && outOfRangeOffset < logStart)
            m_skippedByRetention += logStart - outOfRangeOffset;
        m_positions[tp] = logStart;
        break;
    case OffsetReset::Latest: {
        const std::int64_t hw = m_cluster.highWatermark(tp.topic, tp.partition);
        if (outOfRangeOffset >= 0 && outOfRangeOffset < hw)
            m_skippedByRetention +=
                std::max<std::int64_t>(0, hw - std::max(outOfRangeOffset, std::int64_t(0)));
        m_positions[tp] = hw;
        break;
    }
    case OffsetReset::None:
        m_positions.erase(tp);
        m_lastError = ErrorCode::OffsetOutOfRange;
        return false;
    }
    ++m_resets;
    return true;
}

bool Consumer::initPosition(const TopicPartition &tp)
{
    if (const auto committed = m_group->committed(tp)) {
        m_positions[tp] = *committed;
        return true;
    }
    return resetPosition(tp, -1);
}

PollResult Consumer::poll(std::int64_t nowMs, std::int32_t maxRecords)
{
    PollResult result;
    if (m_crashed || m_closed || !m_subscribed) {
        result.error = m_lastError = ErrorCode::InvalidRequest;
        return result;
    }
    m_lastPollMs = nowMs;
    result.error = sessionHeartbeat(nowMs);
    // Eager: a rebalance pauses the group. Cooperative: keep consuming what we still own.
    const bool keepConsuming = result.error == ErrorCode::RebalanceInProgress && m_group->isCooperative();
    if (result.error != ErrorCode::None && !keepConsuming)
        return result;
    result.error = ErrorCode::None;
    maybeAutoCommit(nowMs);

    std::int32_t budget =
        maxRecords > 0 ? std::min(maxRecords, m_config.maxPollRecords) : m_config.maxPollRecords;
    const std::size_t count = m_assignment.size();
    for (std::size_t i = 0; i < count && budget > 0; ++i) {
        const TopicPartition &tp = m_assignment[(m_nextPartition + i) % count];
        auto it = m_positions.find(tp);
        if (it == m_positions.end()) {
            if (!initPosition(tp)) {
                result.error = ErrorCode::OffsetOutOfRange;
                continue;
            }
            it = m_positions.find(tp);
        }
        const std::int64_t position = it->second;
        ErrorCode error = m_cluster.fetch(tp.topic, tp.partition, position, budget, m_fetch);
        if (error == ErrorCode::OffsetOutOfRange) {
            if (!resetPosition(tp, position)) {
                result.error = ErrorCode::OffsetOutOfRange;
                continue;
            }
            error = m_cluster.fetch(tp.topic, tp.partition, m_positions[tp], budget, m_fetch);
        }
        if (error != ErrorCode::None) {
            m_lastError = result.error = error;
            continue;
        }
        if (m_fetch.records.empty())
            continue;
        const std::int64_t deliveredBefore = m_group->recordDelivery(tp, m_fetch.records);
        for (const RecordView &view : m_fetch.records) {
            const bool again = view.offset() < deliveredBefore;
            m_redelivered += again ? 1 : 0;
            result.records.push_back({tp.topic, tp.partition, view, again});
        }
        m_positions.insert_or_assign(tp, m_fetch.records.back().offset() + 1);
        const auto n = static_cast<std::int64_t>(m_fetch.records.size());
        budget -= static_cast<std::int32_t>(n);
        m_polled += n;
    }
    if (count > 0)
        m_nextPartition = (m_nextPartition + 1) % count;
    return result;
}

void Consumer::close(std::int64_t nowMs)
{
    if (m_crashed || m_closed)
        return;
    if (isMember()) {
        if (m_config.enableAutoCommit)
            commitSync();
        m_groups.leave(m_config.groupId, m_memberId, nowMs);
    }
    dropMembership();
    m_closed = true;
}

void Consumer::crash()
{
    if (m_crashed)
        return;
    if (isMember())
        m_groups.setListener(m_config.groupId, m_memberId, nullptr);
    m_crashed = true;
    m_assignment.clear();
    m_positions.clear();
}

ErrorCode Consumer::restart(std::int64_t nowMs)
{
    if (!m_subscribed)
        return m_lastError = ErrorCode::InvalidRequest;
    m_crashed = false;
    m_closed = false;
    dropMembership();
    m_lastPollMs = nowMs;
    m_nextAutoCommitMs = nowMs + m_config.autoCommitIntervalMs;
    return m_lastError = joinGroup(nowMs);
}

} // namespace postoffice::broker
