#pragma once

#include "JoinGroupMessages.h"
#include "WireGroup.h"
#include "WireGroupContext.h"

#include <cstdint>
#include <span>
#include <string>

namespace postoffice::broker {

// JoinGroup (api key 11) as Kafka's GroupCoordinator.handleJoinGroup answers it: checks the request,
// creates the group on its first member, and tells new members from returning ones. A new dynamic
// member (v4+) is first given an id with MEMBER_ID_REQUIRED (KIP-394); a new static member
// (group.instance.id, v5) joins at once, or takes the place of the instance it restarts; a returning
// member rejoins the rebalance, or gets its current generation again when nothing changed. The
// answer waits in the member until the group's join phase ends (WireGroup).
class WireGroupJoinHandler
{
public:
    WireGroupJoinHandler(WireGroupContext &context, WireGroupMap &groups);

    void handle(std::int16_t version, std::span<const std::uint8_t> body, const std::string &clientId,
                const std::string &clientHost, WireGroupReply reply);

private:
    // One decoded JoinGroup and who sent it.
    struct Join
    {
        const JoinGroupRequest &request;
        std::int32_t rebalanceTimeoutMs; // the session timeout for v0, which has none
        const std::string &clientId;
        const std::string &clientHost;
    };

    void newMemberJoin(WireGroup &group, const Join &join, WireGroupPendingReply to);
    void currentMemberJoin(WireGroup &group, const Join &join, WireGroupPendingReply to);
    void replaceStaticMember(WireGroup &group, WireGroupMember &old, const std::string &memberId,
                             const Join &join, WireGroupPendingReply to);
    void addMember(WireGroup &group, const std::string &memberId, const Join &join, WireGroupPendingReply to);
    void updateMember(WireGroup &group, WireGroupMember &member, const Join &join, WireGroupPendingReply to,
                      const std::string &reason);

    WireGroupContext &m_context;
    WireGroupMap &m_groups;
};

} // namespace postoffice::broker
