#pragma once

#include "WireGroup.h"
#include "WireGroupContext.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace postoffice::broker {

// The requests a member of a formed group sends between joins, as Kafka's GroupCoordinator answers
// them: SyncGroup (api key 14: fetch the assignment; the leader's brings it), Heartbeat (12: stay
// alive for session.timeout.ms, and learn of a rebalance by REBALANCE_IN_PROGRESS) and LeaveGroup
// (13: leave at once instead of timing out; v3+ several members, also by group.instance.id).
class WireGroupMemberHandler
{
public:
    WireGroupMemberHandler(WireGroupContext &context, WireGroupMap &groups);

    void syncGroup(std::int16_t version, std::span<const std::uint8_t> body, WireGroupReply reply);
    void heartbeat(std::int16_t version, std::span<const std::uint8_t> body, WireGroupReply reply);
    void leaveGroup(std::int16_t version, std::span<const std::uint8_t> body, WireGroupReply reply);

private:
    // The checks SyncGroup and Heartbeat share, in Kafka's order: the member the request names, of
    // the group's current generation. On None, `group` and `member` are set.
    ErrorCode findMemberOf(const std::string &groupId, std::int32_t generationId, const std::string &memberId,
                           const std::optional<std::string> &instanceId, WireGroup *&group,
                           WireGroupMember *&member);

    WireGroupContext &m_context;
    WireGroupMap &m_groups;
};

} // namespace postoffice::broker
