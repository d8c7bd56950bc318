#include "Assignor.h"

#include "RangeAssignor.h"
#include "RoundRobinAssignor.h"
#include "StickyAssignor.h"

#include <algorithm>

namespace postoffice::broker {

std::unique_ptr<Assignor> Assignor::create(std::string_view name)
{
    if (name == "range")
        return std::make_unique<RangeAssignor>();
    if (name == "roundrobin")
        return std::make_unique<RoundRobinAssignor>();
    if (name == "sticky")
        return std::make_unique<StickyAssignor>();
    if (name == "cooperative-sticky")
        return std::make_unique<StickyAssignor>(true);
    return nullptr;
}

std::vector<std::string> Assignor::names()
{
    return {"range", "roundrobin", "sticky", "cooperative-sticky"};
}

GroupAssignment Assignor::emptyAssignment(const GroupSubscriptions &subscriptions)
{
    GroupAssignment assignment;
    for (const auto &[memberId, subscription] : subscriptions)
        assignment[memberId];
    return assignment;
}

bool Assignor::subscribes(const MemberSubscription &subscription, std::string_view topic)
{
    return std::find(subscription.topics.begin(), subscription.topics.end(), topic) !=
           subscription.topics.end();
}

} // namespace postoffice::broker
