#pragma once

#include "Cluster.h"
#include "ErrorCode.h"
#include "Partitioner.h"
#include "ProducerConfig.h"
#include "Record.h"
#include "TimeDriven.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace postoffice::broker {

// The outcome of one send(), delivered to its callback exactly once.
struct SendResult
{
    ErrorCode error = ErrorCode::None;
    std::int32_t partition = -1;
    std::int64_t offset = -1;  // -1 on error and with acks=0
    std::int32_t attempts = 0; // produce requests this record's batch needed
};
using SendCallback = std::function<void(const SendResult &)>;

// An embedded Kafka producer client. Records accumulate per partition into batches that are sent
// when batch.size is reached or linger.ms has passed; failed retriable batches are re-sent after
// retry.backoff.ms up to retries times within delivery.timeout.ms. With enable.idempotence the
// broker sees a producer id and sequence numbers and drops duplicates of a retried batch.
//
// One batch per partition is in flight at a time (max.in.flight.requests.per.connection=1), which
// keeps per-partition order without the broker's reordering window.
//
// The producer attaches itself to the cluster, so Cluster::advance() drives its timers.
class Producer : public TimeDriven
{
public:
    Producer(Cluster &cluster, ProducerConfig config = {});
    ~Producer() override;
    Producer(const Producer &) = delete;
    Producer &operator=(const Producer &) = delete;

    // Queues one record. partition = -1 lets the partitioner choose. Returns an error at once
    // (UnknownTopicOrPartition, MessageTooLarge...) without calling the callback, or None after
    // which the callback runs exactly once.
    ErrorCode send(const std::string &topic, Record record, SendCallback callback,
                   std::int32_t partition = -1);
    // Sends every waiting batch now, ignoring linger.ms (Kafka's flush() without blocking).
    void flush();

    std::optional<std::int64_t> nextDeadlineMs() const override;
    void advance(std::int64_t nowMs) override;

    std::int64_t producerId() const { return m_producerId; }
    const ProducerConfig &config() const { return m_config; }
    // Records queued or in flight.
    std::int64_t pendingRecords() const;

private:
    struct Batch
    {
        std::vector<Record> records;
        std::vector<SendCallback> callbacks;
        std::int64_t bytes = 0;
        std::int64_t createdMs = 0;
        std::int32_t baseSequence = -1;
        std::int32_t attempts = 0;
        std::int64_t retryAtMs = -1;
        bool sealed = false; // full, flushed or sent: takes no more records
    };
    struct PartitionQueue
    {
        std::deque<Batch> batches; // front may be in flight
        bool inFlight = false;
        bool pumping = false; // inside trySend: responses must not re-enter it
        std::int64_t producerId = -1;
        std::int32_t nextSequence = 0;
    };
    using Key = std::pair<std::string, std::int32_t>;

    void trySend(const Key &key, PartitionQueue &queue, std::int64_t nowMs);
    void sendFront(const Key &key, PartitionQueue &queue);
    void onResponse(const Key &key, const ProduceResult &result);
    bool ready(const PartitionQueue &queue, std::int64_t nowMs) const;
    void seal(const Key &key, Batch &batch);
    static void finish(Batch &batch, ErrorCode error, std::int64_t baseOffset, std::int32_t partition);

    Cluster &m_cluster;
    ProducerConfig m_config;
    Partitioner m_partitioner;
    std::int64_t m_producerId = -1;
    std::map<Key, PartitionQueue> m_queues; // ordered: deterministic send order
    std::shared_ptr<bool> m_alive;          // callbacks outliving the producer check this
};

} // namespace postoffice::broker
