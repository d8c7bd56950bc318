#pragma once

#include "JoinGroupMessages.h"
#include "WireGroupMember.h"

#include <string>
#include <vector>

namespace postoffice::broker {

// Which assignment protocol (assignor: "range", "cooperative-sticky", ...) a group runs, as Kafka's
// GroupMetadata decides it: a newcomer must offer at least one protocol every member offers
// (INCONSISTENT_GROUP_PROTOCOL otherwise), and when a generation forms the members vote for one.
// Stateless: the members' own offers are the whole input.
class WireGroupProtocolChoice
{
public:
    static bool everyMemberOffers(const std::vector<WireGroupMember> &members, const std::string &protocol);
    // Whether a newcomer offering `protocols` shares one with every current member.
    static bool acceptsNewcomer(const std::vector<WireGroupMember> &members,
                                const std::vector<JoinGroupRequestProtocol> &protocols);
    // The protocol of a new generation (members not empty; `leader` is one of them).
    static std::string select(const std::vector<WireGroupMember> &members, const WireGroupMember &leader);
};

} // namespace postoffice::broker
