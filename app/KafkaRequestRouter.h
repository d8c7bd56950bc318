#pragma once

// Answers Kafka requests against one architecture's simulated cluster: reads each request's
// header and hands it on, the data plane (Produce, Fetch) to KafkaDataPlane, the cluster's
// description (ApiVersions, Metadata, FindCoordinator, InitProducerId, ListOffsets) to
// KafkaMetadataHandler, topic administration (CreateTopics, DeleteTopics, DescribeConfigs) to
// KafkaTopicAdminHandler and the group APIs to WireGroupCoordinator (a client joining one of the
// scenario's groups first seats its simulated members there: ScenarioGroupBridge).
// Bytes in (a request frame without its size), a response frame out through the connection's
// in-order slot, now or later: acks=all waits for the in-sync replicas, a Fetch waits up to its
// max_wait_ms for min_bytes, a JoinGroup for the rebalance.
//
// Runs on the simulation's thread between two engine steps: everything it does to the cluster
// happens at the simulation's current virtual time (Simulation::externalCluster).

#include "Clock.h"
#include "KafkaApi.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace postoffice::broker {
class WireGroupCoordinator;
} // namespace postoffice::broker

namespace postoffice::app {

class KafkaConnection;
class KafkaDataPlane;
class KafkaMetadataHandler;
class KafkaServer;
class ScenarioGroupBridge;
class ScenarioGroupListing;
class KafkaTopicAdminHandler;
class Simulation;
struct KafkaRequest;

class KafkaRequestRouter : public QObject
{
    Q_OBJECT
public:
    KafkaRequestRouter(Simulation &simulation, int architecture, KafkaServer &server);
    ~KafkaRequestRouter() override;

    // One request of `connection` (its frame without the size prefix; valid during the call only).
    // Returns false when the connection must be closed, with *why (malformed request, an API or
    // version that cannot be answered). `clientId` is updated from the request header.
    bool handle(KafkaConnection &connection, std::span<const std::uint8_t> request, std::string &clientId,
                const std::string &clientHost, QString *why);
    // Answers requests whose wait ended (Fetch long-polls, acks=all, group rebalances). Called
    // after every engine step.
    void advance();
    // Serving stops while the run goes on: the scenario's groups are the engine's again.
    void stop();
    // A connection closed: its waiting requests are dropped.
    void connectionClosed(KafkaConnection &connection);

    // Topics were auto-created when a client asked for one that does not exist (Kafka's
    // auto.create.topics.enable, true by default): with Kafka's num.partitions = 1 and
    // default.replication.factor = 1, plus the scenario's cluster-wide topic settings.
    bool autoCreateTopics() const;
    void setAutoCreateTopics(bool on);

    broker::WireGroupCoordinator &groups() { return *m_groups; }
    // The scenario's groups that clients joined (their simulated members seated in groups()).
    const ScenarioGroupBridge &sharedGroups() const { return *m_shared; }
signals:
    void producerSeen(const QString &clientId, const QString &topic);
    void groupEvent(const QString &text);
    void protocolError(const QString &text);

private:
    // The simulation's virtual clock in milliseconds, for the group coordinator.
    class SimulationClock : public broker::Clock
    {
    public:
        explicit SimulationClock(const Simulation &simulation) : m_simulation(simulation) {}
        std::int64_t nowMs() const override;

    private:
        const Simulation &m_simulation;
    };

    // The coordinator's answer, with the scenario's groups it does not hold (ScenarioGroupListing)
    // and, for ListGroups, cut to the groups the request's broker coordinates.
    std::vector<std::uint8_t> completeGroupAnswer(const KafkaRequest &request, broker::ApiKey key,
                                                  std::span<const std::uint8_t> asked,
                                                  const std::vector<std::uint8_t> &answer);
    // A ListGroups answer of the coordinator, cut to the groups `brokerId` coordinates.
    std::vector<std::uint8_t> groupsCoordinatedBy(std::int32_t brokerId, std::int16_t version,
                                                  const std::vector<std::uint8_t> &body);

    Simulation &m_simulation;
    int m_architecture;
    KafkaServer &m_server;
    SimulationClock m_clock;
    std::unique_ptr<broker::WireGroupCoordinator> m_groups;
    std::unique_ptr<ScenarioGroupBridge> m_shared; // after m_groups: gone before it
    std::unique_ptr<ScenarioGroupListing> m_listing;
    // Answer the APIs outside the group coordinator.
    std::unique_ptr<KafkaTopicAdminHandler> m_topics;
    std::unique_ptr<KafkaMetadataHandler> m_metadata;
    std::unique_ptr<KafkaDataPlane> m_data;
};

} // namespace postoffice::app
