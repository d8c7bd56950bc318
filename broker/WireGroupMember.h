#pragma once

#include "JoinGroupMessages.h"
#include "WireGroupConsumerProtocol.h"
#include "WireGroupContext.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

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

// One member of a group as the coordinator knows it (Kafka's MemberMetadata): who it is, the
// protocols it offered in its last JoinGroup, the assignment the leader gave it, and the requests of
// its that wait for the group. A plain record: the group (WireGroup) decides how it changes.
struct WireGroupMember
{
    std::string id;
    std::optional<std::string> instanceId; // group.instance.id (static membership)
    std::string clientId;
    std::string clientHost;
    std::int32_t sessionTimeoutMs = 0;
    std::int32_t rebalanceTimeoutMs = 0;
    std::string protocolType;
    std::vector<JoinGroupRequestProtocol> protocols;
    std::vector<std::uint8_t> assignment;
    std::optional<WireGroupPendingReply> join; // awaiting the end of the join phase
    std::optional<WireGroupPendingReply> sync; // awaiting the leader's assignment
    std::int64_t lastHeartbeatMs = 0;
    // Joined during the current rebalance: may be dropped after newMemberJoinTimeoutMs.
    bool isNew = false;

    // The member's metadata for `protocol`, or null when it did not offer that protocol.
    const std::vector<std::uint8_t> *metadataFor(const std::string &protocol) const;
    // When the member is out unless it is heard from again; nullopt while it cannot be late.
    std::optional<std::int64_t> deadlineMs(const WireGroupConfig &config) const;
    // The member as the GUI shows it, in a group of `protocolType` that chose `protocolName`.
    WireGroupMemberInfo info(const std::string &protocolType, const std::optional<std::string> &protocolName,
                             const std::string &leaderId) const;
};

} // namespace postoffice::broker
