#pragma once

#include "PartitionLog.h"
#include "ProduceResult.h"

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace postoffice::broker {

// Everything the Cluster tracks for one partition: the log (shared by all replicas: a follower's log
// is a prefix of it), each replica's log end offset and fetch state, leader, ISR, high watermark,
// acks=all requests waiting for replication and idempotent producers' sequence numbers.
// Internal to the Cluster; a plain aggregate the Cluster manipulates.
class PartitionState
{
public:
    // acks=all produce request waiting until the high watermark reaches requiredOffset.
    struct Waiter
    {
        std::int64_t requiredOffset;
        std::int64_t baseOffset;
        std::int32_t count;
        std::int64_t appendTimeMs;
        std::int64_t deadlineMs; // request timeout
        ProduceCallback callback;
    };
    // A batch an idempotent producer appended, remembered to recognise its retries.
    struct ProducerBatch
    {
        std::int32_t firstSequence;
        std::int32_t lastSequence;
        std::int64_t baseOffset;
    };
    struct ProducerEntry
    {
        std::int32_t lastSequence = -1;
        std::deque<ProducerBatch> recent; // Kafka keeps the last 5 batches per producer
    };

    PartitionState(const std::string &topicName, std::int32_t partitionId, std::uint32_t globalIndex,
                   const TopicConfig &config, std::vector<std::int32_t> replicaBrokers)
        : topic(topicName), partition(partitionId), index(globalIndex), log(config),
          replicas(std::move(replicaBrokers)), leo(replicas.size(), 0), lastCaughtUpMs(replicas.size(), 0),
          inIsr(replicas.size(), true), fetchPending(replicas.size(), false),
          fetchIssuedMs(replicas.size(), 0), fetchTarget(replicas.size(), 0), fetchToken(replicas.size(), 0)
    {}

    std::int32_t isrSize() const
    {
        std::int32_t n = 0;
        for (bool b : inIsr)
            n += b ? 1 : 0;
        return n;
    }
    std::int32_t leaderBroker() const { return leaderIndex < 0 ? -1 : replicas[std::size_t(leaderIndex)]; }
    std::int32_t replicaIndexOf(std::int32_t broker) const
    {
        for (std::size_t i = 0; i < replicas.size(); ++i)
            if (replicas[i] == broker)
                return std::int32_t(i);
        return -1;
    }

    const std::string &topic;
    std::int32_t partition;
    std::uint32_t index; // position in the Cluster's flat partition list (events refer to it)
    PartitionLog log;

    std::vector<std::int32_t> replicas; // broker ids, assignment order (first = preferred leader)
    std::vector<std::int64_t> leo;      // per replica: log end offset it has
    std::vector<std::int64_t> lastCaughtUpMs;
    std::vector<std::uint8_t> inIsr; // bytes, not std::vector<bool>: read on every replication step
    std::vector<std::uint8_t> fetchPending;
    std::vector<std::int64_t> fetchIssuedMs;
    std::vector<std::int64_t> fetchTarget; // leader's log end when the pending fetch was issued
    std::vector<std::uint64_t> fetchToken; // bumped to cancel a pending fetch
    std::int32_t leaderIndex = 0;
    std::int32_t leaderEpoch = 0;
    std::int64_t highWatermark = 0;
    std::int64_t isrCheckAtMs = -1; // time of the scheduled ISR check, -1 if none
    std::uint64_t isrCheckToken = 0;
    // One timeout event per partition, for the earliest waiter deadline, however many requests wait.
    std::int64_t timeoutAtMs = -1;
    std::uint64_t timeoutToken = 0;
    std::uint32_t roundRobin = 0; // null-key spreading for produce(partition = -1)

    std::deque<Waiter> waiters;
    std::unordered_map<std::int64_t, ProducerEntry> producers;
};

} // namespace postoffice::broker
