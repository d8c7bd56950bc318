#pragma once

// Answers Kafka requests against one architecture's simulated cluster: the data plane (Produce,
// Fetch, ListOffsets), metadata and admin (ApiVersions, Metadata, FindCoordinator, InitProducerId,
// CreateTopics, DeleteTopics, DescribeConfigs) here, the group APIs through WireGroupCoordinator.
// Bytes in (a request frame without its size), a response frame out through the connection's
// in-order slot, now or later: acks=all waits for the in-sync replicas, a Fetch waits up to its
// max_wait_ms for min_bytes, a JoinGroup for the rebalance.
//
// Runs on the simulation's thread between two engine steps: everything it does to the cluster
// happens at the simulation's current virtual time (Simulation::externalCluster).

#include "Clock.h"
#include "ErrorCode.h"
#include "FetchMessages.h"
#include "FetchResult.h"
#include "RecordBatchCodec.h"
#include "WireWriter.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>

#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace postoffice::broker {
class Cluster;
class WireGroupCoordinator;
struct RequestHeader;
} // namespace postoffice::broker

namespace postoffice::app {

class KafkaConnection;
class KafkaServer;
class Simulation;

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
    // A connection closed: its waiting requests are dropped.
    void connectionClosed(KafkaConnection &connection);

    // Topics were auto-created when a client asked for one that does not exist (Kafka's
    // auto.create.topics.enable, true by default): with Kafka's num.partitions = 1 and
    // default.replication.factor = 1, plus the scenario's cluster-wide topic settings.
    bool autoCreateTopics() const { return m_autoCreate; }
    void setAutoCreateTopics(bool on) { m_autoCreate = on; }

    broker::WireGroupCoordinator &groups() { return *m_groups; }
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

    struct ParkedFetch;
    struct Request;

    broker::Cluster *cluster();
    // A writer whose first bytes are room for the frame size and response header; finish() fills
    // them and hands the frame to the connection (no copy of the body). `bodyBytes`: room to
    // reserve for the body when it is known to be large (a Fetch response).
    static broker::WireWriter startResponse(const Request &request, std::size_t bodyBytes = 0);
    static void finishResponse(const Request &request, broker::WireWriter &writer);
    static void answerBody(const Request &request, const std::vector<std::uint8_t> &body);
    bool isValidTopicName(const std::string &name) const;
    broker::ErrorCode
    createTopic(const std::string &name, std::int32_t partitions, std::int16_t replication,
                const std::vector<std::pair<std::string, std::optional<std::string>>> &configs,
                bool validateOnly, std::string *why);
    std::string advertisedHost(const Request &request) const;
    std::vector<std::int32_t> liveBrokers();
    // The broker FindCoordinator names for a group (-1 while no broker is up).
    std::int32_t coordinatorOf(const std::string &group);
    // A ListGroups answer of the coordinator, cut to the groups `brokerId` coordinates.
    std::vector<std::uint8_t> groupsCoordinatedBy(std::int32_t brokerId, std::int16_t version,
                                                  const std::vector<std::uint8_t> &body);
    // Fills a Fetch response; returns the record bytes it holds.
    std::size_t readFetch(const Request &request, const broker::FetchRequest &fetch,
                          broker::FetchResponse &out, bool *anyError);
    bool fetchReady(const ParkedFetch &parked);
    void answerFetch(const Request &request, const broker::FetchRequest &fetch);
    void serviceParked(bool expireOnly);

    bool apiVersions(const Request &request, std::span<const std::uint8_t> body);
    bool metadata(const Request &request, std::span<const std::uint8_t> body);
    bool produce(const Request &request, std::span<const std::uint8_t> body);
    bool fetch(const Request &request, std::span<const std::uint8_t> body);
    bool listOffsets(const Request &request, std::span<const std::uint8_t> body);
    bool findCoordinator(const Request &request, std::span<const std::uint8_t> body);
    bool initProducerId(const Request &request, std::span<const std::uint8_t> body);
    bool createTopics(const Request &request, std::span<const std::uint8_t> body);
    bool deleteTopics(const Request &request, std::span<const std::uint8_t> body);
    bool describeConfigs(const Request &request, std::span<const std::uint8_t> body);

    Simulation &m_simulation;
    int m_architecture;
    KafkaServer &m_server;
    SimulationClock m_clock;
    std::unique_ptr<broker::WireGroupCoordinator> m_groups;
    bool m_autoCreate = true;
    QElapsedTimer m_wall; // Fetch max_wait_ms is the client's wall time
    std::list<std::unique_ptr<ParkedFetch>> m_parked;
    std::set<std::pair<std::string, std::string>> m_producersSeen; // (client.id, topic)
    broker::RecordBatchRefs m_refs; // decoded Produce records, reused (no allocation per record)
    broker::FetchResult m_fetched;  // reused by every Fetch
};

} // namespace postoffice::app
