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
#include "PartitionHandle.h"
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
#include <vector>

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
    // What one partition of a Fetch reads; no handle: nothing (an error, or nothing new).
    struct PartitionRead
    {
        broker::PartitionHandle handle;
        std::int64_t fetchOffset = 0;
        std::int64_t highWatermark = 0;
        std::size_t partitionLimit = 0; // max.partition.fetch.bytes
    };

    broker::Cluster *cluster();
    // Fills a Fetch response's fields but its records, and m_plan (one entry per partition, in
    // order); returns an estimate of the record bytes it will hold.
    std::size_t planFetch(const KafkaRequest &request, const broker::FetchRequest &fetch,
                          broker::FetchResponse &out, bool *anyError);
    // Appends one partition's record batches, straight from the log, within the limits; returns
    // their bytes. `total`: the record bytes of the partitions before it.
    std::size_t writePartitionRecords(const PartitionRead &plan, std::size_t total, std::size_t maxBytes,
                                      broker::WireWriter &out);
    // The response frame of a Fetch, its record bytes copied once, from the log into the frame.
    broker::WireWriter encodeFetch(const KafkaRequest &request, const broker::FetchRequest &fetch,
                                   bool *anyError, std::size_t *recordBytes);
    bool fetchReady(const ParkedFetch &parked);
    void answerFetch(const KafkaRequest &request, const broker::FetchRequest &fetch);

    Simulation &m_simulation;
    int m_architecture;
    ProducerSeen m_producerSeen;
    QElapsedTimer m_wall; // Fetch max_wait_ms is the client's wall time
    std::list<std::unique_ptr<ParkedFetch>> m_parked;
    std::set<std::pair<std::string, std::string>> m_producersSeen; // (client.id, topic)
    broker::RecordBatchRefs m_refs;    // decoded Produce records, reused (no allocation per record)
    broker::FetchResult m_fetched;     // reused by every Fetch
    std::vector<PartitionRead> m_plan; // the Fetch being answered
};

} // namespace postoffice::app
