#pragma once

#include "Assignor.h"

#include <cstdint>
#include <vector>

namespace postoffice::broker {

// Kafka's ConsumerRebalanceListener, seen from the member: the coordinator calls it synchronously.
// A listener may commit offsets from these callbacks (that is what they are for) but must not join,
// leave or otherwise change group membership from inside them.
class GroupMemberListener
{
public:
    virtual ~GroupMemberListener() = default;
    // Partitions taken away: all of them at the start of an eager rebalance, only those moving to another
    // member in a cooperative one. Called while the old generation is still current, so offsets committed
    // here are accepted.
    virtual void onPartitionsRevoked(const std::vector<TopicPartition> &partitions,
                                     std::int32_t generation) = 0;
    // A rebalance round completed: partitions is the member's whole assignment in generation (possibly
    // empty: idle, or waiting for a cooperative hand-over).
    virtual void onPartitionsAssigned(const std::vector<TopicPartition> &partitions,
                                      std::int32_t generation) = 0;
};

} // namespace postoffice::broker
