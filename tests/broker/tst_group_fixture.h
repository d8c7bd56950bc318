#pragma once

// Shared set-up of the consumer-group suites: a one-broker cluster on a manual clock with a group
// coordinator attached, and helpers to fill partitions and move virtual time.

#include "Cluster.h"
#include "GroupCoordinator.h"
#include "ManualClock.h"
#include "TopicConfig.h"

#include <string>

namespace postoffice::broker::test {

struct GroupFixture
{
    ManualClock clock;
    Cluster cluster{1, clock};
    GroupCoordinator groups{cluster};

    bool createTopic(const std::string &name, std::int32_t partitions, TopicConfig config = {})
    {
        config.partitions = partitions;
        config.replicationFactor = 1;
        return cluster.createTopic(name, config) == ErrorCode::None;
    }

    // Appends count records with value "<topic>-<partition>-<n>" to one partition (acks=1).
    void produce(const std::string &topic, std::int32_t partition, int count)
    {
        for (int i = 0; i < count; ++i) {
            Record r;
            r.value = topic + "-" + std::to_string(partition) + "-" + std::to_string(i);
            cluster.produce(topic, partition, r, Acks::Leader, [](const ProduceResult &) {});
        }
    }

    // Moves virtual time to nowMs, running everything due on the way (the simulator's loop).
    void runUntil(std::int64_t nowMs)
    {
        while (auto next = cluster.nextDeadlineMs()) {
            if (*next > nowMs)
                break;
            clock.setMs(*next);
            cluster.advance(*next);
        }
        clock.setMs(nowMs);
        cluster.advance(nowMs);
    }
};

} // namespace postoffice::broker::test
