#include "ReplicaAssignment.h"

namespace postoffice::broker {

std::vector<std::vector<std::int32_t>> ReplicaAssignment::assignTopic(std::int32_t partitions,
                                                                      std::int32_t replicationFactor)
{
    const std::int32_t startIndex = m_topicOrdinal % m_brokers;
    std::int32_t shift = m_topicOrdinal % m_brokers;
    ++m_topicOrdinal;
    std::vector<std::vector<std::int32_t>> assignment;
    assignment.reserve(std::size_t(partitions));
    for (std::int32_t p = 0; p < partitions; ++p) {
        // Followers move one step further apart after every full round of leaders.
        if (p > 0 && p % m_brokers == 0)
            ++shift;
        const std::int32_t first = (p + startIndex) % m_brokers;
        std::vector<std::int32_t> replicas{first};
        for (std::int32_t j = 0; j < replicationFactor - 1; ++j) {
            const std::int32_t step = 1 + (shift + j) % (m_brokers - 1);
            replicas.push_back((first + step) % m_brokers);
        }
        assignment.push_back(std::move(replicas));
    }
    return assignment;
}

} // namespace postoffice::broker
