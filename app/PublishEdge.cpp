#include "PublishEdge.h"

#include "Partitioner.h"
#include "RunWorld.h"
#include "SimulationObserver.h"

#include <algorithm>
#include <charconv>

namespace postoffice::app {

void PublishEdge::start(std::uint32_t r, std::uint32_t edge)
{
    const EdgeRuntime &e = m_world.edges[edge];
    const TopicRuntime &t = m_world.topics[std::size_t(e.topic)];
    const std::uint32_t order = m_world.services[r].order;
    const double now = m_world.now;
    if (m_world.faults.cut(e.from, e.to)) {
        m_world.queue.push(now, EvPublishAck, r, 0);
        return;
    }
    char keyBuffer[24];
    char valueBuffer[64];
    const std::uint64_t id = order == Request::kNone ? 0 : m_world.orders[order].id;
    const auto keyEnd = std::to_chars(keyBuffer, keyBuffer + sizeof keyBuffer, id).ptr;
    const std::string_view key(keyBuffer, std::size_t(keyEnd - keyBuffer));
    const std::uint16_t category = m_world.services[r].category;
    int valueLength = 0;
    {
        // A small readable payload for the topic browser: which order, which category.
        char *p = valueBuffer;
        const char prefix[] = "order=";
        p = std::copy(prefix, prefix + 6, p);
        p = std::to_chars(p, valueBuffer + 30, id).ptr;
        const char *name = kCategoryNames[category % kCategories];
        *p++ = ' ';
        while (*name)
            *p++ = *name++;
        valueLength = int(p - valueBuffer);
    }
    broker::RecordRef record;
    if (e.keyed)
        record.key = key;
    record.value = std::string_view(valueBuffer, std::size_t(valueLength));
    const std::int32_t partition = e.keyed ? broker::partitionForKey(key, t.partitions) : -1;

    BrokerLink &broker = m_world.broker;
    broker.syncClock();
    // acks=0: the producer never hears from the broker; a record sent to an offline leader is gone.
    const bool lostUnseen = e.acks == broker::Acks::None && partition >= 0 &&
                            broker.cluster()->leader(t.handles[std::size_t(partition)]) < 0;
    // Two words of capture: std::function keeps it inline instead of allocating per record.
    broker::ProduceCallback acked = [this, r](const broker::ProduceResult &result) {
        const double at = double(m_world.broker.nowMs()) / 1000.0;
        m_world.queue.push(std::max(m_world.now, at) + 2 * m_world.latencyS, EvPublishAck, r,
                           result.error == broker::ErrorCode::None ? 1 : 0);
    };
    broker.produce(e.topic, partition, record, e.acks, order, category, std::move(acked));
    m_world.message(edge, int(MessageKind::Publish), now, now + m_world.latencyS);
    if (lostUnseen && order != Request::kNone) {
        m_world.orders[order].lost = LossReason::Acks0LeaderDown;
        const QString &topic = m_world.nodes[e.to].spec->id;
        m_world.emitEvent(SimEventKind::RecordsLost, topic,
                          QStringLiteral("acks=0 record sent to an offline leader of %1: lost").arg(topic),
                          1);
    }
    broker.changed();
}

void PublishEdge::appendDerived(std::uint32_t edge, std::uint16_t category, std::uint64_t count)
{
    const EdgeRuntime &e = m_world.edges[edge];
    const TopicRuntime &t = m_world.topics[std::size_t(e.topic)];
    if (m_world.faults.cut(e.from, e.to))
        return;
    const char *name = kCategoryNames[category % kCategories];
    char valueBuffer[32];
    const auto valueEnd = std::to_chars(valueBuffer, valueBuffer + sizeof valueBuffer, count).ptr;
    broker::RecordRef record;
    record.key = std::string_view(name);
    record.value = std::string_view(valueBuffer, std::size_t(valueEnd - valueBuffer));
    m_world.broker.syncClock();
    m_world.broker.produce(e.topic, broker::partitionForKey(*record.key, t.partitions), record, e.acks,
                           Request::kNone, category, [](const broker::ProduceResult &) {});
    m_world.message(edge, int(MessageKind::Publish), m_world.now, m_world.now + m_world.latencyS);
    m_world.broker.changed();
}

void PublishEdge::onAck(std::uint32_t r, bool ok)
{
    if (!ok) {
        m_world.services.finishRequest(r, false);
        return;
    }
    ++m_world.services[r].edgeCursor;
    m_world.services.runEdges(r);
}

} // namespace postoffice::app
