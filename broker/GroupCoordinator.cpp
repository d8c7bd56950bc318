#include "GroupCoordinator.h"

#include "Assignor.h"
#include "Cluster.h"

namespace postoffice::broker {

GroupCoordinator::GroupCoordinator(Cluster &cluster) : m_cluster(cluster)
{
    m_cluster.attach(this);
}

GroupCoordinator::~GroupCoordinator()
{
    m_cluster.detach(this);
}

ErrorCode GroupCoordinator::validate(const std::string &groupId, const GroupConfig &config, std::string *why)
{
    auto fail = [why](ErrorCode code, const std::string &reason) {
        if (why)
            *why = reason;
        return code;
    };
    if (groupId.empty())
        return fail(ErrorCode::InvalidGroupId, "group.id must not be empty");
    if (!Assignor::create(config.assignor))
        return fail(ErrorCode::InvalidConfig,
                    "partition.assignment.strategy '" + config.assignor +
                        "' is not one of range, roundrobin, sticky, cooperative-sticky");
    if (config.sessionTimeoutMs < 1)
        return fail(ErrorCode::InvalidSessionTimeout, "session.timeout.ms must be at least 1");
    if (config.rebalanceDelayMs < 0)
        return fail(ErrorCode::InvalidConfig, "the rebalance delay must not be negative");
    return ErrorCode::None;
}

ErrorCode GroupCoordinator::createGroup(const std::string &groupId, const GroupConfig &config,
                                        std::string *why)
{
    if (const ErrorCode error = validate(groupId, config, why); error != ErrorCode::None)
        return error;
    if (m_groups.contains(groupId)) {
        if (why)
            *why = "group '" + groupId + "' already exists";
        return ErrorCode::InvalidRequest;
    }
    m_groups.emplace(groupId, std::make_unique<ConsumerGroup>(groupId, config, m_cluster));
    return ErrorCode::None;
}

const ConsumerGroup *GroupCoordinator::group(const std::string &groupId) const
{
    auto it = m_groups.find(groupId);
    return it == m_groups.end() ? nullptr : it->second.get();
}

ConsumerGroup *GroupCoordinator::findGroup(const std::string &groupId)
{
    auto it = m_groups.find(groupId);
    return it == m_groups.end() ? nullptr : it->second.get();
}

std::vector<std::string> GroupCoordinator::groupIds() const
{
    std::vector<std::string> ids;
    for (const auto &[id, group] : m_groups)
        ids.push_back(id);
    return ids;
}

GroupCoordinator::JoinResult GroupCoordinator::join(const std::string &groupId, const std::string &clientId,
                                                    const std::vector<std::string> &topics,
                                                    std::int64_t nowMs, GroupMemberListener *listener)
{
    if (!m_groups.contains(groupId)) {
        if (const ErrorCode error = createGroup(groupId, GroupConfig{}); error != ErrorCode::None)
            return {error, {}};
    }
    return {ErrorCode::None, findGroup(groupId)->join(clientId, topics, nowMs, listener)};
}

ErrorCode GroupCoordinator::leave(const std::string &groupId, const std::string &memberId, std::int64_t nowMs)
{
    ConsumerGroup *g = findGroup(groupId);
    return g ? g->leave(memberId, nowMs) : ErrorCode::UnknownMemberId;
}

ErrorCode GroupCoordinator::heartbeat(const std::string &groupId, const std::string &memberId,
                                      std::int64_t nowMs)
{
    ConsumerGroup *g = findGroup(groupId);
    return g ? g->heartbeat(memberId, nowMs) : ErrorCode::UnknownMemberId;
}

ErrorCode GroupCoordinator::updateSubscription(const std::string &groupId, const std::string &memberId,
                                               const std::vector<std::string> &topics, std::int64_t nowMs)
{
    ConsumerGroup *g = findGroup(groupId);
    return g ? g->updateSubscription(memberId, topics, nowMs) : ErrorCode::UnknownMemberId;
}

ErrorCode GroupCoordinator::setListener(const std::string &groupId, const std::string &memberId,
                                        GroupMemberListener *listener)
{
    ConsumerGroup *g = findGroup(groupId);
    return g ? g->setListener(memberId, listener) : ErrorCode::UnknownMemberId;
}

ErrorCode GroupCoordinator::commit(const std::string &groupId, const std::string &memberId,
                                   std::int32_t generation, const TopicPartition &tp, std::int64_t offset)
{
    if (groupId.empty())
        return ErrorCode::InvalidGroupId;
    ConsumerGroup *g = findGroup(groupId);
    if (!g) {
        // Kafka accepts a simple commit (no member, generation -1) for a group nobody has joined yet.
        if (!memberId.empty() || generation >= 0)
            return ErrorCode::UnknownMemberId;
        createGroup(groupId, GroupConfig{});
        g = findGroup(groupId);
    }
    return g->commit(memberId, generation, tp, offset);
}

std::optional<std::int64_t> GroupCoordinator::committed(const std::string &groupId,
                                                        const TopicPartition &tp) const
{
    const ConsumerGroup *g = group(groupId);
    return g ? g->committed(tp) : std::nullopt;
}

std::vector<GroupPartitionLag> GroupCoordinator::lagByPartition(const std::string &groupId) const
{
    const ConsumerGroup *g = group(groupId);
    return g ? g->lagByPartition() : std::vector<GroupPartitionLag>{};
}

std::int64_t GroupCoordinator::totalLag(const std::string &groupId) const
{
    const ConsumerGroup *g = group(groupId);
    return g ? g->totalLag() : 0;
}

std::int64_t GroupCoordinator::recordDelivery(const std::string &groupId, const TopicPartition &tp,
                                              const std::vector<RecordView> &records)
{
    ConsumerGroup *g = findGroup(groupId);
    return g ? g->recordDelivery(tp, records) : 0;
}

std::optional<std::int64_t> GroupCoordinator::nextDeadlineMs() const
{
    std::optional<std::int64_t> next;
    for (const auto &[id, g] : m_groups) {
        const auto due = g->nextDeadlineMs();
        if (due && (!next || *due < *next))
            next = due;
    }
    return next;
}

void GroupCoordinator::advance(std::int64_t nowMs)
{
    for (auto &[id, g] : m_groups)
        g->advance(nowMs);
}

} // namespace postoffice::broker
