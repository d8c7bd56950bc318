#include "Cluster.h"

#include "PartitionState.h"
#include "Partitioner.h"
#include "ProducerStateManager.h"
#include "Topic.h"

#include <algorithm>
#include <limits>

namespace postoffice::broker {

namespace {

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

} // namespace

Cluster::Cluster(std::int32_t brokerCount, const Clock &clock, ClusterConfig config)
    : m_clock(clock), m_config(config), m_brokerUp(std::size_t(std::max(brokerCount, 1)), true),
      m_waiters(m_events), m_replication(m_config, m_brokerUp, m_events, m_waiters, m_observers),
      m_election(m_brokerUp, m_events, m_replication, m_waiters, m_observers),
      m_retention(m_config, m_observers, clock.nowMs()), m_assignment(std::int32_t(m_brokerUp.size()))
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
    if (config.replicationFactor > std::int32_t(m_brokerUp.size()))
        return ErrorCode::InvalidReplicationFactor;

    auto topic = std::make_unique<Topic>(name, config);
    auto assignment = m_assignment.assignTopic(config.partitions, config.replicationFactor);
    for (std::int32_t p = 0; p < config.partitions; ++p) {
        auto state = std::make_unique<PartitionState>(topic->name, p, std::uint32_t(m_partitions.size()),
                                                      config, std::move(assignment[std::size_t(p)]));
        m_partitions.push_back(state.get());
        m_partitionTopics.push_back(topic.get());
        topic->partitions.push_back(std::move(state));
    }
    Topic *raw = topic.get();
    m_topicsByName.emplace(name, raw);
    m_topics.push_back(std::move(topic));

    const std::int64_t now = m_clock.nowMs();
    for (auto &p : raw->partitions) {
        m_observers.notify([&](BrokerObserver *o) {
            o->onLeaderChange(name, p->partition, p->leaderBroker(), p->leaderEpoch);
        });
        m_replication.notifyIsr(*p);
        // Brokers already down leave the new ISR (or the leadership) at once, as on a live failure.
        // A new log is empty: nothing can be truncated, so no loss to collect.
        std::vector<LostRecords> none;
        for (std::size_t r = 0; r < p->replicas.size(); ++r) {
            if (!m_brokerUp[std::size_t(p->replicas[r])])
                m_election.replicaDown(*p, std::int32_t(r), now, none);
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
    m_observers.notify([&](BrokerObserver *o) { o->onProduceRejected(topic, partition, count, error); });
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
        const ProducerStateManager::Check check = ProducerStateManager::check(p, options, count);
        if (check.error != ErrorCode::None)
            return reject(topic, partition, count, check.error, callback);
        if (check.duplicateOf >= 0)
            return respond(p, options, check.duplicateOf, count, now, std::move(callback));
        producer = check.producer;
    }

    const std::int64_t oldEnd = p.log.logEndOffset();
    const std::int64_t base = p.log.append(records, now);
    p.leo[std::size_t(p.leaderIndex)] = p.log.logEndOffset();
    if (producer)
        ProducerStateManager::appended(*producer, options, count, base);
    if (LogRetention::maintainable(p.log))
        m_retention.markNeeded(now);
    m_observers.notify([&](BrokerObserver *o) { o->onAppend(topic, partition, base, count); });
    m_replication.afterLeaderAppend(p, oldEnd, now);
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
    m_waiters.wait(p, base, count, now, now + std::max<std::int64_t>(options.timeoutMs, 0),
                   std::move(callback));
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
    m_observers.notify([&](BrokerObserver *o) { o->onBrokerState(brokerId, up); });
    const std::int64_t now = m_clock.nowMs();
    for (PartitionState *p : m_partitions) {
        const std::int32_t r = p->replicaIndexOf(brokerId);
        if (r < 0)
            continue;
        if (!up) {
            m_election.replicaDown(*p, r, now, lost);
        } else if (p->leaderIndex < 0) {
            m_election.electLeader(*p, now, lost);
        } else {
            // Back as a follower: it catches up from where it stopped and rejoins the ISR.
            m_replication.startFollowerFetch(*p, r, now);
        }
    }
    return lost;
}

ErrorCode Cluster::setReplicaFetchDelayMs(std::int32_t brokerId, std::int64_t delayMs)
{
    if (brokerId < 0 || brokerId >= std::int32_t(m_brokerUp.size()) || delayMs < 0)
        return ErrorCode::InvalidRequest;
    m_replication.setFetchDelayMs(brokerId, delayMs);
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
        m_observers.notify([&](BrokerObserver *o) { o->onFetch(topic, partition, offset, n); });
    }
    return out.error;
}

ErrorCode Cluster::fetch(PartitionHandle partition, std::int64_t offset, std::int32_t maxRecords,
                         FetchResult &out)
{
    const PartitionState *p = find(partition);
    if (readFrom(p, offset, maxRecords, out) == ErrorCode::None && !m_observers.empty()) {
        const auto n = std::int32_t(out.records.size());
        m_observers.notify([&](BrokerObserver *o) { o->onFetch(p->topic, p->partition, offset, n); });
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

std::optional<std::int64_t> Cluster::nextDeadlineMs() const
{
    std::optional<std::int64_t> next;
    auto consider = [&next](std::int64_t t) {
        if (!next || t < *next)
            next = t;
    };
    if (!m_events.empty())
        consider(m_events.nextTimeMs());
    if (m_retention.pending())
        consider(m_retention.nextCheckMs());
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
            best = m_events.nextTimeMs();
            source = 0;
        }
        if (m_retention.pending() && m_retention.nextCheckMs() < best) {
            best = m_retention.nextCheckMs();
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
            runEvent(m_events.pop());
        } else if (source == 1) {
            m_retention.run(best, m_partitions);
        } else {
            component->advance(best);
        }
    }
}

void Cluster::runEvent(const ClusterEvents::Event &event)
{
    PartitionState &p = *m_partitions[event.partitionIndex];
    switch (event.kind) {
    case ClusterEvents::FollowerFetch:
        m_replication.fetchDue(p, event.replicaIndex, event.token, event.timeMs);
        break;
    case ClusterEvents::IsrCheck:
        m_replication.isrCheckDue(p, event.token, event.timeMs);
        break;
    case ClusterEvents::ProduceTimeout:
        m_waiters.timeoutDue(p, event.token, event.timeMs);
        break;
    }
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
    m_observers.add(observer);
}

void Cluster::removeObserver(BrokerObserver *observer)
{
    m_observers.remove(observer);
}

} // namespace postoffice::broker
