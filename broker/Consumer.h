#pragma once

#include "Assignor.h"
#include "ConsumerConfig.h"
#include "ErrorCode.h"
#include "FetchResult.h"
#include "GroupMemberListener.h"
#include "RecordView.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

class Cluster;
class ConsumerGroup;
class GroupCoordinator;

// One record handed to the application by poll().
struct ConsumerRecord
{
    std::string topic;
    std::int32_t partition = 0;
    RecordView record; // offset(), key(), value(), timestampMs(), headers(); valid until retention deletes it
    bool redelivered = false; // the group had handed this offset out before (at-least-once redelivery)
};

struct PollResult
{
    // None; RebalanceInProgress (the group is paused, nothing returned); OffsetOutOfRange when
    // auto.offset.reset=none left a partition without a valid position; InvalidRequest when not subscribed,
    // crashed or closed.
    ErrorCode error = ErrorCode::None;
    std::vector<ConsumerRecord> records;
};

// An embedded KafkaConsumer with group management, on top of Cluster::fetch and the GroupCoordinator.
//
// Semantics follow the Java client: poll() heartbeats, auto-commits consumed positions when
// auto.commit.interval.ms has elapsed (before fetching, so what a poll returned is committed by a later
// poll), and on the eager rebalance auto-commits before giving partitions up. A position without a commit,
// or one that retention deleted, is reset by auto.offset.reset. Delivery is at-least-once: records
// processed but not committed when a member crashes are read again by the partition's next owner, and
// counted as redelivered.
//
// Destroy consumers before the GroupCoordinator they use.
class Consumer : public GroupMemberListener
{
public:
    Consumer(Cluster &cluster, GroupCoordinator &groups, ConsumerConfig config);
    ~Consumer() override;
    Consumer(const Consumer &) = delete;
    Consumer &operator=(const Consumer &) = delete;

    const ConsumerConfig &config() const { return m_config; }

    // Joins the group (first call) or changes the subscription (later calls; triggers a rebalance).
    // InvalidGroupId without group.id, InvalidRequest after crash()/close(), InvalidConfig for a bad
    // max.poll.records or auto.commit.interval.ms.
    ErrorCode subscribe(const std::vector<std::string> &topics, std::int64_t nowMs);

    // Up to maxRecords (≤ max.poll.records; ≤ 0 means max.poll.records) from the assigned partitions,
    // each partition from its position, partitions served in turn so none starves.
    PollResult poll(std::int64_t nowMs, std::int32_t maxRecords = 0);

    // The background heartbeat: keeps the session alive while the application is busy or stalled. Once the
    // last poll is more than max.poll.interval.ms ago the consumer leaves the group instead (Java's "poll
    // timeout has expired"); its next poll() rejoins as a new member.
    ErrorCode heartbeat(std::int64_t nowMs);

    // commitSync(): commits the position of every assigned partition. The first error wins:
    // IllegalGeneration / UnknownMemberId when the group moved on (the records will be redelivered).
    ErrorCode commitSync();
    // Commits one partition's offset (the next record to read), e.g. after processing one record.
    ErrorCode commit(const TopicPartition &tp, std::int64_t offset);

    // Leaves the group gracefully: auto-commits first when enable.auto.commit, then LeaveGroup, so the
    // others take over at once.
    void close(std::int64_t nowMs);
    // The process dies: no commit, no LeaveGroup. The member stays in the group, owning its partitions,
    // until session.timeout.ms expires; then the others take over from the last committed offsets.
    void crash();
    // A fresh process with the same configuration joins as a new member (after crash() or close()).
    ErrorCode restart(std::int64_t nowMs);

    // --- state the simulator and GUI show ------------------------------------------------------------------
    bool isCrashed() const { return m_crashed; }
    bool isMember() const { return !m_memberId.empty(); }
    const std::string &memberId() const { return m_memberId; }
    std::int32_t generation() const { return m_generation; }
    const std::vector<std::string> &subscription() const { return m_topics; }
    const std::vector<TopicPartition> &assignment() const { return m_assignment; }
    // Member of a stable group with no partition: more consumers than partitions.
    bool isIdle() const;
    std::optional<std::int64_t> position(const TopicPartition &tp) const;

    std::int64_t polledCount() const { return m_polled; }
    std::int64_t redeliveredCount() const { return m_redelivered; }
    std::int64_t offsetResetCount() const { return m_resets; }
    // Records this consumer never saw because retention deleted them before it got there (reset to
    // earliest from below the log start): the "retention passed an unread offset" loss.
    std::int64_t skippedByRetentionCount() const { return m_skippedByRetention; }
    std::int64_t commitFailureCount() const { return m_commitFailures; }
    // Times this consumer left the group because max.poll.interval.ms passed without a poll.
    std::int64_t pollTimeoutCount() const { return m_pollTimeouts; }
    ErrorCode lastError() const { return m_lastError; }

    // GroupMemberListener
    void onPartitionsRevoked(const std::vector<TopicPartition> &partitions, std::int32_t generation) override;
    void onPartitionsAssigned(const std::vector<TopicPartition> &partitions,
                              std::int32_t generation) override;

private:
    ErrorCode joinGroup(std::int64_t nowMs);
    ErrorCode sessionHeartbeat(std::int64_t nowMs);
    void dropMembership();
    // Position from the committed offset, else auto.offset.reset; false when none applies.
    bool initPosition(const TopicPartition &tp);
    bool resetPosition(const TopicPartition &tp, std::int64_t outOfRangeOffset);
    void maybeAutoCommit(std::int64_t nowMs);

    Cluster &m_cluster;
    GroupCoordinator &m_groups;
    ConsumerConfig m_config;

    ConsumerGroup *m_group = nullptr; // resolved at join; saves a lookup by group id on every poll
    std::string m_memberId;
    std::int32_t m_generation = -1;
    std::vector<std::string> m_topics;
    std::vector<TopicPartition> m_assignment;
    std::map<TopicPartition, std::int64_t> m_positions;
    std::size_t m_nextPartition = 0; // round-robin start of the next poll
    std::int64_t m_nextAutoCommitMs = 0;
    std::int64_t m_lastPollMs = 0;
    bool m_subscribed = false;
    bool m_crashed = false;
    bool m_closed = false;

    FetchResult m_fetch; // reused between fetches to keep its capacity
    std::int64_t m_polled = 0;
    std::int64_t m_redelivered = 0;
    std::int64_t m_resets = 0;
    std::int64_t m_skippedByRetention = 0;
    std::int64_t m_commitFailures = 0;
    std::int64_t m_pollTimeouts = 0;
    ErrorCode m_lastError = ErrorCode::None;
};

} // namespace postoffice::broker
