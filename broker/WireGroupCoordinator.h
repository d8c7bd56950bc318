#pragma once

#include "Clock.h"
#include "ErrorCode.h"
#include "JoinGroupMessages.h"
#include "TimeDriven.h"
#include "WireGroupConsumerProtocol.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace postoffice::broker {

// The coordinator's broker settings (Kafka's names in the comments).
struct WireGroupConfig
{
    // group.initial.rebalance.delay.ms: how long the first rebalance of an empty group waits for more
    // members, extended by each newcomer up to the rebalance timeout (Kafka's default 3000).
    std::int64_t initialRebalanceDelayMs = 3000;
    // group.min.session.timeout.ms / group.max.session.timeout.ms: a JoinGroup outside gets
    // INVALID_SESSION_TIMEOUT.
    std::int32_t minSessionTimeoutMs = 6000;
    std::int32_t maxSessionTimeoutMs = 1800000;
    // offset.metadata.max.bytes: longer commit metadata gets OFFSET_METADATA_TOO_LARGE.
    std::int32_t maxOffsetMetadataBytes = 4096;
    // Kafka's NewMemberJoinTimeoutMs (not configurable there): a member that joined during a
    // rebalance and never saw it complete is dropped after this long.
    std::int64_t newMemberJoinTimeoutMs = 300000;
};

// Kafka's classic group states, spelled as DescribeGroups reports them.
enum class WireGroupState { Empty, PreparingRebalance, CompletingRebalance, Stable, Dead };
const char *wireGroupStateName(WireGroupState state);

// What the GUI and the event log show of a member.
struct WireGroupMemberInfo
{
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::string clientId;
    std::string clientHost;
    std::int32_t sessionTimeoutMs = 0;
    std::int32_t rebalanceTimeoutMs = 0;
    bool leader = false;
    // Read from the "consumer" protocol's subscription (the chosen protocol's, else the member's
    // first) and from its assignment; empty for other protocol types or unreadable payloads.
    std::vector<std::string> subscribedTopics;
    std::vector<WireGroupTopicPartitions> assignedPartitions;
};

struct WireGroupInfo
{
    std::string groupId;
    WireGroupState state = WireGroupState::Empty;
    std::int32_t generation = 0;
    std::string protocolType; // "" for a group that only stores offsets
    std::string protocolName; // the chosen assignor, "" until the first rebalance completes
    std::string leaderId;
    std::vector<WireGroupMemberInfo> members; // in join order
    std::size_t pendingMembers = 0;           // given a member id (MEMBER_ID_REQUIRED), not yet rejoined
};

struct WireCommittedOffset
{
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = -1;
    std::int32_t leaderEpoch = -1;
    std::string metadata;
    std::int64_t commitTimestampMs = 0;
};

// One thing worth a line in the event log. `text` is that line, ready to show.
struct WireGroupEvent
{
    enum class Kind {
        MemberJoined,       // a member entered the group (a new JoinGroup)
        MemberLeft,         // LeaveGroup
        MemberExpired,      // session.timeout.ms without heartbeat, or not back within rebalance.timeout.ms
        MemberFenced,       // a newer instance with the same group.instance.id replaced it
        RebalanceStarted,   // the group went to PreparingRebalance
        RebalanceCompleted, // the join phase ended: new generation, leader chosen
        GroupStable,        // the leader's assignment was handed out
        OffsetsCommitted,   // an OffsetCommit stored offsets (one event per request)
    };
    Kind kind = Kind::MemberJoined;
    std::int64_t timeMs = 0;
    std::string groupId;
    std::string memberId; // "" for group-wide events
    std::string clientId;
    std::int32_t generation = 0;
    std::int32_t memberCount = 0;
    std::string text;
};

// Kafka's group coordinator as real Kafka clients see it over the wire: the classic protocol with
// client-side assignment. JoinGroup gathers the members (waiting group.initial.rebalance.delay.ms for
// the first rebalance of an empty group, and until every known member rejoined or
// rebalance.timeout.ms passed otherwise), elects the first member to join as leader and hands it
// every member's metadata for the protocol the members vote for; SyncGroup hands each member the
// partitions the leader gave it; heartbeats keep members alive for session.timeout.ms and tell them
// of rebalances; committed offsets are kept per group, topic and partition.
//
// Deterministic: member ids are the client id (or group.instance.id) plus a counter, and time comes
// only from the injected Clock. The server calls handle() for each request and advance() when
// nextDeadlineMs() is due:
//
//     WireGroupCoordinator groups(clock);
//     groups.setListener([&](const WireGroupEvent &e) { log(e.text); });
//     groups.handle(apiKey, version, body, clientId, host, [&](std::vector<std::uint8_t> r) { send(r); });
//     ...
//     if (auto due = groups.nextDeadlineMs(); due && *due <= clock.nowMs()) groups.advance(clock.nowMs());
//
// Static membership (group.instance.id, JoinGroup v5): a member joins with its instance id and no
// member id without the MEMBER_ID_REQUIRED round; a later join with the same instance id takes the
// old member's place (the old id is fenced with FENCED_INSTANCE_ID), without a rebalance when it is
// an unchanged follower of a stable group, as in Kafka. Unlike Kafka, a static member that has not
// rejoined when rebalance.timeout.ms ends is removed like a dynamic one (Kafka keeps it until its
// session times out).
class WireGroupCoordinator : public TimeDriven
{
public:
    explicit WireGroupCoordinator(const Clock &clock, WireGroupConfig config = {});
    ~WireGroupCoordinator() override;
    WireGroupCoordinator(const WireGroupCoordinator &) = delete;
    WireGroupCoordinator &operator=(const WireGroupCoordinator &) = delete;

    using Reply = std::function<void(std::vector<std::uint8_t> responseBody)>;
    // OffsetCommit(8), OffsetFetch(9), JoinGroup(11), Heartbeat(12), LeaveGroup(13), SyncGroup(14),
    // DescribeGroups(15), ListGroups(16): `body` is the request after its header; `reply` runs exactly
    // once, now or later (from advance() or another request's handle()), with the response body (no
    // size, no response header). Bytes that do not decode get that API's response with
    // INVALID_REQUEST where it has an error field (OffsetCommit: no partitions answered).
    // Returns false, without calling `reply`, when apiKey is not one of these or the version is
    // outside what the group messages encode (the caller answers UNSUPPORTED_VERSION).
    bool handle(std::int16_t apiKey, std::int16_t apiVersion, std::span<const std::uint8_t> body,
                const std::string &clientId, const std::string &clientHost, Reply reply);

    std::optional<std::int64_t> nextDeadlineMs() const override;
    void advance(std::int64_t nowMs) override;

    // Event log feed; called after the state changed (queries from inside see the new state).
    void setListener(std::function<void(const WireGroupEvent &)> listener);
    // Kafka answers UNKNOWN_TOPIC_OR_PARTITION to a commit for a partition the cluster lacks; the
    // server knows the topics, so it may pass the check here (None = accept). Unset: all accepted.
    void setCommitValidator(std::function<ErrorCode(const std::string &topic, std::int32_t partition)> check);

    const WireGroupConfig &config() const { return m_config; }

    // --- what the GUI and the log show ----------------------------------------------------------------
    std::vector<std::string> groupIds() const; // sorted
    std::optional<WireGroupInfo> group(const std::string &groupId) const;
    std::vector<WireGroupInfo> groups() const; // sorted by id
    std::vector<WireCommittedOffset>
    committedOffsets(const std::string &groupId) const; // by topic, partition
    std::optional<std::int64_t> committedOffset(const std::string &groupId, const std::string &topic,
                                                std::int32_t partition) const;

private:
    struct PendingReply
    {
        std::int16_t version = 0;
        Reply reply;
    };
    struct Member
    {
        std::string id;
        std::optional<std::string> instanceId;
        std::string clientId;
        std::string clientHost;
        std::int32_t sessionTimeoutMs = 0;
        std::int32_t rebalanceTimeoutMs = 0;
        std::string protocolType;
        std::vector<JoinGroupRequestProtocol> protocols;
        std::vector<std::uint8_t> assignment;
        std::optional<PendingReply> join; // awaiting the end of the join phase
        std::optional<PendingReply> sync; // awaiting the leader's assignment
        std::int64_t lastHeartbeatMs = 0;
        // Joined during the current rebalance: may be dropped after newMemberJoinTimeoutMs.
        bool isNew = false;
    };
    struct Committed
    {
        std::int64_t offset = -1;
        std::int32_t leaderEpoch = -1;
        std::string metadata;
        std::int64_t timestampMs = 0;
    };
    struct Group
    {
        std::string id;
        WireGroupState state = WireGroupState::Empty;
        std::int32_t generation = 0;
        std::string protocolType;
        std::optional<std::string> protocolName;
        std::string leaderId;
        std::vector<Member> members;                 // join order
        std::map<std::string, std::int64_t> pending; // MEMBER_ID_REQUIRED ids -> expiry
        std::optional<std::int64_t> joinDeadlineMs;  // end of the join phase (PreparingRebalance)
        bool initialJoin = false;                    // that deadline is group.initial.rebalance.delay.ms
        std::int64_t initialDelayMs = 0;
        std::int64_t initialRemainingMs = 0;
        bool newMemberAdded = false;
        std::optional<std::int64_t> syncDeadlineMs; // members must SyncGroup within the rebalance timeout
        std::vector<std::string> pendingSync;
        std::map<std::pair<std::string, std::int32_t>, Committed> offsets;
    };
    enum class DueKind { MemberExpiry, PendingExpiry, SyncExpiry, JoinDeadline };
    struct Due
    {
        std::int64_t atMs = 0;
        DueKind kind = DueKind::JoinDeadline;
        std::string groupId;
        std::string memberId;
    };

    // Typed handlers (bytes already decoded).
    void joinGroup(std::int16_t version, std::span<const std::uint8_t> body, const std::string &clientId,
                   const std::string &clientHost, Reply reply);
    void syncGroup(std::int16_t version, std::span<const std::uint8_t> body, Reply reply);
    void heartbeat(std::int16_t version, std::span<const std::uint8_t> body, Reply reply);
    void leaveGroup(std::int16_t version, std::span<const std::uint8_t> body, Reply reply);
    void offsetCommit(std::int16_t version, std::span<const std::uint8_t> body, Reply reply);
    void offsetFetch(std::int16_t version, std::span<const std::uint8_t> body, Reply reply);
    void describeGroups(std::int16_t version, std::span<const std::uint8_t> body, Reply reply);
    void listGroups(std::int16_t version, std::span<const std::uint8_t> body, Reply reply);

    // Join phase.
    void newMemberJoin(Group &g, const JoinGroupRequest &req, std::int16_t version,
                       std::int32_t rebalanceTimeoutMs, const std::string &clientId,
                       const std::string &clientHost, Reply reply);
    void currentMemberJoin(Group &g, const JoinGroupRequest &req, std::int16_t version,
                           std::int32_t rebalanceTimeoutMs, const std::string &clientId,
                           const std::string &clientHost, Reply reply);
    void replaceStaticMember(Group &g, Member &old, const std::string &memberId, const JoinGroupRequest &req,
                             std::int16_t version, std::int32_t rebalanceTimeoutMs,
                             const std::string &clientId, const std::string &clientHost, Reply reply);
    void addMemberAndRebalance(Group &g, std::string memberId, const JoinGroupRequest &req,
                               std::int16_t version, std::int32_t rebalanceTimeoutMs,
                               const std::string &clientId, const std::string &clientHost, Reply reply);
    void updateMemberAndRebalance(Group &g, Member &m, const JoinGroupRequest &req, std::int16_t version,
                                  std::int32_t rebalanceTimeoutMs, Reply reply, const std::string &reason);
    void maybePrepareRebalance(Group &g, const std::string &reason);
    void prepareRebalance(Group &g, const std::string &reason);
    void maybeCompleteJoin(Group &g);
    void completeJoin(Group &g);
    void onJoinDeadline(Group &g);
    void onSyncDeadline(Group &g);
    void removeMemberAndUpdateGroup(Group &g, const std::string &memberId, ErrorCode pendingReplyError,
                                    const std::string &reason);
    void eraseMember(Group &g, const std::string &memberId);
    void removePendingMember(Group &g, const std::string &memberId);
    void sendJoinResponse(const Group &g, Member &m);
    void replyJoinError(const PendingReply &to, ErrorCode error, const std::string &memberId);
    void replySyncError(const PendingReply &to, ErrorCode error);
    ErrorCode validateMember(const Group &g, const std::string &memberId,
                             const std::optional<std::string> &instanceId) const;

    static bool supportsProtocols(const Group &g, const std::string &protocolType,
                                  const std::vector<JoinGroupRequestProtocol> &protocols);
    static bool sameProtocols(const Member &m, const std::vector<JoinGroupRequestProtocol> &protocols);
    static std::string selectProtocol(const Group &g);
    static std::int32_t rebalanceTimeoutMs(const Group &g);
    static Member *findMember(Group &g, const std::string &memberId);
    static const Member *findMember(const Group &g, const std::string &memberId);
    static const std::vector<std::uint8_t> *metadataFor(const Member &m, const std::string &protocol);

    Group *findGroup(const std::string &groupId);
    const Group *findGroup(const std::string &groupId) const;
    void maybeForgetGroup(const std::string &groupId);
    std::string newMemberId(const std::string &prefix);
    std::optional<std::int64_t> memberDeadline(const Member &m) const;
    std::optional<Due> earliestDue() const;
    void processDue(std::int64_t nowMs);

    void emit(WireGroupEvent::Kind kind, const Group &g, const std::string &memberId,
              const std::string &clientId, std::string text);
    void send(const Reply &reply, std::vector<std::uint8_t> body);
    void flush();
    WireGroupInfo info(const Group &g) const;

    const Clock &m_clock;
    WireGroupConfig m_config;
    std::map<std::string, Group> m_groups;
    std::uint64_t m_memberCounter = 0;
    std::int64_t m_nowMs = 0; // the time of the request or deadline being handled
    std::function<void(const WireGroupEvent &)> m_listener;
    std::function<ErrorCode(const std::string &, std::int32_t)> m_commitValidator;
    // Replies and events are queued while the state changes and delivered once it is consistent, so
    // a callback may call handle() again or query the coordinator.
    std::vector<std::pair<Reply, std::vector<std::uint8_t>>> m_outbox;
    std::vector<WireGroupEvent> m_events;
    bool m_flushing = false;
};

} // namespace postoffice::broker
