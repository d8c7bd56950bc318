#pragma once

#include <cstdint>

namespace postoffice::broker {

// Broker-level settings shared by every broker of the simulated cluster.
struct ClusterConfig
{
    // How long one follower fetch takes (request + response): a follower sees the leader's records
    // this long after they were appended. Not a Kafka setting; per broker via
    // Cluster::setReplicaFetchDelayMs to model a slow broker.
    std::int64_t replicaFetchDelayMs = 5;
    // replica.lag.time.max.ms: a follower that has not caught up with the leader's log end for this
    // long leaves the ISR.
    std::int64_t replicaLagTimeMaxMs = 30000;
    // log.retention.check.interval.ms: how often retention and compaction run.
    std::int64_t logRetentionCheckIntervalMs = 300000;
    // log.cleaner.enable: compaction runs only when true.
    bool logCleanerEnable = true;
};

} // namespace postoffice::broker
