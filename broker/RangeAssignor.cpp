#include "RangeAssignor.h"

namespace postoffice::broker {

GroupAssignment RangeAssignor::assign(const PartitionCounts &partitionsPerTopic,
                                      const GroupSubscriptions &subscriptions) const
{
    GroupAssignment assignment = emptyAssignment(subscriptions);
    for (const auto &[topic, partitionCount] : partitionsPerTopic) {
        std::vector<const std::string *> members;
        for (const auto &[memberId, subscription] : subscriptions) {
            if (subscribes(subscription, topic))
                members.push_back(&memberId);
        }
        if (members.empty())
            continue;
        const auto memberCount = static_cast<std::int32_t>(members.size());
        const std::int32_t perMember = partitionCount / memberCount;
        const std::int32_t withExtra = partitionCount % memberCount;
        for (std::int32_t i = 0; i < memberCount; ++i) {
            const std::int32_t start = perMember * i + std::min(i, withExtra);
            const std::int32_t length = perMember + (i < withExtra ? 1 : 0);
            auto &owned = assignment[*members[static_cast<std::size_t>(i)]];
            for (std::int32_t p = start; p < start + length; ++p)
                owned.push_back({topic, p});
        }
    }
    return assignment;
}

} // namespace postoffice::broker
