#include "ConsumerGroup.h"

#include "BrokerObserver.h"
#include "Cluster.h"
#include "GroupMemberListener.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace postoffice::broker {

const char *groupStateName(GroupState state)
{
    switch (state) {
    case GroupState::Empty:
        return "Empty";
    case GroupState::PreparingRebalance:
        return "PreparingRebalance";
    case GroupState::Stable:
        return "Stable";
    }
    return "Empty";
}

const char *rebalanceReasonName(RebalanceReason reason)
{
    switch (reason) {
    case RebalanceReason::None:
        return "none";
    case RebalanceReason::Join:
        return "member joined";
    case RebalanceReason::Leave:
        return "member left";
    case RebalanceReason::SessionTimeout:
        return "session timeout";
    case RebalanceReason::SubscriptionChange:
        return "subscription changed";
    case RebalanceReason::MetadataChange:
        return "topic metadata changed";
    }
    return "none";
}

ConsumerGroup::ConsumerGroup(std::string groupId, GroupConfig config, Cluster &cluster)
    : m_groupId(std::move(groupId)), m_config(std::move(config)), m_cluster(cluster),
      m_assignor(Assignor::create(m_config.assignor))
{}

std::optional<std::int64_t> ConsumerGroup::rebalanceEndsMs() const
{
    if (m_state != GroupState::PreparingRebalance)
        return std::nullopt;
    return m_rebalanceEndMs;
}

const GroupMember *ConsumerGroup::member(const std::string &memberId) const
{
    auto it = m_members.find(memberId);
    return it == m_members.end() ? nullptr : &it->second;
}

std::vector<std::string> ConsumerGroup::idleMembers() const
{
    std::vector<std::string> idle;
    if (m_state != GroupState::Stable)
        return idle;
    for (const auto &[memberId, m] : m_members) {
        if (m.assignment.empty())
            idle.push_back(memberId);
    }
    return idle;
}

std::string ConsumerGroup::join(const std::string &clientId, const std::vector<std::string> &topics,
                                std::int64_t nowMs, GroupMemberListener *listener)
{
    // Kafka appends a UUID to client.id; a zero-padded join counter keeps ids unique, deterministic and
    // sorted in join order among members with the same client id.
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "-%06llu", static_cast<unsigned long long>(m_nextMemberSequence++));
    GroupMember m;
    m.memberId = clientId + suffix;
    m.clientId = clientId;
    m.topics = topics;
    m.joinedMs = nowMs;
    m.lastHeartbeatMs = nowMs;
    m.listener = listener;
    const std::string memberId = m.memberId;
    m_members.emplace(memberId, std::move(m));
    startRebalance(RebalanceReason::Join, nowMs);
    return memberId;
}

ErrorCode ConsumerGroup::leave(const std::string &memberId, std::int64_t nowMs)
{
    if (m_members.erase(memberId) == 0)
        return ErrorCode::UnknownMemberId;
    startRebalance(RebalanceReason::Leave, nowMs);
    return ErrorCode::None;
}

ErrorCode ConsumerGroup::heartbeat(const std::string &memberId, std::int64_t nowMs)
{
    auto it = m_members.find(memberId);
    if (it == m_members.end())
        return ErrorCode::UnknownMemberId;
    it->second.lastHeartbeatMs = std::max(it->second.lastHeartbeatMs, nowMs);
    // The Java consumer refreshes metadata and rejoins when a subscribed topic appears or grows.
    if (m_state == GroupState::Stable && metadataChanged())
        startRebalance(RebalanceReason::MetadataChange, nowMs);
    return m_state == GroupState::PreparingRebalance ? ErrorCode::RebalanceInProgress : ErrorCode::None;
}

ErrorCode ConsumerGroup::updateSubscription(const std::string &memberId,
                                            const std::vector<std::string> &topics, std::int64_t nowMs)
{
    auto it = m_members.find(memberId);
    if (it == m_members.end())
        return ErrorCode::UnknownMemberId;
    it->second.lastHeartbeatMs = std::max(it->second.lastHeartbeatMs, nowMs);
    const std::set<std::string> before(it->second.topics.begin(), it->second.topics.end());
    const std::set<std::string> after(topics.begin(), topics.end());
    if (before == after)
        return ErrorCode::None;
    it->second.topics = topics;
    startRebalance(RebalanceReason::SubscriptionChange, nowMs);
    return ErrorCode::None;
}

ErrorCode ConsumerGroup::setListener(const std::string &memberId, GroupMemberListener *listener)
{
    auto it = m_members.find(memberId);
    if (it == m_members.end())
        return ErrorCode::UnknownMemberId;
    it->second.listener = listener;
    return ErrorCode::None;
}

void ConsumerGroup::startRebalance(RebalanceReason reason, std::int64_t nowMs)
{
    m_lastReason = reason;
    std::set<std::string> topics;
    for (const auto &[memberId, m] : m_members)
        topics.insert(m.topics.begin(), m.topics.end());
    m_subscribedTopics.assign(topics.begin(), topics.end());
    // A change during a rebalance joins the round already under way, as in Kafka's PreparingRebalance.
    if (m_state != GroupState::PreparingRebalance) {
        // Eager protocol: every member gives up everything first; listeners commit what they processed
        // while their generation is still valid (the Java consumer's onJoinPrepare auto-commit).
        // Cooperative members keep everything until the new assignment says what moves.
        for (auto &[memberId, m] : m_members) {
            if (!isCooperative() && m.listener && !m.assignment.empty())
                m.listener->onPartitionsRevoked(m.assignment, m_generation);
        }
        for (auto &[memberId, m] : m_members) {
            if (m.assignedGeneration == m_generation)
                m.lastOwned = m.assignment;
            if (!isCooperative())
                m.assignment.clear();
        }
        m_state = GroupState::PreparingRebalance;
        m_rebalanceStartMs = nowMs;
        m_rebalanceEndMs = nowMs + std::max<std::int64_t>(0, m_config.rebalanceDelayMs);
    }
    if (m_rebalanceEndMs <= nowMs)
        completeRebalance(nowMs);
}

PartitionCounts ConsumerGroup::subscribedPartitionCounts() const
{
    PartitionCounts counts;
    for (const std::string &topic : m_subscribedTopics) {
        const std::int32_t n = m_cluster.partitionCount(topic);
        if (n > 0)
            counts[topic] = n;
    }
    return counts;
}

bool ConsumerGroup::metadataChanged() const
{
    // Runs on every heartbeat, so it compares in place instead of building a map.
    for (const std::string &topic : m_subscribedTopics) {
        const std::int32_t n = std::max(0, m_cluster.partitionCount(topic));
        auto it = m_assignedMetadata.find(topic);
        if (n != (it == m_assignedMetadata.end() ? 0 : it->second))
            return true;
    }
    return false;
}

void ConsumerGroup::completeRebalance(std::int64_t nowMs)
{
    // Revocations below are reported while the old generation is current, so their commits count.
    const std::int32_t nextGeneration = m_generation + 1;
    ++m_rebalanceCount;
    if (!isCooperative())
        m_pausedMs += nowMs - m_rebalanceStartMs;
    m_assignedMetadata = subscribedPartitionCounts();
    bool transfers = false;
    if (m_members.empty()) {
        m_state = GroupState::Empty;
    } else {
        GroupSubscriptions subscriptions;
        std::map<TopicPartition, std::string> previousOwner;
        for (const auto &[memberId, m] : m_members) {
            MemberSubscription &s = subscriptions[memberId];
            s.topics = m.topics;
            s.ownedPartitions = m.lastOwned;
            s.generation = m.assignedGeneration;
            for (const TopicPartition &tp : m.lastOwned)
                previousOwner[tp] = memberId;
        }
        GroupAssignment assignment = m_assignor->assign(m_assignedMetadata, subscriptions);
        for (auto &[memberId, m] : m_members) {
            std::vector<TopicPartition> next = std::move(assignment[memberId]);
            if (isCooperative()) {
                // KIP-429: a partition moving between two members is first only revoked from its old owner
                // (which commits it); the new owner gets it in the follow-up rebalance.
                std::erase_if(next, [&](const TopicPartition &tp) {
                    auto owner = previousOwner.find(tp);
                    const bool moving = owner != previousOwner.end() && owner->second != memberId;
                    transfers = transfers || moving;
                    return moving;
                });
                std::vector<TopicPartition> revoked;
                for (const TopicPartition &tp : m.assignment) {
                    if (std::find(next.begin(), next.end(), tp) == next.end())
                        revoked.push_back(tp);
                }
                if (m.listener && !revoked.empty())
                    m.listener->onPartitionsRevoked(revoked, m_generation);
            }
            m.assignment = std::move(next);
            m.assignedGeneration = nextGeneration;
        }
        m_state = GroupState::Stable;
    }
    m_generation = nextGeneration;
    for (BrokerObserver *observer : m_cluster.observers())
        observer->onRebalance(m_groupId, m_generation, static_cast<std::int32_t>(m_members.size()));
    for (auto &[memberId, m] : m_members) {
        if (m.listener)
            m.listener->onPartitionsAssigned(m.assignment, m_generation);
    }
    if (transfers)
        startRebalance(m_lastReason, nowMs);
}

ErrorCode ConsumerGroup::commit(const std::string &memberId, std::int32_t generation,
                                const TopicPartition &tp, std::int64_t offset)
{
    const bool simpleCommit = memberId.empty() && generation < 0;
    if (!simpleCommit) {
        if (!m_members.contains(memberId))
            return ErrorCode::UnknownMemberId;
        if (generation != m_generation)
            return ErrorCode::IllegalGeneration;
    }
    if (tp.partition < 0 || tp.partition >= m_cluster.partitionCount(tp.topic))
        return ErrorCode::UnknownTopicOrPartition;
    if (offset < 0)
        return ErrorCode::InvalidRequest;
    m_committed[tp] = offset;
    for (BrokerObserver *observer : m_cluster.observers())
        observer->onCommit(m_groupId, tp.topic, tp.partition, offset);
    return ErrorCode::None;
}

std::optional<std::int64_t> ConsumerGroup::committed(const TopicPartition &tp) const
{
    auto it = m_committed.find(tp);
    if (it == m_committed.end())
        return std::nullopt;
    return it->second;
}

GroupPartitionLag ConsumerGroup::lag(const TopicPartition &tp) const
{
    GroupPartitionLag l;
    l.partition = tp;
    l.committed = committed(tp);
    l.logStartOffset = std::max<std::int64_t>(0, m_cluster.logStartOffset(tp.topic, tp.partition));
    l.highWatermark = std::max<std::int64_t>(0, m_cluster.highWatermark(tp.topic, tp.partition));
    std::int64_t position = l.highWatermark;
    if (l.committed)
        position = *l.committed;
    else if (m_config.autoOffsetReset != OffsetReset::Latest)
        position = l.logStartOffset; // earliest reads it all; with none nothing is read, all of it is backlog
    l.lag = std::max<std::int64_t>(0, l.highWatermark - position);
    // Eager rebalances empty every assignment, so during one nobody owns anything; cooperative owners keep
    // theirs.
    for (const auto &[memberId, m] : m_members) {
        if (std::find(m.assignment.begin(), m.assignment.end(), tp) != m.assignment.end())
            l.owner = memberId;
    }
    return l;
}

std::vector<GroupPartitionLag> ConsumerGroup::lagByPartition() const
{
    std::set<TopicPartition> partitions;
    for (const auto &[topic, count] : subscribedPartitionCounts()) {
        for (std::int32_t p = 0; p < count; ++p)
            partitions.insert({topic, p});
    }
    for (const auto &[tp, offset] : m_committed)
        partitions.insert(tp);
    std::vector<GroupPartitionLag> result;
    result.reserve(partitions.size());
    for (const TopicPartition &tp : partitions)
        result.push_back(lag(tp));
    return result;
}

std::int64_t ConsumerGroup::totalLag() const
{
    std::int64_t total = 0;
    for (const GroupPartitionLag &l : lagByPartition())
        total += l.lag;
    return total;
}

std::int64_t ConsumerGroup::recordDelivery(const TopicPartition &tp, const std::vector<RecordView> &records)
{
    std::int64_t &end = m_deliveredEnd[tp];
    const std::int64_t before = end;
    for (const RecordView &r : records) {
        if (r.offset() < before)
            ++m_redelivered;
    }
    if (!records.empty())
        end = std::max(end, records.back().offset() + 1);
    m_delivered += static_cast<std::int64_t>(records.size());
    return before;
}

std::optional<std::int64_t> ConsumerGroup::nextDeadlineMs() const
{
    std::optional<std::int64_t> next;
    if (m_state == GroupState::PreparingRebalance)
        next = m_rebalanceEndMs;
    for (const auto &[memberId, m] : m_members) {
        const std::int64_t expiry = m.lastHeartbeatMs + m_config.sessionTimeoutMs;
        if (!next || expiry < *next)
            next = expiry;
    }
    return next;
}

void ConsumerGroup::expireMembers(std::int64_t nowMs)
{
    bool expired = false;
    for (auto it = m_members.begin(); it != m_members.end();) {
        if (it->second.lastHeartbeatMs + m_config.sessionTimeoutMs <= nowMs) {
            it = m_members.erase(it);
            ++m_expiredMembers;
            expired = true;
        } else {
            ++it;
        }
    }
    if (expired)
        startRebalance(RebalanceReason::SessionTimeout, nowMs);
}

void ConsumerGroup::advance(std::int64_t nowMs)
{
    // Step through the due deadlines in time order so that, say, an expiry followed by the rebalance it
    // causes each happen at their own instant.
    while (auto next = nextDeadlineMs()) {
        if (*next > nowMs)
            break;
        const std::int64_t at = *next;
        expireMembers(at);
        if (m_state == GroupState::PreparingRebalance && m_rebalanceEndMs <= at)
            completeRebalance(at);
    }
}

} // namespace postoffice::broker
