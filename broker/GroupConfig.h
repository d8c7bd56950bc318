#pragma once

#include "ConsumerConfig.h"

#include <cstdint>
#include <string>

namespace postoffice::broker {

// Settings of one consumer group on the coordinator side.
struct GroupConfig
{
    // partition.assignment.strategy: "range" (Kafka's first default), "roundrobin", "sticky" (all eager) or
    // "cooperative-sticky" (incremental: members keep consuming during rebalances).
    std::string assignor = "range";
    // session.timeout.ms: a member that has not heartbeated (polled) for this long is declared dead and
    // its partitions are reassigned. Kafka 3.x default.
    std::int64_t sessionTimeoutMs = 45000;
    // How long a rebalance round takes. An eager round stops the whole group: every member gives up its
    // partitions, then the join and sync round trips complete. Kafka has no single setting for this (it
    // depends on how fast members rejoin, bounded by max.poll.interval.ms); 3000 ms matches
    // group.initial.rebalance.delay.ms. 0 completes a rebalance within the call that triggered it.
    std::int64_t rebalanceDelayMs = 3000;
    // Where the group's consumers start without a committed offset; lag is reported against that
    // position (auto.offset.reset is a consumer setting in Kafka, the group just needs to know it).
    OffsetReset autoOffsetReset = OffsetReset::Latest;
};

} // namespace postoffice::broker
