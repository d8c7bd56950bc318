#pragma once

// The data plane of the Kafka server: Produce (record batches decoded and appended to the
// simulated cluster, answered when the cluster acknowledges: acks=all waits for the in-sync
// replicas) and Fetch (record batches encoded straight from the log; a Fetch below its min_bytes
// is parked up to its max_wait_ms and answered when a high watermark moves or the wait ends).
//
// Runs on the simulation's thread between two engine steps, like KafkaRequestRouter, which owns it.

#include "FetchMessages.h"
#include "FetchResult.h"
#include "KafkaRequest.h"
#include "RecordBatchCodec.h"

#include <QElapsedTimer>
#include <QString>

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <set>
#include <span>
#include <string>

namespace postoffice::broker {
class Cluster;
} // namespace postoffice::broker

namespace postoffice::app {

class KafkaConnection;
class Simulation;

class KafkaDataPlane
{
public:
    // Told once per (client.id, topic) the first time a client produces to an existing topic.
    using ProducerSeen = std::function<void(const QString &clientId, const QString &topic)>;

    KafkaDataPlane(Simulation &simulation, int architecture, ProducerSeen producerSeen);
    ~KafkaDataPlane();

    // Each returns false when the body is malformed (the connection is then closed).
    bool produce(const KafkaRequest &request, std::span<const std::uint8_t> body);
    bool fetch(const KafkaRequest &request, std::span<const std::uint8_t> body);

    // Answers the parked Fetches that have records or an error to return, or whose wait ended.
    void serviceParked();
    // A connection closed: its parked Fetches are dropped.
    void connectionClosed(KafkaConnection &connection);

private:
    struct ParkedFetch;

    broker::Cluster *cluster();
    // Fills a Fetch response; returns the record bytes it holds.
    std::size_t readFetch(const KafkaRequest &request, const broker::FetchRequest &fetch,
                          broker::FetchResponse &out, bool *anyError);
    bool fetchReady(const ParkedFetch &parked);
    void answerFetch(const KafkaRequest &request, const broker::FetchRequest &fetch);

    Simulation &m_simulation;
    int m_architecture;
    ProducerSeen m_producerSeen;
    QElapsedTimer m_wall; // Fetch max_wait_ms is the client's wall time
    std::list<std::unique_ptr<ParkedFetch>> m_parked;
    std::set<std::pair<std::string, std::string>> m_producersSeen; // (client.id, topic)
    broker::RecordBatchRefs m_refs; // decoded Produce records, reused (no allocation per record)
    broker::FetchResult m_fetched;  // reused by every Fetch
};

} // namespace postoffice::app
