#pragma once

// The Kafka server's topic administration: CreateTopics, DeleteTopics, DescribeConfigs, and the
// topic creation Metadata's auto-creation shares (Kafka's auto.create.topics.enable).
//
// Runs on the simulation's thread between two engine steps, like KafkaRequestRouter, which owns it.

#include "ErrorCode.h"
#include "KafkaRequest.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace postoffice::broker {
class Cluster;
} // namespace postoffice::broker

namespace postoffice::app {

class Simulation;

class KafkaTopicAdminHandler
{
public:
    // Told of what a client changed (a topic created), in words for the event log.
    using Announce = std::function<void(const QString &text)>;

    KafkaTopicAdminHandler(Simulation &simulation, int architecture, Announce announce);

    // Each returns false when the body is malformed (the connection is then closed).
    bool createTopics(const KafkaRequest &request, std::span<const std::uint8_t> body);
    bool deleteTopics(const KafkaRequest &request, std::span<const std::uint8_t> body);
    bool describeConfigs(const KafkaRequest &request, std::span<const std::uint8_t> body);

    // Kafka's Topic.validate: 1-249 characters of [a-zA-Z0-9._-], not "." or "..".
    static bool isValidTopicName(const std::string &name);
    // Creates a topic with the scenario's cluster-wide settings as broker defaults; partitions or
    // replication below 0 take Kafka's num.partitions and default.replication.factor (1 and 1).
    broker::ErrorCode
    createTopic(const std::string &name, std::int32_t partitions, std::int16_t replication,
                const std::vector<std::pair<std::string, std::optional<std::string>>> &configs,
                bool validateOnly, std::string *why);

    // auto.create.topics.enable (true by default).
    bool autoCreateTopics() const { return m_autoCreate; }
    void setAutoCreateTopics(bool on) { m_autoCreate = on; }

private:
    broker::Cluster *cluster();

    Simulation &m_simulation;
    int m_architecture;
    Announce m_announce;
    bool m_autoCreate = true;
};

} // namespace postoffice::app
