#pragma once

#include "WireGroup.h"
#include "WireGroupContext.h"

#include <cstdint>
#include <span>

namespace postoffice::broker {

// The requests that look at groups without being a member: DescribeGroups (api key 15: state,
// protocol and members, as `kafka-consumer-groups --describe` shows them) and ListGroups (16). They
// change nothing, so the handler only reads the coordinator's groups.
class WireGroupAdminHandler
{
public:
    WireGroupAdminHandler(WireGroupContext &context, const WireGroupMap &groups);

    void describeGroups(std::int16_t version, std::span<const std::uint8_t> body, WireGroupReply reply);
    void listGroups(std::int16_t version, std::span<const std::uint8_t> body, WireGroupReply reply);

private:
    WireGroupContext &m_context;
    const WireGroupMap &m_groups;
};

} // namespace postoffice::broker
