#include "WireGroupAdminHandler.h"

#include "DescribeGroupsMessages.h"
#include "ListGroupsMessages.h"

namespace postoffice::broker {

namespace {

// Kafka's answer to IncludeAuthorizedOperations without an authorizer: every operation a group
// supports (AclOperation READ=3, DELETE=6, DESCRIBE=8, as bits).
constexpr std::int32_t kGroupAuthorizedOperations = (1 << 3) | (1 << 6) | (1 << 8);

DescribedGroup describe(const WireGroup &g)
{
    DescribedGroup d;
    d.groupId = g.id();
    d.groupState = wireGroupStateName(g.state());
    d.protocolType = g.protocolType();
    // Kafka shows the chosen protocol and the members' metadata and assignments only while Stable:
    // in a rebalance they are about to change.
    const bool stable = g.state() == WireGroupState::Stable;
    if (stable)
        d.protocolData = g.protocolName().value_or(std::string());
    for (const WireGroupMember &m : g.members()) {
        DescribedGroupMember dm;
        dm.memberId = m.id;
        dm.groupInstanceId = m.instanceId;
        dm.clientId = m.clientId;
        dm.clientHost = m.clientHost;
        if (stable) {
            if (const auto *meta = m.metadataFor(d.protocolData))
                dm.memberMetadata = *meta;
            dm.memberAssignment = m.assignment;
        }
        d.members.push_back(std::move(dm));
    }
    return d;
}

} // namespace

WireGroupAdminHandler::WireGroupAdminHandler(WireGroupContext &context, const WireGroupMap &groups)
    : m_context(context), m_groups(groups)
{}

void WireGroupAdminHandler::describeGroups(std::int16_t version, std::span<const std::uint8_t> body,
                                           WireGroupReply reply)
{
    WireReader in(body);
    DescribeGroupsRequest req;
    DescribeGroupsResponse r;
    if (!decodeDescribeGroupsRequest(in, version, req))
        return m_context.send(reply, version, r, encodeDescribeGroupsResponse);
    for (const std::string &id : req.groups) {
        DescribedGroup d;
        if (const WireGroup *g = findWireGroup(m_groups, id)) {
            d = describe(*g);
        } else {
            // Kafka describes a group it does not know as Dead, without an error.
            d.groupId = id;
            d.groupState = wireGroupStateName(WireGroupState::Dead);
        }
        if (req.includeAuthorizedOperations)
            d.authorizedOperations = kGroupAuthorizedOperations;
        r.groups.push_back(std::move(d));
    }
    m_context.send(reply, version, r, encodeDescribeGroupsResponse);
}

void WireGroupAdminHandler::listGroups(std::int16_t version, std::span<const std::uint8_t> body,
                                       WireGroupReply reply)
{
    WireReader in(body);
    ListGroupsRequest req;
    ListGroupsResponse r;
    if (!decodeListGroupsRequest(in, version, req)) {
        r.errorCode = ErrorCode::InvalidRequest;
        return m_context.send(reply, version, r, encodeListGroupsResponse);
    }
    for (const auto &[id, g] : m_groups)
        if (g.state() != WireGroupState::Dead)
            r.groups.push_back({id, g.protocolType()});
    m_context.send(reply, version, r, encodeListGroupsResponse);
}

} // namespace postoffice::broker
