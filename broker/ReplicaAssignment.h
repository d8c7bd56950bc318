#pragma once

#include <cstdint>
#include <vector>

namespace postoffice::broker {

// Where a new topic's partition replicas go: Kafka's rack-unaware assignment
// (AdminUtils.assignReplicasToBrokersRackUnaware) with the random start index and shift replaced by
// the topic's ordinal, so that placement is reproducible from run to run.
class ReplicaAssignment
{
public:
    explicit ReplicaAssignment(std::int32_t brokerCount) : m_brokers(brokerCount) {}

    // The replicas of each partition of the next topic, preferred leader first. Requires
    // 1 <= replicationFactor <= broker count.
    std::vector<std::vector<std::int32_t>> assignTopic(std::int32_t partitions,
                                                       std::int32_t replicationFactor);

private:
    std::int32_t m_brokers;
    std::int32_t m_topicOrdinal = 0; // topics assigned so far
};

} // namespace postoffice::broker
