#pragma once

#include "Assignor.h"
#include "ErrorCode.h"
#include "GroupConfig.h"
#include "GroupMember.h"
#include "RecordView.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

class Cluster;

// Kafka's group states for the classic (eager) protocol. CompletingRebalance (waiting for the leader's
// SyncGroup) is folded into PreparingRebalance: the embedded members answer instantly.
enum class GroupState : std::int8_t { Empty, PreparingRebalance, Stable };

const char *groupStateName(GroupState state);

// Lag of one partition for one group, as kafka-consumer-groups.sh --describe shows it.
struct GroupPartitionLag
{
    TopicPartition partition;
    std::optional<std::int64_t> committed; // nullopt: nothing committed yet
    std::int64_t logStartOffset = 0;
    std::int64_t highWatermark = 0;
    std::int64_t lag = 0; // highWatermark − committed (or − the reset position without a commit)
    std::string owner;    // member id, empty when unassigned or rebalancing
};

// Why the last rebalance started; the GUI shows it and tests check it.
enum class RebalanceReason : std::int8_t {
    None,
    Join,
    Leave,
    SessionTimeout,
    SubscriptionChange,
    MetadataChange
};

const char *rebalanceReasonName(RebalanceReason reason);

// One consumer group: members, generation, the eager rebalance state machine, committed offsets and the
// bookkeeping of redelivered records. Driven by GroupCoordinator, which owns it.
class ConsumerGroup
{
public:
    ConsumerGroup(std::string groupId, GroupConfig config, Cluster &cluster);

    const std::string &groupId() const { return m_groupId; }
    const GroupConfig &config() const { return m_config; }
    // cooperative-sticky: members keep consuming what they own during a rebalance and give up only the
    // partitions that move, which reach their new owner in a second round (KIP-429).
    bool isCooperative() const { return m_assignor->cooperative(); }
    GroupState state() const { return m_state; }
    // Kafka's generation id: 0 before the first rebalance, +1 every time a rebalance completes.
    std::int32_t generation() const { return m_generation; }
    std::int32_t rebalanceCount() const { return m_rebalanceCount; }
    RebalanceReason lastRebalanceReason() const { return m_lastReason; }
    // While PreparingRebalance: when the pause ends; otherwise nullopt.
    std::optional<std::int64_t> rebalanceEndsMs() const;
    // Total time the whole group spent stopped by eager rebalances so far (cooperative rounds stop nobody).
    std::int64_t pausedMs() const { return m_pausedMs; }
    std::int32_t expiredMemberCount() const { return m_expiredMembers; }

    // --- members ---------------------------------------------------------------------------------------
    const std::map<std::string, GroupMember> &members() const { return m_members; }
    const GroupMember *member(const std::string &memberId) const;
    // Members that own no partition in a stable group: more consumers than partitions.
    std::vector<std::string> idleMembers() const;

    std::string join(const std::string &clientId, const std::vector<std::string> &topics, std::int64_t nowMs,
                     GroupMemberListener *listener);
    ErrorCode leave(const std::string &memberId, std::int64_t nowMs);
    ErrorCode heartbeat(const std::string &memberId, std::int64_t nowMs);
    ErrorCode updateSubscription(const std::string &memberId, const std::vector<std::string> &topics,
                                 std::int64_t nowMs);
    ErrorCode setListener(const std::string &memberId, GroupMemberListener *listener);

    // --- offsets ---------------------------------------------------------------------------------------
    // Kafka's OffsetCommit checks: an empty member id with generation -1 is a "simple" commit from outside
    // the group (tools); otherwise UnknownMemberId, IllegalGeneration; UnknownTopicOrPartition; a negative
    // offset is InvalidRequest.
    ErrorCode commit(const std::string &memberId, std::int32_t generation, const TopicPartition &tp,
                     std::int64_t offset);
    std::optional<std::int64_t> committed(const TopicPartition &tp) const;
    const std::map<TopicPartition, std::int64_t> &committedOffsets() const { return m_committed; }

    // --- lag -------------------------------------------------------------------------------------------
    GroupPartitionLag lag(const TopicPartition &tp) const;
    // Every partition of every topic the group subscribes to or has committed offsets for, sorted.
    std::vector<GroupPartitionLag> lagByPartition() const;
    std::int64_t totalLag() const;

    // --- at-least-once bookkeeping ---------------------------------------------------------------------
    // A member handed these records of tp (ascending offsets) to its application. Returns the group's
    // delivered end before them: records below it had been handed out before, so they are redeliveries
    // (after a crash or a lost commit) and are counted as such.
    std::int64_t recordDelivery(const TopicPartition &tp, const std::vector<RecordView> &records);
    std::int64_t redeliveredCount() const { return m_redelivered; }
    std::int64_t deliveredCount() const { return m_delivered; }

    // --- time ------------------------------------------------------------------------------------------
    std::optional<std::int64_t> nextDeadlineMs() const;
    // Expires members and completes rebalances due at or before nowMs, each at its own time.
    void advance(std::int64_t nowMs);

private:
    void startRebalance(RebalanceReason reason, std::int64_t nowMs);
    void completeRebalance(std::int64_t nowMs);
    void expireMembers(std::int64_t nowMs);
    PartitionCounts subscribedPartitionCounts() const;
    bool metadataChanged() const;

    std::string m_groupId;
    GroupConfig m_config;
    Cluster &m_cluster;
    std::unique_ptr<Assignor> m_assignor;

    GroupState m_state = GroupState::Empty;
    std::int32_t m_generation = 0;
    std::int32_t m_rebalanceCount = 0;
    RebalanceReason m_lastReason = RebalanceReason::None;
    std::int64_t m_rebalanceStartMs = 0;
    std::int64_t m_rebalanceEndMs = 0;
    std::int64_t m_pausedMs = 0;
    std::int32_t m_expiredMembers = 0;
    std::uint64_t m_nextMemberSequence = 1;
    PartitionCounts m_assignedMetadata;          // partition counts the current assignment was computed from
    std::vector<std::string> m_subscribedTopics; // sorted union of the members' subscriptions

    std::map<std::string, GroupMember> m_members;
    std::map<TopicPartition, std::int64_t> m_committed;
    std::map<TopicPartition, std::int64_t> m_deliveredEnd; // highest offset + 1 ever handed out
    std::int64_t m_redelivered = 0;
    std::int64_t m_delivered = 0;
};

} // namespace postoffice::broker
