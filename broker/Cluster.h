#pragma once

#include "AcksAllWaiters.h"
#include "BrokerObserver.h"
#include "Clock.h"
#include "ClusterConfig.h"
#include "ClusterEvents.h"
#include "ErrorCode.h"
#include "FetchResult.h"
#include "LeaderElection.h"
#include "LogRetention.h"
#include "LostRecords.h"
#include "ObserverList.h"
#include "PartitionHandle.h"
#include "ProduceResult.h"
#include "Record.h"
#include "ReplicaAssignment.h"
#include "Replication.h"
#include "TimeDriven.h"
#include "TopicConfig.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace postoffice::broker {

class Topic;
class PartitionState;

// The simulated Kafka cluster: brokers, topics, replicated partition logs, produce and fetch.
//
// Single-threaded and deterministic. Time comes from the injected Clock; whatever happens later than
// "now" (follower fetches, ISR shrink, acks=all completions, request timeouts, retention) happens in
// advance(), which the owner calls at the times nextDeadlineMs() reports:
//
//     ManualClock clock;
//     Cluster cluster(3, clock, ClusterConfig{});
//     TopicConfig orders; orders.partitions = 6; orders.replicationFactor = 3;
//     orders.minInsyncReplicas = 2;
//     cluster.createTopic("orders", orders);
//     cluster.produce("orders", 0, Record{...}, Acks::All, [](const ProduceResult &r) { ... });
//     while (auto t = cluster.nextDeadlineMs()) { clock.setMs(*t); cluster.advance(*t); }
//     FetchResult f = cluster.fetch("orders", 0, 0, 100);
//
// Replication model: one log per partition holds the leader's records; each replica is a log end
// offset into it (a follower's log is always a prefix of the leader's). Each follower has at most one
// fetch in flight, so wake-ups scale with the fetch delay, not with the record count.
class Cluster
{
public:
    Cluster(std::int32_t brokerCount, const Clock &clock, ClusterConfig config = {});
    ~Cluster();
    Cluster(const Cluster &) = delete;
    Cluster &operator=(const Cluster &) = delete;

    // --- topics -------------------------------------------------------------------------------
    // InvalidTopicException (empty name), TopicAlreadyExists, InvalidPartitions,
    // InvalidReplicationFactor (< 1 or more than brokers), InvalidConfig.
    // Replicas are placed like Kafka's rack-unaware assignment: partition p's leader is broker
    // (start + p) % n, followers follow at a shifting distance.
    ErrorCode createTopic(const std::string &name, const TopicConfig &config);
    bool hasTopic(const std::string &name) const;
    std::int32_t partitionCount(const std::string &topic) const; // -1 if unknown
    const TopicConfig *topicConfig(const std::string &topic) const;
    std::vector<std::string> topicNames() const; // in creation order

    // --- produce ------------------------------------------------------------------------------
    // Appends records to the partition's leader. The callback runs exactly once: before produce()
    // returns for acks=0/1, for errors found up front (acks=0 included) and for acks=all when the
    // leader is the only ISR member; otherwise for acks=all later, from advance() or setBrokerUp()
    // (the ISR caught up or shrank, the request timed out, or the leader changed).
    // partition = -1 chooses one: keyed → partitionForKey(key), null key → round-robin per call.
    // Errors: UnknownTopicOrPartition, LeaderNotAvailable, NotEnoughReplicas (rejected, nothing
    // appended), NotEnoughReplicasAfterAppend (appended but the ISR shrank below
    // min.insync.replicas), RequestTimedOut, NotLeaderOrFollower (leader changed while waiting),
    // MessageTooLarge, InvalidRequest (empty batch), OutOfOrderSequenceNumber.
    void produce(const std::string &topic, std::int32_t partition, std::span<const RecordRef> records,
                 const ProduceOptions &options, ProduceCallback callback);
    void produce(const std::string &topic, std::int32_t partition, const Record &record, Acks acks,
                 ProduceCallback callback);
    // The same to a partition resolved once (an invalid handle: UnknownTopicOrPartition).
    void produce(PartitionHandle partition, std::span<const RecordRef> records, const ProduceOptions &options,
                 ProduceCallback callback);

    // --- fetch (consumer view: only committed records, below the high watermark) ---------------
    // offset < log start or > log end → OffsetOutOfRange; offset in [HW, LEO] → no records.
    // maxRecords < 1 → InvalidRequest. The second form reuses out's vector capacity.
    FetchResult fetch(const std::string &topic, std::int32_t partition, std::int64_t offset,
                      std::int32_t maxRecords);
    ErrorCode fetch(const std::string &topic, std::int32_t partition, std::int64_t offset,
                    std::int32_t maxRecords, FetchResult &out);
    // The same view without being a consumer: observers are not told. For browsing a partition
    // (the GUI's topic browser) while the simulation owns the cluster.
    ErrorCode read(const std::string &topic, std::int32_t partition, std::int64_t offset,
                   std::int32_t maxRecords, FetchResult &out) const;
    ErrorCode fetch(PartitionHandle partition, std::int64_t offset, std::int32_t maxRecords,
                    FetchResult &out);

    // -1 for an unknown topic or partition.
    std::int64_t logStartOffset(const std::string &topic, std::int32_t partition) const;
    std::int64_t logEndOffset(const std::string &topic, std::int32_t partition) const;
    std::int64_t highWatermark(const std::string &topic, std::int32_t partition) const;
    // Resolves a topic-partition once; invalid for an unknown one.
    PartitionHandle partitionHandle(const std::string &topic, std::int32_t partition) const;
    std::int64_t logStartOffset(PartitionHandle partition) const;
    std::int64_t logEndOffset(PartitionHandle partition) const;
    std::int64_t highWatermark(PartitionHandle partition) const;
    std::int32_t leader(PartitionHandle partition) const; // -1 if none
    // Bytes held by the partition's log (what retention.bytes limits).
    std::int64_t logSizeBytes(const std::string &topic, std::int32_t partition) const;
    std::int32_t segmentCount(const std::string &topic, std::int32_t partition) const;

    // --- replication metadata -------------------------------------------------------------------
    std::int32_t leader(const std::string &topic, std::int32_t partition) const; // -1 if none
    std::int32_t leaderEpoch(const std::string &topic, std::int32_t partition) const;
    std::vector<std::int32_t> replicas(const std::string &topic, std::int32_t partition) const;
    std::vector<std::int32_t> isr(const std::string &topic, std::int32_t partition) const;
    // A replica's log end offset (what it has fetched); -1 if the broker holds no replica.
    std::int64_t replicaLogEndOffset(const std::string &topic, std::int32_t partition,
                                     std::int32_t brokerId) const;

    // --- brokers and faults ---------------------------------------------------------------------
    std::int32_t brokerCount() const { return std::int32_t(m_brokerUp.size()); }
    bool isBrokerUp(std::int32_t brokerId) const;
    // Takes a broker down or brings it back. Down: it leaves every ISR at once (the controller
    // fences it), partitions it led elect a new leader from the ISR (leader epoch + 1), or an
    // out-of-sync replica when unclean.leader.election.enable. Returns exactly the offsets that
    // the elections truncated away (also reported through onRecordsLost). InvalidRequest for an
    // unknown broker id is reported through *error.
    std::vector<LostRecords> setBrokerUp(std::int32_t brokerId, bool up, ErrorCode *error = nullptr);
    // Models a slow broker: its followers need this long per fetch. InvalidRequest for a bad id or
    // a negative delay.
    ErrorCode setReplicaFetchDelayMs(std::int32_t brokerId, std::int64_t delayMs);
    // Every loss so far, in order.
    const std::vector<LostRecords> &lostRecords() const { return m_election.lostRecords(); }

    // --- time ------------------------------------------------------------------------------------
    std::optional<std::int64_t> nextDeadlineMs() const;
    // Performs everything due at or before nowMs, each at its own deadline, in time order. Set the
    // clock to nowMs first: work it triggers (a follower's next fetch) is scheduled from the clock.
    void advance(std::int64_t nowMs);
    // Components with timers (producers, group coordinator) that advance() should drive too.
    void attach(TimeDriven *component);
    void detach(TimeDriven *component);

    // --- observers ------------------------------------------------------------------------------
    void addObserver(BrokerObserver *observer);
    void removeObserver(BrokerObserver *observer);
    const std::vector<BrokerObserver *> &observers() const { return m_observers.all(); }

    // --- idempotent producers -------------------------------------------------------------------
    // InitProducerId: a fresh producer id for enable.idempotence.
    std::int64_t initProducerId() { return m_nextProducerId++; }

    const Clock &clock() const { return m_clock; }
    const ClusterConfig &config() const { return m_config; }

private:
    PartitionState *find(const std::string &topic, std::int32_t partition) const;
    PartitionState *find(PartitionHandle partition) const
    {
        return partition.index < m_partitions.size() ? m_partitions[partition.index] : nullptr;
    }
    void produceTo(Topic &topic, PartitionState &p, std::span<const RecordRef> records,
                   const ProduceOptions &options, ProduceCallback callback);
    static ErrorCode readFrom(const PartitionState *p, std::int64_t offset, std::int32_t maxRecords,
                              FetchResult &out);
    void runEvent(const ClusterEvents::Event &event);
    void reject(const std::string &topic, std::int32_t partition, std::int32_t count, ErrorCode error,
                const ProduceCallback &callback);
    void respond(PartitionState &p, const ProduceOptions &options, std::int64_t base, std::int32_t count,
                 std::int64_t now, ProduceCallback callback);

    // Declaration order is construction order: the parts below hold references to the ones above.
    const Clock &m_clock;
    ClusterConfig m_config;
    std::vector<std::uint8_t> m_brokerUp; // bytes, not std::vector<bool>: read on every fetch
    std::vector<std::unique_ptr<Topic>> m_topics;
    std::unordered_map<std::string, Topic *> m_topicsByName;
    std::vector<PartitionState *> m_partitions; // global index used by events and handles
    std::vector<Topic *> m_partitionTopics;     // the topic of each of m_partitions
    ClusterEvents m_events;
    ObserverList m_observers;
    AcksAllWaiters m_waiters;
    Replication m_replication;
    LeaderElection m_election;
    LogRetention m_retention;
    ReplicaAssignment m_assignment;
    std::int64_t m_nextProducerId = 1000;
    std::vector<TimeDriven *> m_components;
};

} // namespace postoffice::broker
