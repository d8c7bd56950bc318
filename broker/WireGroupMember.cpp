#include "WireGroupMember.h"

namespace postoffice::broker {

const std::vector<std::uint8_t> *WireGroupMember::metadataFor(const std::string &protocol) const
{
    for (const JoinGroupRequestProtocol &p : protocols)
        if (p.name == protocol)
            return &p.metadata;
    return nullptr;
}

std::optional<std::int64_t> WireGroupMember::deadlineMs(const WireGroupConfig &config) const
{
    if (isNew)
        return lastHeartbeatMs + config.newMemberJoinTimeoutMs;
    // A member waiting for the join phase or the leader's assignment is alive by definition.
    if (join || sync)
        return std::nullopt;
    return lastHeartbeatMs + sessionTimeoutMs;
}

WireGroupMemberInfo WireGroupMember::info(const std::string &groupProtocolType,
                                          const std::optional<std::string> &protocolName,
                                          const std::string &leaderId) const
{
    WireGroupMemberInfo out;
    out.memberId = id;
    out.groupInstanceId = instanceId;
    out.clientId = clientId;
    out.clientHost = clientHost;
    out.sessionTimeoutMs = sessionTimeoutMs;
    out.rebalanceTimeoutMs = rebalanceTimeoutMs;
    out.leader = id == leaderId;
    // Only the "consumer" protocol's payloads have a format the coordinator can read; a Connect
    // worker's or a custom client's are opaque, as they are to Kafka.
    if (groupProtocolType != "consumer")
        return out;
    const std::vector<std::uint8_t> *meta = protocolName ? metadataFor(*protocolName) : nullptr;
    if (!meta && !protocols.empty())
        meta = &protocols.front().metadata;
    WireGroupSubscription subscription;
    if (meta && WireGroupConsumerProtocol::decodeSubscription(*meta, subscription))
        out.subscribedTopics = std::move(subscription.topics);
    WireGroupAssignment decoded;
    if (!assignment.empty() && WireGroupConsumerProtocol::decodeAssignment(assignment, decoded))
        out.assignedPartitions = std::move(decoded.assignedPartitions);
    return out;
}

} // namespace postoffice::broker
