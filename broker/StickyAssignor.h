#pragma once

#include "Assignor.h"

#include <set>

namespace postoffice::broker {

// Kafka's StickyAssignor: a balanced assignment that keeps as many partitions as possible with the member
// that owned them in the previous generation, so a rebalance moves only what it must.
//
// When every member subscribes to the same topics this is Kafka's constrained algorithm step by step
// (owned partitions kept up to the quota, the rest dealt round-robin over the sorted unfilled members),
// including the order in which Java's HashMap visits members, so results match Kafka's exactly. When
// subscriptions differ it keeps every still-valid owned partition, gives each unassigned partition to the
// eligible member with the fewest partitions and then moves partitions from fuller to emptier eligible
// members until no move improves balance: balanced and sticky in Kafka's sense, but not necessarily the
// same partition-for-partition as Kafka's general algorithm.
class StickyAssignor : public Assignor
{
public:
    // cooperative = true is "cooperative-sticky": the same assignment; the group coordinator then runs the
    // incremental cooperative protocol (KIP-429) instead of the eager one.
    explicit StickyAssignor(bool cooperative = false) : m_cooperative(cooperative) {}

    std::string_view name() const override { return m_cooperative ? "cooperative-sticky" : "sticky"; }
    bool cooperative() const override { return m_cooperative; }
    GroupAssignment assign(const PartitionCounts &partitionsPerTopic,
                           const GroupSubscriptions &subscriptions) const override;

    // Member ids in the order a java.util.HashMap<String, ?> holding them iterates (bucket of the
    // spread String.hashCode(), ties in the given order). Kafka's constrained algorithm hands out quota
    // slots in this order, so reproducing it is what makes the results identical.
    static std::vector<std::string> javaHashMapOrder(const std::vector<std::string> &keysInInsertionOrder);

private:
    bool m_cooperative;

    using OwnedPartitions = std::map<std::string, std::vector<TopicPartition>>;

    static bool allSubscriptionsEqual(const GroupSubscriptions &subscriptions);
    static OwnedPartitions validOwnedPartitions(const std::set<std::string> &topics,
                                                const GroupSubscriptions &subscriptions,
                                                std::set<TopicPartition> &claimedTwice);
    static GroupAssignment constrainedAssign(const std::vector<TopicPartition> &allPartitions,
                                             const GroupSubscriptions &subscriptions,
                                             const OwnedPartitions &owned,
                                             const std::set<TopicPartition> &claimedTwice);
    static GroupAssignment generalAssign(const PartitionCounts &partitionsPerTopic,
                                         const std::vector<TopicPartition> &allPartitions,
                                         const GroupSubscriptions &subscriptions,
                                         const OwnedPartitions &owned);
};

} // namespace postoffice::broker
