#include "Producer.h"

#include "LogSegment.h"

#include <algorithm>

namespace postoffice::broker {

Producer::Producer(Cluster &cluster, ProducerConfig config)
    : m_cluster(cluster), m_config(config), m_partitioner(config.nullKeyStrategy, config.seed),
      m_alive(std::make_shared<bool>(true))
{
    if (m_config.enableIdempotence)
        m_producerId = m_cluster.initProducerId();
    m_cluster.attach(this);
}

Producer::~Producer()
{
    *m_alive = false;
    m_cluster.detach(this);
}

ErrorCode Producer::send(const std::string &topic, Record record, SendCallback callback,
                         std::int32_t partition)
{
    const std::int32_t partitions = m_cluster.partitionCount(topic);
    if (partitions < 0 || partition < -1 || partition >= partitions)
        return ErrorCode::UnknownTopicOrPartition;
    const auto bytes = std::int64_t(LogSegment::storedSize(record.ref()));
    if (const TopicConfig *config = m_cluster.topicConfig(topic); bytes > config->maxMessageBytes)
        return ErrorCode::MessageTooLarge;
    if (record.timestampMs < 0)
        record.timestampMs = m_cluster.clock().nowMs(); // CreateTime is stamped by the client
    if (partition == -1) {
        const auto key = record.key ? std::optional<std::string_view>(*record.key) : std::nullopt;
        partition = m_partitioner.partition(topic, key, partitions);
    }

    const std::int64_t now = m_cluster.clock().nowMs();
    const Key key{topic, partition};
    PartitionQueue &queue = m_queues[key];
    if (queue.producerId < 0)
        queue.producerId = m_producerId;
    if (queue.batches.empty() || queue.batches.back().sealed) {
        queue.batches.emplace_back();
        queue.batches.back().createdMs = now;
    }
    Batch &batch = queue.batches.back();
    batch.records.push_back(std::move(record));
    batch.callbacks.push_back(std::move(callback));
    batch.bytes += bytes;
    // batch.size: a full batch is sent without waiting for linger.ms.
    if (batch.bytes >= m_config.batchSize)
        seal(key, batch);
    trySend(key, queue, now);
    return ErrorCode::None;
}

void Producer::seal(const Key &key, Batch &batch)
{
    if (batch.sealed)
        return;
    batch.sealed = true;
    m_partitioner.onBatchCompleted(key.first, key.second, m_cluster.partitionCount(key.first));
}

void Producer::flush()
{
    const std::int64_t now = m_cluster.clock().nowMs();
    for (auto &[key, queue] : m_queues) {
        for (Batch &b : queue.batches)
            seal(key, b);
        trySend(key, queue, now);
    }
}

bool Producer::ready(const PartitionQueue &queue, std::int64_t nowMs) const
{
    if (queue.inFlight || queue.batches.empty())
        return false;
    const Batch &b = queue.batches.front();
    if (b.retryAtMs > nowMs)
        return false;
    // linger.ms: wait that long for more records unless the batch is already full (or a retry).
    return b.sealed || nowMs - b.createdMs >= m_config.lingerMs;
}

void Producer::trySend(const Key &key, PartitionQueue &queue, std::int64_t nowMs)
{
    if (queue.pumping)
        return;
    queue.pumping = true;
    // acks=0/1 answer synchronously, so one call may send several queued batches in turn.
    while (ready(queue, nowMs)) {
        seal(key, queue.batches.front());
        sendFront(key, queue);
    }
    queue.pumping = false;
}

void Producer::sendFront(const Key &key, PartitionQueue &queue)
{
    Batch &b = queue.batches.front();
    ++b.attempts;
    ProduceOptions options;
    options.acks = m_config.acks;
    options.timeoutMs = m_config.requestTimeoutMs;
    if (m_config.enableIdempotence) {
        // The sequence is fixed at the first attempt, so a retry carries the same numbers.
        if (b.baseSequence < 0) {
            b.baseSequence = queue.nextSequence;
            queue.nextSequence += std::int32_t(b.records.size());
        }
        options.producerId = queue.producerId;
        options.baseSequence = b.baseSequence;
    }
    std::vector<RecordRef> refs;
    refs.reserve(b.records.size());
    for (const Record &r : b.records)
        refs.push_back(r.ref());
    queue.inFlight = true;
    std::weak_ptr<bool> alive = m_alive;
    m_cluster.produce(key.first, key.second, refs, options, [this, alive, key](const ProduceResult &result) {
        if (const auto a = alive.lock(); a && *a)
            onResponse(key, result);
    });
}

void Producer::onResponse(const Key &key, const ProduceResult &result)
{
    const auto it = m_queues.find(key);
    if (it == m_queues.end() || it->second.batches.empty())
        return;
    PartitionQueue &queue = it->second;
    queue.inFlight = false;
    Batch &b = queue.batches.front();
    const std::int64_t now = m_cluster.clock().nowMs();

    if (result.error != ErrorCode::None && isRetriable(result.error) && b.attempts <= m_config.retries &&
        now - b.createdMs < m_config.deliveryTimeoutMs) {
        b.retryAtMs = now + m_config.retryBackoffMs; // retry.backoff.ms
    } else {
        if (result.error != ErrorCode::None && m_config.enableIdempotence) {
            // The batch's sequence numbers may or may not be in the log; continuing after them would
            // be ambiguous. Kafka bumps the producer epoch; a fresh producer id does the same here.
            queue.producerId = m_cluster.initProducerId();
            queue.nextSequence = 0;
        }
        Batch done = std::move(b);
        queue.batches.pop_front();
        finish(done, result.error, result.baseOffset, key.second);
    }
    trySend(key, queue, now);
}

void Producer::finish(Batch &batch, ErrorCode error, std::int64_t baseOffset, std::int32_t partition)
{
    for (std::size_t i = 0; i < batch.callbacks.size(); ++i) {
        if (!batch.callbacks[i])
            continue;
        SendResult r;
        r.error = error;
        r.partition = partition;
        r.offset = (error == ErrorCode::None && baseOffset >= 0) ? baseOffset + std::int64_t(i) : -1;
        r.attempts = batch.attempts;
        batch.callbacks[i](r);
    }
}

std::optional<std::int64_t> Producer::nextDeadlineMs() const
{
    std::optional<std::int64_t> next;
    for (const auto &[key, queue] : m_queues) {
        if (queue.inFlight || queue.batches.empty())
            continue;
        const Batch &b = queue.batches.front();
        std::int64_t t = b.sealed ? b.createdMs : b.createdMs + m_config.lingerMs;
        t = std::max(t, b.retryAtMs);
        if (!next || t < *next)
            next = t;
    }
    return next;
}

void Producer::advance(std::int64_t nowMs)
{
    for (auto &[key, queue] : m_queues)
        trySend(key, queue, nowMs);
}

std::int64_t Producer::pendingRecords() const
{
    std::int64_t n = 0;
    for (const auto &[key, queue] : m_queues) {
        for (const Batch &b : queue.batches)
            n += std::int64_t(b.records.size());
    }
    return n;
}

} // namespace postoffice::broker
