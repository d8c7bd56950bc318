#pragma once

#include "Assignor.h"

namespace postoffice::broker {

// Kafka's RangeAssignor: topic by topic, the members subscribed to it (sorted by member id) each get a
// contiguous range of its partitions; the first `partitions % members` members get one extra. With
// several topics the same members get the extras every time, which is why range can be unbalanced.
class RangeAssignor : public Assignor
{
public:
    std::string_view name() const override { return "range"; }
    GroupAssignment assign(const PartitionCounts &partitionsPerTopic,
                           const GroupSubscriptions &subscriptions) const override;
};

} // namespace postoffice::broker
