#pragma once

// The Kafka server's cluster description: ApiVersions, Metadata (brokers, leaders, replicas, and
// topics auto-created through KafkaTopicAdminHandler), FindCoordinator, InitProducerId and
// ListOffsets (a partition's earliest, latest or first offset at a timestamp).
//
// Runs on the simulation's thread between two engine steps, like KafkaRequestRouter, which owns it.

#include "FetchResult.h"
#include "KafkaRequest.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace postoffice::broker {
class Cluster;
} // namespace postoffice::broker

namespace postoffice::app {

class KafkaServer;
class KafkaTopicAdminHandler;
class Simulation;

class KafkaMetadataHandler
{
public:
    KafkaMetadataHandler(Simulation &simulation, int architecture, KafkaServer &server,
                         KafkaTopicAdminHandler &topics);

    // Each returns false when the body is malformed (the connection is then closed).
    bool apiVersions(const KafkaRequest &request, std::span<const std::uint8_t> body);
    bool metadata(const KafkaRequest &request, std::span<const std::uint8_t> body);
    bool findCoordinator(const KafkaRequest &request, std::span<const std::uint8_t> body);
    bool initProducerId(const KafkaRequest &request, std::span<const std::uint8_t> body);
    bool listOffsets(const KafkaRequest &request, std::span<const std::uint8_t> body);

    // The broker FindCoordinator names for a group (-1 while no broker is up).
    std::int32_t coordinatorOf(const std::string &group);

private:
    broker::Cluster *cluster();
    std::string advertisedHost(const KafkaRequest &request) const;
    // Brokers that are up in the simulation and listening.
    std::vector<std::int32_t> liveBrokers();

    Simulation &m_simulation;
    int m_architecture;
    KafkaServer &m_server;
    KafkaTopicAdminHandler &m_topics;
    broker::FetchResult m_fetched; // ListOffsets' log reads, reused
};

} // namespace postoffice::app
