#pragma once

#include "ErrorCode.h"
#include "JoinGroupMessages.h"
#include "SyncGroupMessages.h"
#include "WireGroupContext.h"
#include "WireGroupJoinPhase.h"
#include "WireGroupMember.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

// Kafka's classic group states, spelled as DescribeGroups reports them.
enum class WireGroupState { Empty, PreparingRebalance, CompletingRebalance, Stable, Dead };
const char *wireGroupStateName(WireGroupState state);

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

// One consumer group's membership as Kafka's classic protocol runs it (Kafka's GroupMetadata and the
// transitions GroupCoordinator makes on it): Empty -> PreparingRebalance (the join phase: members
// (re)join) -> CompletingRebalance (a new generation; the leader computes the assignment) -> Stable
// (everyone has its partitions), and back to PreparingRebalance whenever membership changes. The group
// owns its members, the ids handed out by MEMBER_ID_REQUIRED, and its timers: the join phase's end, the
// deadline for members to fetch their assignment, and each member's session.
//
// The request handlers (WireGroupJoinHandler, WireGroupMemberHandler, WireGroupOffsets) decide what a
// request means for a member; the group makes the resulting transitions, answers the requests that
// waited for them, and reports them as events.
class WireGroup
{
public:
    WireGroup(std::string id, WireGroupContext &context);
    WireGroup(const WireGroup &) = delete;
    WireGroup &operator=(const WireGroup &) = delete;

    const std::string &id() const { return m_id; }
    WireGroupState state() const { return m_state; }
    std::int32_t generation() const { return m_generation; }
    const std::string &protocolType() const { return m_protocolType; }
    const std::optional<std::string> &protocolName() const { return m_protocolName; }
    const std::string &leaderId() const { return m_leaderId; }
    const std::vector<WireGroupMember> &members() const { return m_members; } // join order
    WireGroupMember *findMember(const std::string &memberId);
    const WireGroupMember *findMember(const std::string &memberId) const;
    WireGroupMember *findInstance(const std::string &groupInstanceId);
    // Never formed a generation and nobody is joining: nothing worth keeping but stored offsets.
    bool unformed() const;
    WireGroupInfo info() const;

    // UNKNOWN_MEMBER_ID / FENCED_INSTANCE_ID for a request naming a member that is not (or no longer)
    // this one; None otherwise.
    ErrorCode validateMember(const std::string &memberId, const std::optional<std::string> &instanceId) const;
    // Whether a newcomer offering these protocols can join (INCONSISTENT_GROUP_PROTOCOL otherwise).
    bool supportsProtocols(const std::string &protocolType,
                           const std::vector<JoinGroupRequestProtocol> &protocols) const;

    // Member ids handed out with MEMBER_ID_REQUIRED (KIP-394), kept until `expiryMs` for the rejoin.
    void addPendingMember(const std::string &memberId, std::int64_t expiryMs);
    bool isPendingMember(const std::string &memberId) const;
    // The handed-out id came back with its JoinGroup: true (and forgotten) when it was pending.
    bool takePendingMember(const std::string &memberId);
    // Forgets a handed-out id; the join phase may then be complete.
    void removePendingMember(const std::string &memberId);

    // A new member enters (its JoinGroup waiting in member.join) and the group rebalances.
    void addMember(WireGroupMember member);
    // A restarted static member takes `member`'s place under a new id (leadership and a pending
    // assignment fetch move with it).
    void renameMember(WireGroupMember &member, const std::string &newId);
    // The member is out (left, expired): its waiting requests get `pendingReplyError`, and the
    // others rebalance.
    void removeMember(const std::string &memberId, ErrorCode pendingReplyError, const std::string &reason);

    // Starts a rebalance unless one is already gathering members.
    void maybePrepareRebalance(const std::string &reason);
    // Ends the join phase if every member (and every handed-out id) is back.
    void maybeCompleteJoin();
    // Answers the member's waiting JoinGroup with the current generation (the leader also gets every
    // member's metadata).
    void sendJoinResponse(WireGroupMember &member);
    // The member fetched its assignment (SyncGroup).
    void memberSynced(const std::string &memberId);
    // The leader's SyncGroup: the assignment goes to every waiting member and the group is Stable.
    void handOutAssignment(const std::vector<SyncGroupRequestAssignment> &assignments);

    void report(WireGroupEvent::Kind kind, const std::string &memberId, const std::string &clientId,
                std::string text);

    // The group's timers, earliest first when several fall at once.
    enum class DueKind { MemberExpiry, PendingExpiry, SyncExpiry, JoinDeadline };
    struct Due
    {
        std::int64_t atMs = 0;
        DueKind kind = DueKind::JoinDeadline;
        std::string memberId;
    };
    std::optional<Due> nextDue() const;
    void onDue(const Due &due);

private:
    void prepareRebalance(const std::string &reason);
    void completeJoin();
    void onSyncDeadline();
    void eraseMember(const std::string &memberId);
    std::int32_t rebalanceTimeoutMs() const;

    WireGroupContext &m_context;
    std::string m_id;
    WireGroupState m_state = WireGroupState::Empty;
    std::int32_t m_generation = 0;
    std::string m_protocolType;
    std::optional<std::string> m_protocolName;
    std::string m_leaderId;
    std::vector<WireGroupMember> m_members;
    std::map<std::string, std::int64_t> m_pending; // MEMBER_ID_REQUIRED ids -> expiry
    WireGroupJoinPhase m_joinPhase;
    // Members must fetch their assignment (SyncGroup) within the rebalance timeout.
    std::optional<std::int64_t> m_syncDeadlineMs;
    std::vector<std::string> m_pendingSync;
};

using WireGroupMap = std::map<std::string, WireGroup>;
// The group with that id, or null.
template<typename Map> auto *findWireGroup(Map &groups, const std::string &groupId)
{
    const auto it = groups.find(groupId);
    return it == groups.end() ? nullptr : &it->second;
}

} // namespace postoffice::broker
