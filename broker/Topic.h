#pragma once

#include "PartitionState.h"
#include "TopicConfig.h"

#include <memory>
#include <string>
#include <vector>

namespace postoffice::broker {

// A topic: its name, config and partitions. Internal to the Cluster.
class Topic
{
public:
    Topic(std::string topicName, const TopicConfig &topicConfig)
        : name(std::move(topicName)), config(topicConfig)
    {}

    std::string name;
    TopicConfig config;
    std::vector<std::unique_ptr<PartitionState>> partitions;
};

} // namespace postoffice::broker
