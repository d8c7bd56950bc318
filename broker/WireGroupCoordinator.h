#pragma once

#include "Clock.h"
#include "ErrorCode.h"
#include "TimeDriven.h"
#include "WireGroup.h"
#include "WireGroupAdminHandler.h"
#include "WireGroupContext.h"
#include "WireGroupJoinHandler.h"
#include "WireGroupMemberHandler.h"
#include "WireGroupOffsets.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace postoffice::broker {

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
//
// The coordinator only routes each request to the handler of its API family and owns the groups and
// their shared context: WireGroupJoinHandler (JoinGroup), WireGroupMemberHandler (SyncGroup,
// Heartbeat, LeaveGroup), WireGroupOffsets (OffsetCommit, OffsetFetch and the offsets themselves),
// WireGroupAdminHandler (DescribeGroups, ListGroups); each group's state machine is a WireGroup.
class WireGroupCoordinator : public TimeDriven
{
public:
    explicit WireGroupCoordinator(const Clock &clock, WireGroupConfig config = {});
    ~WireGroupCoordinator() override;
    WireGroupCoordinator(const WireGroupCoordinator &) = delete;
    WireGroupCoordinator &operator=(const WireGroupCoordinator &) = delete;

    using Reply = WireGroupReply;
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

    const WireGroupConfig &config() const { return m_context.config(); }

    // --- what the GUI and the log show ----------------------------------------------------------------
    std::vector<std::string> groupIds() const; // sorted
    std::optional<WireGroupInfo> group(const std::string &groupId) const;
    std::vector<WireGroupInfo> groups() const; // sorted by id
    std::vector<WireCommittedOffset>
    committedOffsets(const std::string &groupId) const; // by topic, partition
    std::optional<std::int64_t> committedOffset(const std::string &groupId, const std::string &topic,
                                                std::int32_t partition) const;

private:
    // Timers that fell due act in time order, each at its own time (one may change the others).
    void processDue(std::int64_t nowMs);
    // Drops the groups that never formed (a failed first join, or a member id handed out and never
    // used) and hold no offsets, as Kafka's cleanup would.
    void forgetUnformedGroups();

    const Clock &m_clock;
    WireGroupContext m_context;
    WireGroupMap m_groups;
    WireGroupJoinHandler m_joins;
    WireGroupMemberHandler m_members;
    WireGroupOffsets m_offsets;
    WireGroupAdminHandler m_admin;
};

} // namespace postoffice::broker
