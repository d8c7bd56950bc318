#pragma once

#include "ConsumerGroup.h"
#include "ErrorCode.h"
#include "GroupConfig.h"
#include "TimeDriven.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

class Cluster;
class GroupMemberListener;

// Kafka's group coordinator for the whole cluster: consumer groups, their membership and rebalances,
// committed offsets (what __consumer_offsets holds) and lag.
//
// The simulator drives it like the cluster: it attaches itself to the Cluster, whose advance() then
// expires sessions and ends rebalance pauses at their due times. Typical use:
//
//     GroupCoordinator groups(cluster);
//     GroupConfig g; g.assignor = "sticky"; g.sessionTimeoutMs = 10000;
//     groups.createGroup("notification", g);
//     Consumer c(cluster, groups, ConsumerConfig{.groupId = "notification", .clientId = "n-1"});
//     c.subscribe({"orders"}, clock.nowMs());
//     auto records = c.poll(clock.nowMs(), 100);
//     groups.group("notification")->totalLag();
class GroupCoordinator : public TimeDriven
{
public:
    explicit GroupCoordinator(Cluster &cluster);
    ~GroupCoordinator() override;
    GroupCoordinator(const GroupCoordinator &) = delete;
    GroupCoordinator &operator=(const GroupCoordinator &) = delete;

    // InvalidGroupId (empty id), InvalidConfig (unknown assignor, negative rebalance delay; *why says which),
    // InvalidSessionTimeout (session.timeout.ms < 1). Re-creating an existing group is InvalidRequest.
    ErrorCode createGroup(const std::string &groupId, const GroupConfig &config, std::string *why = nullptr);
    static ErrorCode validate(const std::string &groupId, const GroupConfig &config,
                              std::string *why = nullptr);
    bool hasGroup(const std::string &groupId) const { return m_groups.contains(groupId); }
    const ConsumerGroup *group(const std::string &groupId) const;
    // Direct access for embedded clients (Consumer) that talk to their group on every poll. Groups live as
    // long as the coordinator, so the pointer stays valid.
    ConsumerGroup *findGroup(const std::string &groupId);
    std::vector<std::string> groupIds() const; // sorted

    // --- membership (JoinGroup / LeaveGroup / Heartbeat) ------------------------------------------------
    struct JoinResult
    {
        ErrorCode error = ErrorCode::None;
        std::string memberId;
    };
    // Joining an unknown group creates it with default settings, as Kafka does.
    JoinResult join(const std::string &groupId, const std::string &clientId,
                    const std::vector<std::string> &topics, std::int64_t nowMs,
                    GroupMemberListener *listener = nullptr);
    ErrorCode leave(const std::string &groupId, const std::string &memberId, std::int64_t nowMs);
    // None, RebalanceInProgress (rejoin pending: the member owns nothing until it completes), or
    // UnknownMemberId (expired or never joined: join again).
    ErrorCode heartbeat(const std::string &groupId, const std::string &memberId, std::int64_t nowMs);
    ErrorCode updateSubscription(const std::string &groupId, const std::string &memberId,
                                 const std::vector<std::string> &topics, std::int64_t nowMs);
    ErrorCode setListener(const std::string &groupId, const std::string &memberId,
                          GroupMemberListener *listener);

    // --- offsets (OffsetCommit / OffsetFetch) ------------------------------------------------------------
    ErrorCode commit(const std::string &groupId, const std::string &memberId, std::int32_t generation,
                     const TopicPartition &tp, std::int64_t offset);
    std::optional<std::int64_t> committed(const std::string &groupId, const TopicPartition &tp) const;

    // --- lag ---------------------------------------------------------------------------------------------
    std::vector<GroupPartitionLag> lagByPartition(const std::string &groupId) const;
    std::int64_t totalLag(const std::string &groupId) const; // 0 for an unknown group

    // At-least-once accounting, see ConsumerGroup::recordDelivery.
    std::int64_t recordDelivery(const std::string &groupId, const TopicPartition &tp,
                                const std::vector<RecordView> &records);

    // --- time --------------------------------------------------------------------------------------------
    std::optional<std::int64_t> nextDeadlineMs() const override;
    void advance(std::int64_t nowMs) override;

private:
    Cluster &m_cluster;
    std::map<std::string, std::unique_ptr<ConsumerGroup>> m_groups;
};

} // namespace postoffice::broker
