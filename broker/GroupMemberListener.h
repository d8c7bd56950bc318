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
    // The eager protocol takes every partition away at the start of a rebalance. Called while the old
    // generation is still current, so offsets committed here are accepted.
    virtual void onPartitionsRevoked(const std::vector<TopicPartition> &partitions,
                                     std::int32_t generation) = 0;
    // The rebalance completed: this member owns partitions in generation (possibly none: idle).
    virtual void onPartitionsAssigned(const std::vector<TopicPartition> &partitions,
                                      std::int32_t generation) = 0;
};

} // namespace postoffice::broker
