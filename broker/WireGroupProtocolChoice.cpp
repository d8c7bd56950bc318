#include "WireGroupProtocolChoice.h"

#include <algorithm>
#include <map>

namespace postoffice::broker {

bool WireGroupProtocolChoice::everyMemberOffers(const std::vector<WireGroupMember> &members,
                                                const std::string &protocol)
{
    return std::all_of(members.begin(), members.end(),
                       [&](const WireGroupMember &m) { return m.metadataFor(protocol) != nullptr; });
}

bool WireGroupProtocolChoice::acceptsNewcomer(const std::vector<WireGroupMember> &members,
                                              const std::vector<JoinGroupRequestProtocol> &protocols)
{
    return std::any_of(protocols.begin(), protocols.end(),
                       [&](const JoinGroupRequestProtocol &p) { return everyMemberOffers(members, p.name); });
}

std::string WireGroupProtocolChoice::select(const std::vector<WireGroupMember> &members,
                                            const WireGroupMember &leader)
{
    // Kafka's choice: among the protocols every member supports, each member votes for the first one
    // in its own preference order; the most votes win. Kafka breaks ties by hash order; here the
    // leader's preference order decides, so that the same joins always give the same protocol.
    std::vector<std::string> candidates;
    for (const JoinGroupRequestProtocol &p : leader.protocols)
        if (everyMemberOffers(members, p.name) &&
            std::find(candidates.begin(), candidates.end(), p.name) == candidates.end())
            candidates.push_back(p.name);
    if (candidates.empty())
        return leader.protocols.empty() ? std::string() : leader.protocols.front().name;
    std::map<std::string, int> votes;
    for (const WireGroupMember &m : members)
        for (const JoinGroupRequestProtocol &p : m.protocols)
            if (std::find(candidates.begin(), candidates.end(), p.name) != candidates.end()) {
                ++votes[p.name];
                break;
            }
    std::string best = candidates.front();
    for (const std::string &c : candidates)
        if (votes[c] > votes[best])
            best = c;
    return best;
}

} // namespace postoffice::broker
