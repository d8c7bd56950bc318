#pragma once

#include "Assignor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace postoffice::broker {

class GroupMemberListener;

// One member of a consumer group as the coordinator tracks it.
struct GroupMember
{
    std::string memberId;
    std::string clientId;
    std::vector<std::string> topics;        // subscription
    std::vector<TopicPartition> assignment; // empty while a rebalance is in progress, or when idle
    std::vector<TopicPartition> lastOwned;  // what it owned before the current rebalance (sticky input)
    std::int32_t assignedGeneration = -1;   // generation of lastOwned / assignment
    std::int64_t joinedMs = 0;
    std::int64_t lastHeartbeatMs = 0;
    GroupMemberListener *listener = nullptr;
};

} // namespace postoffice::broker
