#include "Cluster.h"

#include "PartitionState.h"
#include "Partitioner.h"
#include "Topic.h"

#include <algorithm>
#include <limits>

namespace postoffice::broker {

namespace {

enum EventKind { kFollowerFetch = 0, kIsrCheck = 1, kProduceTimeout = 2 };

// Kafka's legal topic names: [a-zA-Z0-9._-]{1,249}, and not "." or "..".
bool validTopicName(const std::string &name)
{
    if (name.empty() || name.size() > 249 || name == "." || name == "..")
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '_' || c == '-';
    });
}

// Whether retention or compaction could ever remove something from this log: if not, the periodic
// check has no reason to wake the simulation up.
bool maintainable(const PartitionLog &log)
{
    const TopicConfig &c = log.config();
    const bool removable =
        c.cleanupCompact || (c.cleanupDelete && (c.retentionMs >= 0 || c.retentionBytes >= 0));
    return removable && log.logEndOffset() > log.logStartOffset();
}

} // namespace

Cluster::Cluster(std::int32_t brokerCount, const Clock &clock, ClusterConfig config)
    : m_clock(clock), m_config(config), m_brokerUp(std::size_t(std::max(brokerCount, 1)), true),
      m_fetchDelayMs(m_brokerUp.size(), std::max<std::int64_t>(config.replicaFetchDelayMs, 0)),
      m_nextMaintenanceMs(clock.nowMs() + std::max<std::int64_t>(config.logRetentionCheckIntervalMs, 1))
{
    m_config.logRetentionCheckIntervalMs = std::max<std::int64_t>(m_config.logRetentionCheckIntervalMs, 1);
}

Cluster::~Cluster() = default;

// --- topics -------------------------------------------------------------------------------------

ErrorCode Cluster::createTopic(const std::string &name, const TopicConfig &config)
{
    if (!validTopicName(name))
        return ErrorCode::InvalidTopicException;
    if (m_topicsByName.count(name))
        return ErrorCode::TopicAlreadyExists;
    if (const ErrorCode e = config.validate(); e != ErrorCode::None)
        return e;
    const auto brokers = std::int32_t(m_brokerUp.size());
    if (config.replicationFactor > brokers)
        return ErrorCode::InvalidReplicationFactor;

    auto topic = std::make_unique<Topic>(name, config);
    // Kafka's rack-unaware assignment (AdminUtils.assignReplicasToBrokersRackUnaware) with the
    // random start index and shift replaced by the topic's ordinal, so placement is reproducible.
    const std::int32_t startIndex = m_placementStart % brokers;
    std::int32_t shift = m_placementStart % brokers;
    ++m_placementStart;
    for (std::int32_t p = 0; p < config.partitions; ++p) {
        if (p > 0 && p % brokers == 0)
            ++shift;
        const std::int32_t first = (p + startIndex) % brokers;
        std::vector<std::int32_t> replicas{first};
        for (std::int32_t j = 0; j < config.replicationFactor - 1; ++j) {
            const std::int32_t step = 1 + (shift + j) % (brokers - 1);
            replicas.push_back((first + step) % brokers);
        }
        auto state = std::make_unique<PartitionState>(topic->name, p, std::uint32_t(m_partitions.size()),
                                                      config, std::move(replicas));
        m_partitions.push_back(state.get());
        m_partitionTopics.push_back(topic.get());
        topic->partitions.push_back(std::move(state));
    }
    Topic *raw = topic.get();
    m_topicsByName.emplace(name, raw);
    m_topics.push_back(std::move(topic));

    const std::int64_t now = m_clock.nowMs();
    for (auto &p : raw->partitions) {
        notify([&](BrokerObserver *o) {
            o->onLeaderChange(name, p->partition, p->leaderBroker(), p->leaderEpoch);
        });
        notifyIsr(*p);
        // Brokers already down leave the new ISR (or the leadership) at once, as on a live failure.
        for (std::size_t r = 0; r < p->replicas.size(); ++r) {
            if (!m_brokerUp[std::size_t(p->replicas[r])])
                replicaDown(*p, std::int32_t(r), now, m_lost);
        }
    }
    return ErrorCode::None;
}

bool Cluster::hasTopic(const std::string &name) const
{
    return m_topicsByName.count(name) != 0;
}

std::int32_t Cluster::partitionCount(const std::string &topic) const
{
    const auto it = m_topicsByName.find(topic);
    return it == m_topicsByName.end() ? -1 : std::int32_t(it->second->partitions.size());
}

const TopicConfig *Cluster::topicConfig(const std::string &topic) const
{
    const auto it = m_topicsByName.find(topic);
    return it == m_topicsByName.end() ? nullptr : &it->second->config;
}

std::vector<std::string> Cluster::topicNames() const
{
    std::vector<std::string> names;
    for (const auto &t : m_topics)
        names.push_back(t->name);
    return names;
}

PartitionState *Cluster::find(const std::string &topic, std::int32_t partition) const
{
    const auto it = m_topicsByName.find(topic);
    if (it == m_topicsByName.end() || partition < 0 ||
        partition >= std::int32_t(it->second->partitions.size()))
        return nullptr;
    return it->second->partitions[std::size_t(partition)].get();
}

// --- produce ------------------------------------------------------------------------------------

void Cluster::reject(const std::string &topic, std::int32_t partition, std::int32_t count, ErrorCode error,
                     const ProduceCallback &callback)
{
    notify([&](BrokerObserver *o) { o->onProduceRejected(topic, partition, count, error); });
    if (callback) {
        ProduceResult result;
        result.error = error;
        result.partition = partition;
        result.recordCount = count;
        callback(result);
    }
}

void Cluster::produce(const std::string &topic, std::int32_t partition, const Record &record, Acks acks,
                      ProduceCallback callback)
{
    const RecordRef ref = record.ref();
    ProduceOptions options;
    options.acks = acks;
    produce(topic, partition, std::span<const RecordRef>(&ref, 1), options, std::move(callback));
}

void Cluster::produce(const std::string &topic, std::int32_t partition, std::span<const RecordRef> records,
                      const ProduceOptions &options, ProduceCallback callback)
{
    const auto count = std::int32_t(records.size());
    const auto it = m_topicsByName.find(topic);
    if (it == m_topicsByName.end())
        return reject(topic, partition, count, ErrorCode::UnknownTopicOrPartition, callback);
    Topic &t = *it->second;
    if (records.empty())
        return reject(topic, partition, count, ErrorCode::InvalidRequest, callback);
    if (partition == -1) {
        const auto n = std::int32_t(t.partitions.size());
        partition = records.front().key ? partitionForKey(*records.front().key, n)
                                        : std::int32_t(t.partitions.front()->roundRobin++ % std::uint32_t(n));
    }
    if (partition < 0 || partition >= std::int32_t(t.partitions.size()))
        return reject(topic, partition, count, ErrorCode::UnknownTopicOrPartition, callback);
    produceTo(t, *t.partitions[std::size_t(partition)], records, options, std::move(callback));
}

void Cluster::produce(PartitionHandle partition, std::span<const RecordRef> records,
                      const ProduceOptions &options, ProduceCallback callback)
{
    PartitionState *p = find(partition);
    if (!p)
        return reject(std::string(), -1, std::int32_t(records.size()), ErrorCode::UnknownTopicOrPartition,
                      callback);
    if (records.empty())
        return reject(p->topic, p->partition, 0, ErrorCode::InvalidRequest, callback);
    produceTo(*m_partitionTopics[partition.index], *p, records, options, std::move(callback));
}

void Cluster::produceTo(Topic &t, PartitionState &p, std::span<const RecordRef> records,
                        const ProduceOptions &options, ProduceCallback callback)
{
    const std::int64_t now = m_clock.nowMs();
    const auto count = std::int32_t(records.size());
    const std::string &topic = p.topic;
    const std::int32_t partition = p.partition;
    if (p.leaderIndex < 0)
        return reject(topic, partition, count, ErrorCode::LeaderNotAvailable, callback);
    for (const RecordRef &r : records) {
        if (r.timestampMs < -1)
            return reject(topic, partition, count, ErrorCode::InvalidTimestamp, callback);
        if (std::int64_t(LogSegment::storedSize(r)) > t.config.maxMessageBytes)
            return reject(topic, partition, count, ErrorCode::MessageTooLarge, callback);
        // Kafka refuses keyless records on compacted topics: compaction could not keep them.
        if (t.config.cleanupCompact && !r.key)
            return reject(topic, partition, count, ErrorCode::InvalidRecord, callback);
    }
    if (options.acks != Acks::None && options.acks != Acks::Leader && options.acks != Acks::All)
        return reject(topic, partition, count, ErrorCode::InvalidRequest, callback);
    // min.insync.replicas is checked before the append: nothing is written (NOT_ENOUGH_REPLICAS).
    if (options.acks == Acks::All && p.isrSize() < t.config.minInsyncReplicas)
        return reject(topic, partition, count, ErrorCode::NotEnoughReplicas, callback);

    // enable.idempotence: a retry of a batch already in the log is answered with its first offset
    // instead of being appended again.
    PartitionState::ProducerEntry *producer = nullptr;
    if (options.producerId >= 0) {
        if (options.baseSequence < 0)
            return reject(topic, partition, count, ErrorCode::InvalidRequest, callback);
        producer = &p.producers[options.producerId];
        const std::int32_t lastSequence = options.baseSequence + count - 1;
        for (const auto &batch : producer->recent) {
            if (batch.firstSequence == options.baseSequence && batch.lastSequence == lastSequence)
                return respond(p, options, batch.baseOffset, count, now, std::move(callback));
        }
        if (producer->lastSequence >= 0 && options.baseSequence != producer->lastSequence + 1)
            return reject(topic, partition, count, ErrorCode::OutOfOrderSequenceNumber, callback);
    }

    const std::int64_t oldEnd = p.log.logEndOffset();
    const std::int64_t base = p.log.append(records, now);
    p.leo[std::size_t(p.leaderIndex)] = p.log.logEndOffset();
    if (producer) {
        producer->lastSequence = options.baseSequence + count - 1;
        producer->recent.push_back({options.baseSequence, producer->lastSequence, base});
        if (producer->recent.size() > 5)
            producer->recent.pop_front();
    }
    if (maintainable(p.log))
        markMaintenanceNeeded(now);
    notify([&](BrokerObserver *o) { o->onAppend(topic, partition, base, count); });
    afterLeaderAppend(p, oldEnd, now);
    respond(p, options, base, count, now, std::move(callback));
}

void Cluster::respond(PartitionState &p, const ProduceOptions &options, std::int64_t base, std::int32_t count,
                      std::int64_t now, ProduceCallback callback)
{
    ProduceResult result;
    result.partition = p.partition;
    result.recordCount = count;
    if (options.acks == Acks::None) {
        if (callback)
            callback(result);
        return;
    }
    result.baseOffset = base;
    result.logAppendTimeMs = now;
    if (options.acks == Acks::Leader || p.highWatermark >= base + count) {
        if (options.acks == Acks::All && p.isrSize() < p.log.config().minInsyncReplicas)
            result.error = ErrorCode::NotEnoughReplicasAfterAppend;
        if (callback)
            callback(result);
        return;
    }
    const std::int64_t deadline = now + std::max<std::int64_t>(options.timeoutMs, 0);
    p.waiters.push_back({base + count, base, count, now, deadline, std::move(callback)});
    scheduleTimeout(p, deadline);
}

void Cluster::scheduleTimeout(PartitionState &p, std::int64_t deadlineMs)
{
    if (p.timeoutAtMs >= 0 && p.timeoutAtMs <= deadlineMs)
        return;
    p.timeoutAtMs = deadlineMs;
    p.timeoutToken = m_nextToken++;
    schedule(deadlineMs, kProduceTimeout, p.index, -1, p.timeoutToken);
}

void Cluster::afterLeaderAppend(PartitionState &p, std::int64_t oldEnd, std::int64_t now)
{
    for (std::size_t r = 0; r < p.replicas.size(); ++r) {
        if (std::int32_t(r) == p.leaderIndex)
            continue;
        // A follower that had everything was caught up until this very moment.
        if (p.inIsr[r] && p.leo[r] >= oldEnd && !p.fetchPending[r])
            p.lastCaughtUpMs[r] = now;
        startFollowerFetch(p, std::int32_t(r), now);
    }
    updateHighWatermark(p, now);
    scheduleIsrCheck(p);
}

// --- replication --------------------------------------------------------------------------------

void Cluster::startFollowerFetch(PartitionState &p, std::int32_t replica, std::int64_t now)
{
    const auto r = std::size_t(replica);
    // A caught-up follower outside the ISR still fetches once: that is how the leader learns it may
    // rejoin (otherwise acks=all with min.insync.replicas could wait forever on an idle partition).
    if (replica == p.leaderIndex || p.leaderIndex < 0 || p.fetchPending[r] ||
        !m_brokerUp[std::size_t(p.replicas[r])] || (p.leo[r] >= p.log.logEndOffset() && p.inIsr[r]))
        return;
    p.fetchPending[r] = true;
    p.fetchIssuedMs[r] = now;
    p.fetchTarget[r] = p.log.logEndOffset();
    p.fetchToken[r] = m_nextToken++;
    schedule(now + m_fetchDelayMs[std::size_t(p.replicas[r])], kFollowerFetch, p.index, replica,
             p.fetchToken[r]);
}

void Cluster::cancelFetch(PartitionState &p, std::size_t replica)
{
    p.fetchPending[replica] = false;
    p.fetchToken[replica] = m_nextToken++;
}

void Cluster::completeFollowerFetch(PartitionState &p, std::int32_t replica, std::int64_t now)
{
    const auto r = std::size_t(replica);
    p.fetchPending[r] = false;
    if (p.leaderIndex < 0 || replica == p.leaderIndex || !m_brokerUp[std::size_t(p.replicas[r])])
        return;
    p.leo[r] = std::max(p.leo[r], std::min(p.fetchTarget[r], p.log.logEndOffset()));
    if (p.leo[r] >= p.log.logEndOffset())
        p.lastCaughtUpMs[r] = now;
    else if (p.leo[r] >= p.fetchTarget[r])
        p.lastCaughtUpMs[r] = p.fetchIssuedMs[r];

    // ISR expansion uses the same test as shrinking: caught up within replica.lag.time.max.ms, and
    // holding everything consumers may already have read (the high watermark).
    if (!p.inIsr[r] && p.leo[r] >= p.highWatermark &&
        now - p.lastCaughtUpMs[r] <= m_config.replicaLagTimeMaxMs && p.leo[r] >= p.fetchTarget[r]) {
        p.inIsr[r] = true;
        notifyIsr(p);
    }
    updateHighWatermark(p, now);
    startFollowerFetch(p, replica, now);
    scheduleIsrCheck(p);
}

void Cluster::scheduleIsrCheck(PartitionState &p)
{
    if (p.leaderIndex < 0)
        return;
    std::int64_t due = std::numeric_limits<std::int64_t>::max();
    for (std::size_t r = 0; r < p.replicas.size(); ++r) {
        if (std::int32_t(r) != p.leaderIndex && p.inIsr[r] && p.leo[r] < p.log.logEndOffset())
            due = std::min(due, p.lastCaughtUpMs[r] + m_config.replicaLagTimeMaxMs + 1);
    }
    if (due == std::numeric_limits<std::int64_t>::max())
        return;
    if (p.isrCheckAtMs >= 0 && p.isrCheckAtMs <= due)
        return;
    p.isrCheckAtMs = due;
    p.isrCheckToken = m_nextToken++;
    schedule(due, kIsrCheck, p.index, -1, p.isrCheckToken);
}

void Cluster::checkIsr(PartitionState &p, std::int64_t now)
{
    if (p.leaderIndex < 0)
        return;
    bool changed = false;
    for (std::size_t r = 0; r < p.replicas.size(); ++r) {
        // replica.lag.time.max.ms: behind the leader's end and not caught up for longer than that.
        if (std::int32_t(r) != p.leaderIndex && p.inIsr[r] && p.leo[r] < p.log.logEndOffset() &&
            now - p.lastCaughtUpMs[r] > m_config.replicaLagTimeMaxMs) {
            p.inIsr[r] = false;
            changed = true;
        }
    }
    if (changed) {
        notifyIsr(p);
        updateHighWatermark(p, now);
    }
}

void Cluster::updateHighWatermark(PartitionState &p, std::int64_t now)
{
    if (p.leaderIndex < 0)
        return;
    std::int64_t hw = p.log.logEndOffset();
    for (std::size_t r = 0; r < p.replicas.size(); ++r) {
        if (p.inIsr[r])
            hw = std::min(hw, p.leo[r]);
    }
    if (hw > p.highWatermark)
        p.highWatermark = hw;
    completeWaiters(p, now);
}

void Cluster::completeWaiters(PartitionState &p, std::int64_t now)
{
    (void)now;
    while (!p.waiters.empty() && p.waiters.front().requiredOffset <= p.highWatermark) {
        PartitionState::Waiter w = std::move(p.waiters.front());
        p.waiters.pop_front();
        ProduceResult result;
        result.partition = p.partition;
        result.baseOffset = w.baseOffset;
        result.recordCount = w.count;
        result.logAppendTimeMs = w.appendTimeMs;
        // Appended, but the ISR shrank below min.insync.replicas meanwhile.
        if (p.isrSize() < p.log.config().minInsyncReplicas) {
            result.error = ErrorCode::NotEnoughReplicasAfterAppend;
            result.baseOffset = -1;
        }
        if (w.callback)
            w.callback(result);
    }
}

void Cluster::failWaiters(PartitionState &p, ErrorCode error)
{
    std::deque<PartitionState::Waiter> waiters;
    waiters.swap(p.waiters);
    for (auto &w : waiters) {
        ProduceResult result;
        result.error = error;
        result.partition = p.partition;
        result.recordCount = w.count;
        if (w.callback)
            w.callback(result);
    }
}

void Cluster::expireWaiters(PartitionState &p, std::int64_t now)
{
    p.timeoutAtMs = -1;
    std::vector<PartitionState::Waiter> expired;
    std::int64_t nextDeadline = -1;
    for (auto it = p.waiters.begin(); it != p.waiters.end();) {
        if (it->deadlineMs <= now) {
            expired.push_back(std::move(*it));
            it = p.waiters.erase(it);
        } else {
            if (nextDeadline < 0 || it->deadlineMs < nextDeadline)
                nextDeadline = it->deadlineMs;
            ++it;
        }
    }
    if (nextDeadline >= 0)
        scheduleTimeout(p, nextDeadline);
    for (auto &w : expired) {
        ProduceResult result;
        result.error = ErrorCode::RequestTimedOut;
        result.partition = p.partition;
        result.recordCount = w.count;
        if (w.callback)
            w.callback(result);
    }
}

void Cluster::notifyIsr(PartitionState &p)
{
    if (m_observers.empty())
        return;
    std::vector<std::int32_t> members;
    if (p.leaderIndex >= 0 && p.inIsr[std::size_t(p.leaderIndex)])
        members.push_back(p.leaderBroker());
    for (std::size_t r = 0; r < p.replicas.size(); ++r) {
        if (p.inIsr[r] && std::int32_t(r) != p.leaderIndex)
            members.push_back(p.replicas[r]);
    }
    notify([&](BrokerObserver *o) { o->onIsrChange(p.topic, p.partition, members); });
}

// --- leadership and failures --------------------------------------------------------------------

void Cluster::truncate(PartitionState &p, std::int64_t newEnd, const std::string &reason,
                       std::vector<LostRecords> &lost)
{
    const std::int64_t oldEnd = p.log.logEndOffset();
    if (newEnd >= oldEnd)
        return;
    p.log.truncateTo(newEnd);
    newEnd = p.log.logEndOffset();
    for (auto &leo : p.leo)
        leo = std::min(leo, newEnd);
    p.highWatermark = std::min(p.highWatermark, newEnd);
    // Idempotence state must forget truncated batches, or their retries would be "duplicates".
    for (auto it = p.producers.begin(); it != p.producers.end();) {
        auto &recent = it->second.recent;
        while (!recent.empty() && recent.back().baseOffset >= newEnd)
            recent.pop_back();
        if (recent.empty()) {
            it = p.producers.erase(it);
        } else {
            it->second.lastSequence = recent.back().lastSequence;
            ++it;
        }
    }
    LostRecords l{p.topic, p.partition, newEnd, oldEnd - 1, reason};
    notify([&](BrokerObserver *o) {
        o->onRecordsLost(l.topic, l.partition, l.firstOffset, l.lastOffset, l.reason);
    });
    lost.push_back(l);
    m_lost.push_back(std::move(l));
}

void Cluster::electLeader(PartitionState &p, std::int64_t now, std::vector<LostRecords> &lost)
{
    std::int32_t candidate = -1;
    for (std::size_t r = 0; r < p.replicas.size() && candidate < 0; ++r) {
        if (p.inIsr[r] && m_brokerUp[std::size_t(p.replicas[r])])
            candidate = std::int32_t(r);
    }
    bool unclean = false;
    if (candidate < 0 && p.log.config().uncleanLeaderElectionEnable) {
        for (std::size_t r = 0; r < p.replicas.size() && candidate < 0; ++r) {
            if (m_brokerUp[std::size_t(p.replicas[r])])
                candidate = std::int32_t(r);
        }
        unclean = candidate >= 0;
    }
    const bool hadLeader = p.leaderIndex >= 0;
    if (!hadLeader && candidate < 0)
        return; // still offline, nothing changed
    ++p.leaderEpoch;
    for (std::size_t r = 0; r < p.replicas.size(); ++r)
        cancelFetch(p, r);
    // Requests waiting on the old leader fail; the producer retries against the new one.
    failWaiters(p, ErrorCode::NotLeaderOrFollower);
    p.leaderIndex = candidate;
    p.isrCheckAtMs = -1;
    p.isrCheckToken = m_nextToken++;
    if (candidate < 0) {
        notify([&](BrokerObserver *o) { o->onLeaderChange(p.topic, p.partition, -1, p.leaderEpoch); });
        return;
    }
    const auto c = std::size_t(candidate);
    const std::int32_t broker = p.replicas[c];
    if (p.leo[c] < p.log.logEndOffset()) {
        const std::string reason =
            unclean ? "unclean leader election: out-of-sync broker " + std::to_string(broker) +
                          " became leader (unclean.leader.election.enable=true)"
                    : "leader election: new leader broker " + std::to_string(broker) +
                          " never received these records (acknowledged with acks=0/1 only)";
        truncate(p, p.leo[c], reason, lost);
    }
    if (unclean) {
        std::fill(p.inIsr.begin(), p.inIsr.end(), false);
        p.inIsr[c] = true;
    }
    p.leo[c] = p.log.logEndOffset();
    for (auto &t : p.lastCaughtUpMs)
        t = now; // the new leader starts tracking its followers afresh
    notify([&](BrokerObserver *o) { o->onLeaderChange(p.topic, p.partition, broker, p.leaderEpoch); });
    notifyIsr(p);
    for (std::size_t r = 0; r < p.replicas.size(); ++r)
        startFollowerFetch(p, std::int32_t(r), now);
    updateHighWatermark(p, now);
    scheduleIsrCheck(p);
}

void Cluster::replicaDown(PartitionState &p, std::int32_t replica, std::int64_t now,
                          std::vector<LostRecords> &lost)
{
    const auto r = std::size_t(replica);
    cancelFetch(p, r);
    // The controller fences a dead broker: it leaves the ISR at once, unless it is the last member
    // (Kafka keeps the last ISR member so that a clean election stays possible when it returns).
    const bool shrink = p.inIsr[r] && p.isrSize() > 1;
    if (shrink)
        p.inIsr[r] = false;
    if (replica == p.leaderIndex) {
        electLeader(p, now, lost);
    } else if (shrink) {
        notifyIsr(p);
        updateHighWatermark(p, now);
        scheduleIsrCheck(p);
    }
}

std::vector<LostRecords> Cluster::setBrokerUp(std::int32_t brokerId, bool up, ErrorCode *error)
{
    std::vector<LostRecords> lost;
    if (brokerId < 0 || brokerId >= std::int32_t(m_brokerUp.size())) {
        if (error)
            *error = ErrorCode::InvalidRequest;
        return lost;
    }
    if (error)
        *error = ErrorCode::None;
    if (m_brokerUp[std::size_t(brokerId)] == up)
        return lost;
    m_brokerUp[std::size_t(brokerId)] = up;
    notify([&](BrokerObserver *o) { o->onBrokerState(brokerId, up); });
    const std::int64_t now = m_clock.nowMs();
    for (PartitionState *p : m_partitions) {
        const std::int32_t r = p->replicaIndexOf(brokerId);
        if (r < 0)
            continue;
        if (!up) {
            replicaDown(*p, r, now, lost);
        } else if (p->leaderIndex < 0) {
            electLeader(*p, now, lost);
        } else {
            // Back as a follower: it catches up from where it stopped and rejoins the ISR.
            startFollowerFetch(*p, r, now);
        }
    }
    return lost;
}

ErrorCode Cluster::setReplicaFetchDelayMs(std::int32_t brokerId, std::int64_t delayMs)
{
    if (brokerId < 0 || brokerId >= std::int32_t(m_brokerUp.size()) || delayMs < 0)
        return ErrorCode::InvalidRequest;
    m_fetchDelayMs[std::size_t(brokerId)] = delayMs;
    return ErrorCode::None;
}

bool Cluster::isBrokerUp(std::int32_t brokerId) const
{
    return brokerId >= 0 && brokerId < std::int32_t(m_brokerUp.size()) && m_brokerUp[std::size_t(brokerId)];
}

// --- fetch and offsets --------------------------------------------------------------------------

FetchResult Cluster::fetch(const std::string &topic, std::int32_t partition, std::int64_t offset,
                           std::int32_t maxRecords)
{
    FetchResult result;
    fetch(topic, partition, offset, maxRecords, result);
    return result;
}

ErrorCode Cluster::fetch(const std::string &topic, std::int32_t partition, std::int64_t offset,
                         std::int32_t maxRecords, FetchResult &out)
{
    if (read(topic, partition, offset, maxRecords, out) == ErrorCode::None && !m_observers.empty()) {
        const auto n = std::int32_t(out.records.size());
        notify([&](BrokerObserver *o) { o->onFetch(topic, partition, offset, n); });
    }
    return out.error;
}

ErrorCode Cluster::fetch(PartitionHandle partition, std::int64_t offset, std::int32_t maxRecords,
                         FetchResult &out)
{
    const PartitionState *p = find(partition);
    if (readFrom(p, offset, maxRecords, out) == ErrorCode::None && !m_observers.empty()) {
        const auto n = std::int32_t(out.records.size());
        notify([&](BrokerObserver *o) { o->onFetch(p->topic, p->partition, offset, n); });
    }
    return out.error;
}

ErrorCode Cluster::read(const std::string &topic, std::int32_t partition, std::int64_t offset,
                        std::int32_t maxRecords, FetchResult &out) const
{
    return readFrom(find(topic, partition), offset, maxRecords, out);
}

ErrorCode Cluster::readFrom(const PartitionState *p, std::int64_t offset, std::int32_t maxRecords,
                            FetchResult &out)
{
    out.records.clear();
    out.highWatermark = out.logStartOffset = out.logEndOffset = -1;
    if (!p)
        return out.error = ErrorCode::UnknownTopicOrPartition;
    if (maxRecords < 1)
        return out.error = ErrorCode::InvalidRequest;
    if (p->leaderIndex < 0)
        return out.error = ErrorCode::LeaderNotAvailable;
    out.highWatermark = p->highWatermark;
    out.logStartOffset = p->log.logStartOffset();
    out.logEndOffset = p->log.logEndOffset();
    if (offset < out.logStartOffset || offset > out.logEndOffset)
        return out.error = ErrorCode::OffsetOutOfRange;
    p->log.read(offset, p->highWatermark, maxRecords, out.records);
    return out.error = ErrorCode::None;
}

std::int64_t Cluster::logStartOffset(const std::string &topic, std::int32_t partition) const
{
    const PartitionState *p = find(topic, partition);
    return p ? p->log.logStartOffset() : -1;
}

std::int64_t Cluster::logEndOffset(const std::string &topic, std::int32_t partition) const
{
    const PartitionState *p = find(topic, partition);
    return p ? p->log.logEndOffset() : -1;
}

std::int64_t Cluster::highWatermark(const std::string &topic, std::int32_t partition) const
{
    const PartitionState *p = find(topic, partition);
    return p ? p->highWatermark : -1;
}

PartitionHandle Cluster::partitionHandle(const std::string &topic, std::int32_t partition) const
{
    const PartitionState *p = find(topic, partition);
    return p ? PartitionHandle{p->index} : PartitionHandle{};
}

std::int64_t Cluster::logStartOffset(PartitionHandle partition) const
{
    const PartitionState *p = find(partition);
    return p ? p->log.logStartOffset() : -1;
}

std::int64_t Cluster::logEndOffset(PartitionHandle partition) const
{
    const PartitionState *p = find(partition);
    return p ? p->log.logEndOffset() : -1;
}

std::int64_t Cluster::highWatermark(PartitionHandle partition) const
{
    const PartitionState *p = find(partition);
    return p ? p->highWatermark : -1;
}

std::int32_t Cluster::leader(PartitionHandle partition) const
{
    const PartitionState *p = find(partition);
    return p ? p->leaderBroker() : -1;
}

std::int64_t Cluster::logSizeBytes(const std::string &topic, std::int32_t partition) const
{
    const PartitionState *p = find(topic, partition);
    return p ? p->log.sizeBytes() : -1;
}

std::int32_t Cluster::segmentCount(const std::string &topic, std::int32_t partition) const
{
    const PartitionState *p = find(topic, partition);
    return p ? p->log.segmentCount() : -1;
}

std::int32_t Cluster::leader(const std::string &topic, std::int32_t partition) const
{
    const PartitionState *p = find(topic, partition);
    return p ? p->leaderBroker() : -1;
}

std::int32_t Cluster::leaderEpoch(const std::string &topic, std::int32_t partition) const
{
    const PartitionState *p = find(topic, partition);
    return p ? p->leaderEpoch : -1;
}

std::vector<std::int32_t> Cluster::replicas(const std::string &topic, std::int32_t partition) const
{
    const PartitionState *p = find(topic, partition);
    return p ? p->replicas : std::vector<std::int32_t>{};
}

std::vector<std::int32_t> Cluster::isr(const std::string &topic, std::int32_t partition) const
{
    std::vector<std::int32_t> members;
    const PartitionState *p = find(topic, partition);
    if (!p)
        return members;
    for (std::size_t r = 0; r < p->replicas.size(); ++r) {
        if (p->inIsr[r])
            members.push_back(p->replicas[r]);
    }
    return members;
}

std::int64_t Cluster::replicaLogEndOffset(const std::string &topic, std::int32_t partition,
                                          std::int32_t brokerId) const
{
    const PartitionState *p = find(topic, partition);
    if (!p)
        return -1;
    const std::int32_t r = p->replicaIndexOf(brokerId);
    return r < 0 ? -1 : p->leo[std::size_t(r)];
}

// --- time ---------------------------------------------------------------------------------------

void Cluster::schedule(std::int64_t timeMs, int kind, std::uint32_t partitionIndex, std::int32_t replicaIndex,
                       std::uint64_t token)
{
    m_events.push_back(Event{timeMs, m_eventSequence++, kind, partitionIndex, replicaIndex, token});
    std::push_heap(m_events.begin(), m_events.end(), std::greater<>());
}

void Cluster::markMaintenanceNeeded(std::int64_t now)
{
    if (m_maintenanceNeeded)
        return;
    m_maintenanceNeeded = true;
    // Stay on the log.retention.check.interval.ms grid that started with the cluster.
    if (m_nextMaintenanceMs < now) {
        const std::int64_t interval = m_config.logRetentionCheckIntervalMs;
        m_nextMaintenanceMs += (now - m_nextMaintenanceMs + interval - 1) / interval * interval;
    }
}

std::optional<std::int64_t> Cluster::nextDeadlineMs() const
{
    std::optional<std::int64_t> next;
    auto consider = [&next](std::int64_t t) {
        if (!next || t < *next)
            next = t;
    };
    if (!m_events.empty())
        consider(m_events.front().timeMs);
    if (m_maintenanceNeeded)
        consider(m_nextMaintenanceMs);
    for (const TimeDriven *c : m_components) {
        if (const auto t = c->nextDeadlineMs())
            consider(*t);
    }
    return next;
}

void Cluster::advance(std::int64_t nowMs)
{
    while (true) {
        // The earliest due item; on equal times events go first, then maintenance, then components
        // in attach order: a fixed order keeps runs reproducible.
        std::int64_t best = std::numeric_limits<std::int64_t>::max();
        int source = -1;
        TimeDriven *component = nullptr;
        if (!m_events.empty()) {
            best = m_events.front().timeMs;
            source = 0;
        }
        if (m_maintenanceNeeded && m_nextMaintenanceMs < best) {
            best = m_nextMaintenanceMs;
            source = 1;
        }
        for (TimeDriven *c : m_components) {
            const auto t = c->nextDeadlineMs();
            if (t && *t < best) {
                best = *t;
                source = 2;
                component = c;
            }
        }
        if (source < 0 || best > nowMs)
            return;
        if (source == 0) {
            std::pop_heap(m_events.begin(), m_events.end(), std::greater<>());
            const Event event = m_events.back();
            m_events.pop_back();
            runEvent(event);
        } else if (source == 1) {
            m_nextMaintenanceMs = best + m_config.logRetentionCheckIntervalMs;
            runLogMaintenance(best);
        } else {
            component->advance(best);
        }
    }
}

void Cluster::runEvent(const Event &event)
{
    PartitionState &p = *m_partitions[event.partitionIndex];
    switch (event.kind) {
    case kFollowerFetch:
        if (p.fetchToken[std::size_t(event.replicaIndex)] == event.token &&
            p.fetchPending[std::size_t(event.replicaIndex)])
            completeFollowerFetch(p, event.replicaIndex, event.timeMs);
        break;
    case kIsrCheck:
        if (p.isrCheckToken == event.token) {
            p.isrCheckAtMs = -1;
            checkIsr(p, event.timeMs);
            scheduleIsrCheck(p);
        }
        break;
    case kProduceTimeout:
        if (p.timeoutToken == event.token)
            expireWaiters(p, event.timeMs);
        break;
    default:
        break;
    }
}

void Cluster::runLogMaintenance(std::int64_t now)
{
    bool stillNeeded = false;
    for (PartitionState *p : m_partitions) {
        if (p->leaderIndex < 0) {
            stillNeeded = stillNeeded || maintainable(p->log);
            continue;
        }
        if (m_config.logCleanerEnable)
            p->log.compact(now, p->highWatermark);
        if (p->log.applyRetention(now, p->highWatermark)) {
            const std::int64_t start = p->log.logStartOffset();
            notify([&](BrokerObserver *o) { o->onRetention(p->topic, p->partition, start); });
        }
        stillNeeded = stillNeeded || maintainable(p->log);
    }
    m_maintenanceNeeded = stillNeeded;
}

void Cluster::attach(TimeDriven *component)
{
    if (component && std::find(m_components.begin(), m_components.end(), component) == m_components.end())
        m_components.push_back(component);
}

void Cluster::detach(TimeDriven *component)
{
    m_components.erase(std::remove(m_components.begin(), m_components.end(), component), m_components.end());
}

void Cluster::addObserver(BrokerObserver *observer)
{
    if (observer && std::find(m_observers.begin(), m_observers.end(), observer) == m_observers.end())
        m_observers.push_back(observer);
}

void Cluster::removeObserver(BrokerObserver *observer)
{
    m_observers.erase(std::remove(m_observers.begin(), m_observers.end(), observer), m_observers.end());
}

} // namespace postoffice::broker
