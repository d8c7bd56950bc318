#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace postoffice::broker {

// A partition of a topic as the assignors and the group coordinator name it. Ordered by topic, then
// partition, which is the order Kafka's assignors sort partitions in.
struct TopicPartition
{
    std::string topic;
    std::int32_t partition = 0;

    auto operator<=>(const TopicPartition &) const = default;
    bool operator==(const TopicPartition &) const = default;
};

// What one member tells the assignor: the topics it subscribes to and, for the sticky assignor, what it
// owned in the previous generation (Kafka sends this as subscription user data).
struct MemberSubscription
{
    std::vector<std::string> topics;
    std::vector<TopicPartition> ownedPartitions;
    std::int32_t generation = -1;
};

// member id -> partitions, with an entry for every member (idle members map to an empty list).
using GroupAssignment = std::map<std::string, std::vector<TopicPartition>>;
// topic -> number of partitions; topics missing here do not exist and are not assigned.
using PartitionCounts = std::map<std::string, std::int32_t>;
// member id -> subscription; std::map so every assignor sees members sorted by member id.
using GroupSubscriptions = std::map<std::string, MemberSubscription>;

// The partition assignment strategy of a consumer group (`partition.assignment.strategy`). Each
// implementation reproduces the result of the Kafka Java assignor of the same name for the same input, so
// that what a learner sees here is what a real cluster would do.
class Assignor
{
public:
    virtual ~Assignor() = default;

    // Kafka's protocol name: "range", "roundrobin", "sticky" or "cooperative-sticky".
    virtual std::string_view name() const = 0;
    // Whether the group rebalances incrementally (members keep what does not move) instead of eagerly.
    virtual bool cooperative() const { return false; }
    virtual GroupAssignment assign(const PartitionCounts &partitionsPerTopic,
                                   const GroupSubscriptions &subscriptions) const = 0;

    // nullptr for a name that is not one of the above.
    static std::unique_ptr<Assignor> create(std::string_view name);
    static std::vector<std::string> names();

protected:
    // Kafka's AbstractPartitionAssignor: an empty list for every member, partitions counted only for
    // topics that someone subscribes to and that exist.
    static GroupAssignment emptyAssignment(const GroupSubscriptions &subscriptions);
    static bool subscribes(const MemberSubscription &subscription, std::string_view topic);
};

} // namespace postoffice::broker
