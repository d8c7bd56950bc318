#include "BrokerLink.h"

#include "RunWorld.h"

#include <QStringList>

#include <cmath>

namespace postoffice::app {

BrokerLink::~BrokerLink()
{
    if (m_cluster)
        m_cluster->removeObserver(this);
}

QString BrokerLink::create(const ClusterSpec &spec)
{
    broker::ClusterConfig clusterConfig;
    clusterConfig.replicaFetchDelayMs = std::int64_t(std::llround(spec.replica_fetch_delay_ms));
    clusterConfig.replicaLagTimeMaxMs = std::int64_t(std::llround(spec.replica_lag_time_max_ms));
    m_cluster = std::make_unique<broker::Cluster>(std::max(1, spec.brokers), m_clock, clusterConfig);
    for (TopicRuntime &t : m_world.topics) {
        const NodeSpec &node = *m_world.nodes[t.node].spec;
        broker::TopicConfig config;
        config.partitions = t.partitions;
        config.replicationFactor = std::int16_t(std::max(1, node.replication_factor));
        for (const auto &[key, value] : spec.config) {
            // Broker defaults apply to topics when they are topic-level settings too.
            broker::TopicConfig probe = config;
            if (probe.set(key.toStdString(), value.toStdString()) == broker::ErrorCode::None)
                config = probe;
        }
        for (const auto &[key, value] : node.config) {
            std::string why;
            if (config.set(key.toStdString(), value.toStdString(), &why) != broker::ErrorCode::None)
                return QStringLiteral("topic \"%1\": config %2: %3")
                    .arg(node.id, key, QString::fromStdString(why));
        }
        std::string why;
        if (config.validate(&why) != broker::ErrorCode::None)
            return QStringLiteral("topic \"%1\": %2").arg(node.id, QString::fromStdString(why));
        const broker::ErrorCode created = m_cluster->createTopic(t.name, config);
        if (created != broker::ErrorCode::None)
            return QStringLiteral("topic \"%1\" cannot be created: %2 (replication factor %3, %4 brokers)")
                .arg(node.id, QString::fromLatin1(broker::errorName(created)))
                .arg(config.replicationFactor)
                .arg(m_cluster->brokerCount());
        for (int p = 0; p < t.partitions; ++p)
            t.handles.push_back(m_cluster->partitionHandle(t.name, p));
    }
    // Listen from now on: the first leaders and in-sync replicas of new topics are not news.
    m_cluster->addObserver(this);
    return {};
}

void BrokerLink::syncClock()
{
    m_clock.setMs(std::int64_t(std::floor(m_world.now * 1000.0 + 1e-6)));
}

void BrokerLink::produce(int topic, std::int32_t partition, const broker::RecordRef &record,
                         broker::Acks acks, std::uint32_t order, std::uint16_t category,
                         broker::ProduceCallback acked)
{
    const TopicRuntime &t = m_world.topics[std::size_t(topic)];
    m_appendingOrder = order;
    m_appendingCategory = category;
    m_appendingTopic = topic;
    broker::ProduceOptions options;
    options.acks = acks;
    const std::span<const broker::RecordRef> records(&record, 1);
    if (partition >= 0)
        m_cluster->produce(t.handles[std::size_t(partition)], records, options, std::move(acked));
    else
        m_cluster->produce(t.name, partition, records, options,
                           std::move(acked)); // the broker spreads null keys
    m_appendingOrder = Request::kNone;
    m_appendingTopic = -1;
}

void BrokerLink::onAppend(const std::string &topic, std::int32_t partition, std::int64_t baseOffset,
                          std::int32_t count)
{
    int ti = m_appendingTopic;
    // An append from outside the scenario (a real Kafka client under `serve`) belongs to no order,
    // but it takes offsets: the engine keeps one entry per offset so later records stay aligned.
    const bool external = ti < 0;
    if (external)
        ti = topicIndex(topic);
    if (ti < 0 || m_world.topics[std::size_t(ti)].name != topic)
        return;
    TopicRuntime &t = m_world.topics[std::size_t(ti)];
    if (t.groups.empty())
        return; // nobody will read it: nothing for an order to wait for
    PartitionRuntime &p = t.parts[std::size_t(partition)];
    if (p.entries.empty())
        p.base = baseOffset;
    for (std::int32_t i = 0; i < count; ++i) {
        p.entries.push_back(RecordEntry{external ? Request::kNone : m_appendingOrder,
                                        external ? std::uint16_t(0) : m_appendingCategory, m_world.now});
        // Every subscribing group owes this order one processing of the record.
        for (std::size_t g = 0; g < t.groups.size(); ++g)
            m_world.orders.acquire(m_appendingOrder);
    }
    p.end = std::max(p.end, baseOffset + count);
    m_wakeups.emplace_back(ti, partition);
}

void BrokerLink::changed()
{
    if (!m_cluster)
        return;
    if (m_refreshAll) {
        m_refreshAll = false;
        m_wakeups.clear();
        for (std::size_t t = 0; t < m_world.topics.size(); ++t)
            for (int p = 0; p < m_world.topics[t].partitions; ++p)
                m_wakeups.emplace_back(int(t), p);
    }
    // Swap out first: waking consumers produces records, which queue further wake-ups.
    std::vector<std::pair<int, int>> wakeups;
    wakeups.swap(m_wakeups);
    for (const auto &[topic, partition] : wakeups)
        refreshHighWatermark(topic, partition);
    wakeups.clear();
    if (m_wakeups.empty())
        m_wakeups.swap(wakeups); // keep the capacity
    const auto deadline = m_cluster->nextDeadlineMs();
    m_tickAt = deadline ? std::max(m_world.now, double(*deadline) / 1000.0)
                        : std::numeric_limits<double>::infinity();
}

void BrokerLink::refreshHighWatermark(int topic, int partition)
{
    TopicRuntime &t = m_world.topics[std::size_t(topic)];
    PartitionRuntime &part = t.parts[std::size_t(partition)];
    const std::int64_t hw = m_cluster->highWatermark(t.handles[std::size_t(partition)]);
    const bool grew = hw > part.hw;
    part.hw = hw;
    part.end = std::max(part.end, hw);
    if (grew)
        m_world.consumers.wakeWaiting(topic, partition);
}

void BrokerLink::onTick()
{
    m_tickAt = std::numeric_limits<double>::infinity();
    syncClock();
    m_cluster->advance(m_clock.nowMs());
    // Replication may have moved high watermarks that still trail the log end.
    for (std::size_t t = 0; t < m_world.topics.size(); ++t)
        for (int p = 0; p < m_world.topics[t].partitions; ++p) {
            const PartitionRuntime &part = m_world.topics[t].parts[std::size_t(p)];
            if (part.hw < part.end)
                m_wakeups.emplace_back(int(t), p);
        }
    changed();
}

void BrokerLink::setBrokerUp(int brokerNode, bool up)
{
    if (!m_cluster || brokerNode < 0)
        return;
    syncClock();
    ++m_epoch;
    m_cluster->setBrokerUp(m_world.nodes[std::size_t(brokerNode)].spec->broker_id, up);
    m_refreshAll = true;
    changed();
}

int BrokerLink::topicIndex(const std::string &topic) const
{
    for (std::size_t t = 0; t < m_world.topics.size(); ++t)
        if (m_world.topics[t].name == topic)
            return int(t);
    return -1;
}

void BrokerLink::onRecordsLost(const std::string &topic, std::int32_t partition, std::int64_t firstOffset,
                               std::int64_t lastOffset, const std::string &reason)
{
    ++m_epoch; // what consumers fetched may be gone or unreadable now
    const int ti = topicIndex(topic);
    if (ti < 0)
        return;
    const LossReason why =
        reason.find("unclean") != std::string::npos ? LossReason::UncleanElection : LossReason::Truncation;
    m_refreshAll = true;
    m_world.consumers.onTruncated(ti, partition, firstOffset, lastOffset, why);
    m_world.emitEvent(SimEventKind::RecordsLost, m_world.nodes[m_world.topics[std::size_t(ti)].node].spec->id,
                      QStringLiteral("%1 records of %2[%3] lost: %4")
                          .arg(lastOffset - firstOffset + 1)
                          .arg(QString::fromStdString(topic))
                          .arg(partition)
                          .arg(QString::fromStdString(reason)),
                      lastOffset - firstOffset + 1);
}

void BrokerLink::onRetention(const std::string &topic, std::int32_t partition, std::int64_t newLogStartOffset)
{
    ++m_epoch; // what consumers fetched may be gone or unreadable now
    const int ti = topicIndex(topic);
    if (ti < 0)
        return;
    m_world.consumers.onLogStartMoved(ti, partition, newLogStartOffset);
}

void BrokerLink::onLeaderChange(const std::string &topic, std::int32_t partition, std::int32_t leader,
                                std::int32_t leaderEpoch)
{
    ++m_epoch; // what consumers fetched may be gone or unreadable now
    const int ti = topicIndex(topic);
    if (ti < 0)
        return;
    m_refreshAll = true;
    m_world.emitEvent(SimEventKind::LeaderChange,
                      m_world.nodes[m_world.topics[std::size_t(ti)].node].spec->id,
                      leader < 0 ? QStringLiteral("%1[%2] is offline: no replica can lead")
                                       .arg(QString::fromStdString(topic))
                                       .arg(partition)
                                 : QStringLiteral("%1[%2]: broker %3 leads (epoch %4)")
                                       .arg(QString::fromStdString(topic))
                                       .arg(partition)
                                       .arg(leader)
                                       .arg(leaderEpoch));
}

void BrokerLink::onIsrChange(const std::string &topic, std::int32_t partition,
                             const std::vector<std::int32_t> &isr)
{
    const int ti = topicIndex(topic);
    if (ti < 0 || !m_world.observer)
        return;
    // A shrinking ISR is what makes acks=all with min.insync.replicas refuse writes (and what an
    // unclean election would lose): worth seeing as it happens.
    QStringList brokers;
    for (std::int32_t b : isr)
        brokers << QString::number(b);
    m_world.emitEvent(
        SimEventKind::IsrChange, m_world.nodes[m_world.topics[std::size_t(ti)].node].spec->id,
        QStringLiteral("%1[%2] in-sync replicas: [%3]%4")
            .arg(QString::fromStdString(topic))
            .arg(partition)
            .arg(brokers.join(QLatin1Char(',')))
            .arg(isr.empty() ? QString() : QStringLiteral(", broker %1 leads").arg(isr.front())),
        qint64(isr.size()));
}

} // namespace postoffice::app
