#pragma once

#include "Assignor.h"

namespace postoffice::broker {

// Kafka's RoundRobinAssignor: all subscribed partitions, sorted by topic then partition, are dealt one by
// one to the members in member-id order, skipping members not subscribed to the partition's topic.
class RoundRobinAssignor : public Assignor
{
public:
    std::string_view name() const override { return "roundrobin"; }
    GroupAssignment assign(const PartitionCounts &partitionsPerTopic,
                           const GroupSubscriptions &subscriptions) const override;
};

} // namespace postoffice::broker
