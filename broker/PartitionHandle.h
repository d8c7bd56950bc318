#pragma once

#include <cstdint>

namespace postoffice::broker {

// A topic-partition resolved once by Cluster::partitionHandle, so that a caller addressing the same
// partitions millions of times (the simulator) does not hash the topic name on every call. Valid
// for the life of the cluster (topics are never deleted).
struct PartitionHandle
{
    static constexpr std::uint32_t kInvalid = 0xffffffffu;
    std::uint32_t index = kInvalid; // position in the cluster's flat partition list

    bool valid() const { return index != kInvalid; }
};

} // namespace postoffice::broker
