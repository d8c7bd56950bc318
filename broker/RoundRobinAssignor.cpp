#include "RoundRobinAssignor.h"

namespace postoffice::broker {

GroupAssignment RoundRobinAssignor::assign(const PartitionCounts &partitionsPerTopic,
                                           const GroupSubscriptions &subscriptions) const
{
    GroupAssignment assignment = emptyAssignment(subscriptions);
    if (subscriptions.empty())
        return assignment;
    // Java keeps one circular iterator over the sorted members for the whole deal, so the next partition
    // starts looking right after the member that took the previous one.
    auto next = subscriptions.begin();
    for (const auto &[topic, partitionCount] : partitionsPerTopic) {
        bool anySubscriber = false;
        for (const auto &[memberId, subscription] : subscriptions)
            anySubscriber = anySubscriber || subscribes(subscription, topic);
        if (!anySubscriber)
            continue;
        for (std::int32_t p = 0; p < partitionCount; ++p) {
            while (!subscribes(next->second, topic)) {
                if (++next == subscriptions.end())
                    next = subscriptions.begin();
            }
            assignment[next->first].push_back({topic, p});
            if (++next == subscriptions.end())
                next = subscriptions.begin();
        }
    }
    return assignment;
}

} // namespace postoffice::broker
