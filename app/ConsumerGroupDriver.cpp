#include "ConsumerGroupDriver.h"

#include "RunWorld.h"
#include "SimulationObserver.h"

#include <limits>

namespace postoffice::app {

void ConsumerGroupDriver::formGroups()
{
    broker::Cluster *cluster = m_world.broker.cluster();
    for (std::size_t g = 0; g < m_world.groups.size(); ++g) {
        // The run starts with every group formed (its consumers joined before traffic began).
        GroupRuntime &group = m_world.groups[g];
        const TopicRuntime &topic = m_world.topics[std::size_t(group.topic)];
        const std::size_t parts = std::size_t(topic.partitions);
        group.resetPartitions(parts);
        if (!group.resetEarliest && cluster) {
            for (std::size_t p = 0; p < parts; ++p) {
                const std::int64_t end = cluster->logEndOffset(topic.handles[p]);
                group.position[p] = group.committed[p] = group.processed[p] = end;
            }
        }
        m_membership.emplace_back(static_cast<GroupMembership::Host &>(*this), std::uint32_t(g), topic.name,
                                  topic.partitions, m_world.nodes[group.node].spec->id);
        m_membership.back().form(group, m_world.now);
        if (group.autoCommit)
            m_world.queue.push(group.autoCommitS, EvCommit, std::uint32_t(g));
    }
}

void ConsumerGroupDriver::onPoll(std::uint32_t group, std::uint32_t member, std::uint32_t epoch)
{
    if (m_world.groups[group].members[member].epoch == epoch)
        poll(group, member);
}

void ConsumerGroupDriver::onSessionTimeout(std::uint32_t group, std::uint32_t member, std::uint32_t epoch)
{
    m_membership[group].onSessionTimeout(m_world.groups[group], member, epoch, m_world.now);
}

void ConsumerGroupDriver::onRebalanceRound(std::uint32_t group, std::uint32_t round)
{
    m_membership[group].onRebalanceRound(m_world.groups[group], round, m_world.now);
}

void ConsumerGroupDriver::wakeWaiting(int topic, int partition)
{
    PartitionRuntime &p = m_world.topics[std::size_t(topic)].parts[std::size_t(partition)];
    if (!p.waiting)
        return;
    p.waiting = false;
    for (std::uint32_t gi : m_world.topics[std::size_t(topic)].groups) {
        GroupRuntime &g = m_world.groups[gi];
        const int owner = g.owner[std::size_t(partition)];
        if (owner >= 0 && g.members[std::size_t(owner)].waiting)
            poll(gi, std::uint32_t(owner));
    }
}

void ConsumerGroupDriver::poll(std::uint32_t gi, std::uint32_t mi)
{
    GroupRuntime &g = m_world.groups[gi];
    MemberRuntime &member = g.members[mi];
    NodeRuntime &n = m_world.nodes[g.node];
    if (!member.alive || member.busy || member.partitions.empty() || n.down)
        return;
    TopicRuntime &t = m_world.topics[std::size_t(g.topic)];
    member.waiting = false;
    if (m_world.faults.cut(t.node, g.node)) {
        member.waiting = true; // fetches across a cut link stall until it heals
        return;
    }
    broker::Cluster &cluster = *m_world.broker.cluster();
    const std::size_t count = member.partitions.size();
    for (std::size_t k = 0; k < count; ++k) {
        const int p = member.partitions[(member.nextPick + k) % count];
        std::int64_t &position = g.position[std::size_t(p)];
        if (position >= t.parts[std::size_t(p)].hw || g.paused[std::size_t(p)])
            continue; // nothing new, or revoked by the rebalance in progress
        if (!fetched(g, p, position)) {
            const broker::PartitionHandle handle = t.handles[std::size_t(p)];
            const broker::ErrorCode error = cluster.fetch(handle, position, 1, m_fetch);
            if (error == broker::ErrorCode::OffsetOutOfRange) {
                // auto.offset.reset: the log moved on under the consumer.
                const std::int64_t start = cluster.logStartOffset(handle);
                if (position < start) {
                    chargeLost(g.topic, p, position, start, gi, LossReason::Retention);
                    position = g.resetEarliest ? start : cluster.logEndOffset(handle);
                } else {
                    position = cluster.highWatermark(handle);
                }
                continue;
            }
            if (error != broker::ErrorCode::None || m_fetch.records.empty())
                continue;
            FetchedRange &range = g.fetched[std::size_t(p)];
            range.from = position;
            range.brokerEpoch = m_world.broker.epoch();
        }
        const std::int64_t offset = position++;
        member.nextPick = (member.nextPick + k + 1) % count;
        const PartitionRuntime &part = t.parts[std::size_t(p)];
        RecordEntry entry;
        entry.appendedAt = m_world.now;
        if (offset >= part.base && offset < part.base + std::int64_t(part.entries.size()))
            entry = part.entries[std::size_t(offset - part.base)];
        // A redelivered record whose order is settled is processed again but charged to nobody.
        const bool duplicate = offset < g.processed[std::size_t(p)];
        if (duplicate)
            ++g.redelivered;
        ServiceStation &services = m_world.services;
        const std::uint32_t r =
            services.newRequest(duplicate ? Request::kNone : entry.order, g.node, RequestOrigin::Record);
        Request &q = services[r];
        q.arrivedAt = entry.appendedAt;
        q.category = entry.category;
        q.member = mi;
        q.group = gi;
        q.partition = p;
        q.offset = offset;
        q.parentGen = member.epoch;
        member.busy = true;
        member.busyPartition = p;
        ++n.arrivals;
        ++n.second.arrivals;
        m_world.message(g.edge, int(MessageKind::Deliver), m_world.now, m_world.now + m_world.latencyS);
        services.startService(r);
        return;
    }
    member.waiting = true;
    for (int p : member.partitions)
        t.parts[std::size_t(p)].waiting = true;
}

bool ConsumerGroupDriver::fetched(const GroupRuntime &g, int partition, std::int64_t offset) const
{
    // The caller checked offset < the high watermark. With the same leader and log start as at the
    // session's first fetch, a fetch there would return the record: no need to ask the broker.
    const FetchedRange &range = g.fetched[std::size_t(partition)];
    return range.brokerEpoch == m_world.broker.epoch() && offset >= range.from;
}

void ConsumerGroupDriver::onRecordProcessed(std::uint32_t r, bool ok)
{
    ServiceStation &services = m_world.services;
    const Request q = services[r];
    GroupRuntime &g = m_world.groups[q.group];
    MemberRuntime &member = g.members[q.member];
    const bool current = member.alive && member.epoch == q.parentGen;
    if (!ok && current) {
        // At-least-once: the consumer does not move on; it processes the same record again.
        Request &again = services[r];
        again.edgeCursor = 0;
        again.lowStock = false;
        again.inService = false;
        services.startService(r);
        return;
    }
    if (ok && q.offset == g.processed[std::size_t(q.partition)]) {
        ++g.processed[std::size_t(q.partition)];
        const PartitionRuntime &part = m_world.topics[std::size_t(g.topic)].parts[std::size_t(q.partition)];
        if (q.offset >= part.base && q.offset < part.base + std::int64_t(part.entries.size()))
            m_world.orders.release(
                part.entries[std::size_t(q.offset - part.base)].order); // the group's share
        trimEntries(g.topic, q.partition);
        if (!g.autoCommit && current)
            commit(q.group, q.partition); // commitSync after every record (a crashed consumer cannot)
    }
    m_world.orders.release(q.order);
    services.freeRequest(r);
    if (current) {
        member.busy = false;
        member.busyPartition = -1;
        poll(q.group, q.member);
        // It has rejoined: the round may be complete now. A call of its own keeps the record
        // path as lean as it was before the protocol moved out (callgrind, bench_sim).
        if (g.rebalancing)
            m_membership[q.group].tryCompleteRebalance(g, m_world.now);
    }
}

void ConsumerGroupDriver::chargeLost(int topic, int partition, std::int64_t from, std::int64_t to,
                                     std::uint32_t onlyGroup, LossReason reason)
{
    TopicRuntime &t = m_world.topics[std::size_t(topic)];
    PartitionRuntime &part = t.parts[std::size_t(partition)];
    for (std::uint32_t gi : t.groups) {
        if (onlyGroup != Request::kNone && gi != onlyGroup)
            continue;
        GroupRuntime &g = m_world.groups[gi];
        std::int64_t &processed = g.processed[std::size_t(partition)];
        for (std::int64_t offset = std::max(from, processed); offset < to; ++offset) {
            if (offset < part.base || offset >= part.base + std::int64_t(part.entries.size()))
                continue;
            const std::uint32_t order = part.entries[std::size_t(offset - part.base)].order;
            m_world.orders.markLost(order, reason);
            m_world.orders.release(order);
        }
        processed = std::max(processed, to);
    }
}

void ConsumerGroupDriver::trimEntries(int topic, int partition)
{
    TopicRuntime &t = m_world.topics[std::size_t(topic)];
    PartitionRuntime &part = t.parts[std::size_t(partition)];
    std::int64_t low = std::numeric_limits<std::int64_t>::max();
    for (std::uint32_t gi : t.groups)
        low = std::min(low, m_world.groups[gi].processed[std::size_t(partition)]);
    while (!part.entries.empty() && part.base < low) {
        part.entries.pop_front();
        ++part.base;
    }
    if (part.entries.empty() && low != std::numeric_limits<std::int64_t>::max())
        part.base = std::max(part.base, low);
}

void ConsumerGroupDriver::commit(std::uint32_t gi, int partition)
{
    GroupRuntime &g = m_world.groups[gi];
    g.committed[std::size_t(partition)] = g.processed[std::size_t(partition)];
}

void ConsumerGroupDriver::onCommitTick(std::uint32_t gi)
{
    GroupRuntime &g = m_world.groups[gi];
    // auto.commit.interval.ms: live owners commit what they have processed.
    for (std::size_t p = 0; p < g.owner.size(); ++p)
        if (g.owner[p] >= 0 && g.members[std::size_t(g.owner[p])].alive && !m_world.nodes[g.node].down)
            commit(gi, int(p));
    m_world.queue.push(m_world.now + g.autoCommitS, EvCommit, gi);
}

void ConsumerGroupDriver::onTruncated(int topic, int partition, std::int64_t first, std::int64_t last,
                                      LossReason why)
{
    TopicRuntime &t = m_world.topics[std::size_t(topic)];
    chargeLost(topic, partition, first, last + 1, Request::kNone, why);
    // The truncated offsets will be written again by new records: forget them and pull every
    // group's pointers back to the new log end.
    PartitionRuntime &p = t.parts[std::size_t(partition)];
    p.end = std::min(p.end, first);
    while (!p.entries.empty() && p.base + std::int64_t(p.entries.size()) > first)
        p.entries.pop_back();
    if (p.entries.empty())
        p.base = first;
    for (std::uint32_t g : t.groups) {
        GroupRuntime &gr = m_world.groups[g];
        gr.position[std::size_t(partition)] = std::min(gr.position[std::size_t(partition)], first);
        gr.processed[std::size_t(partition)] = std::min(gr.processed[std::size_t(partition)], first);
        gr.committed[std::size_t(partition)] = std::min(gr.committed[std::size_t(partition)], first);
    }
}

void ConsumerGroupDriver::onLogStartMoved(int topic, int partition, std::int64_t logStart)
{
    TopicRuntime &t = m_world.topics[std::size_t(topic)];
    qint64 lost = 0;
    for (std::uint32_t g : t.groups)
        lost += std::max<std::int64_t>(0, logStart - m_world.groups[g].processed[std::size_t(partition)]);
    chargeLost(topic, partition, 0, logStart, Request::kNone, LossReason::Retention);
    for (std::uint32_t g : t.groups) {
        GroupRuntime &gr = m_world.groups[g];
        auto &position = gr.position[std::size_t(partition)];
        position =
            std::max(position,
                     gr.resetEarliest ? logStart : m_world.broker.cluster()->logEndOffset(t.name, partition));
        gr.committed[std::size_t(partition)] = std::max(gr.committed[std::size_t(partition)], logStart);
    }
    trimEntries(topic, partition);
    if (lost > 0)
        m_world.emitEvent(SimEventKind::RecordsLost, m_world.nodes[t.node].spec->id,
                          QStringLiteral("retention deleted %1 unread records of %2[%3]")
                              .arg(lost)
                              .arg(QString::fromStdString(t.name))
                              .arg(partition),
                          lost);
}

void ConsumerGroupDriver::crashAll(std::uint32_t node)
{
    for (std::uint32_t gi : m_world.nodes[node].groups)
        for (std::uint32_t m = 0; m < m_world.groups[gi].members.size(); ++m)
            m_membership[gi].crash(m_world.groups[gi], m, m_world.now);
}

void ConsumerGroupDriver::crashSome(std::uint32_t node, int count)
{
    for (std::uint32_t gi : m_world.nodes[node].groups) {
        int crashed = 0;
        for (std::uint32_t m = 0; m < m_world.groups[gi].members.size() && crashed < count; ++m) {
            if (m_world.groups[gi].members[m].alive) {
                m_membership[gi].crash(m_world.groups[gi], m, m_world.now);
                ++crashed;
            }
        }
    }
}

void ConsumerGroupDriver::rejoinAll(std::uint32_t node)
{
    for (std::uint32_t gi : m_world.nodes[node].groups)
        for (std::uint32_t m = 0; m < m_world.groups[gi].members.size(); ++m)
            m_membership[gi].rejoin(m_world.groups[gi], m, m_world.now);
}

void ConsumerGroupDriver::pollWaiting()
{
    for (std::uint32_t gi = 0; gi < m_world.groups.size(); ++gi)
        for (std::uint32_t m = 0; m < m_world.groups[gi].members.size(); ++m)
            if (m_world.groups[gi].members[m].waiting)
                poll(gi, m);
}

std::int64_t ConsumerGroupDriver::partitionLag(const GroupRuntime &g, int partition) const
{
    const broker::PartitionHandle handle =
        m_world.topics[std::size_t(g.topic)].handles[std::size_t(partition)];
    return std::max<std::int64_t>(0, m_world.broker.cluster()->logEndOffset(handle) -
                                         g.committed[std::size_t(partition)]);
}

std::int64_t ConsumerGroupDriver::groupLag(const GroupRuntime &g) const
{
    std::int64_t lag = 0;
    for (std::size_t p = 0; p < g.committed.size(); ++p)
        lag += partitionLag(g, int(p));
    return lag;
}

int ConsumerGroupDriver::groupIndex(const QString &name) const
{
    for (std::size_t g = 0; g < m_world.groups.size(); ++g)
        if (m_world.groups[g].name == name)
            return int(g);
    return -1;
}

const GroupRuntime &ConsumerGroupDriver::group(std::uint32_t group) const
{
    return m_world.groups[group];
}

const std::string &ConsumerGroupDriver::topicName(std::uint32_t group) const
{
    return m_world.topics[std::size_t(m_world.groups[group].topic)].name;
}

void ConsumerGroupDriver::share(std::uint32_t group)
{
    m_world.groups[group].shared = true;
}

void ConsumerGroupDriver::revokeShared(std::uint32_t group)
{
    m_membership[group].revokeShared(m_world.groups[group]);
}

void ConsumerGroupDriver::assignShared(std::uint32_t group, std::vector<std::vector<int>> partitions,
                                       const QStringList &outside, const std::string &protocol)
{
    m_membership[group].assignShared(m_world.groups[group], std::move(partitions), outside, protocol,
                                     m_world.now);
}

void ConsumerGroupDriver::unshare(std::uint32_t group)
{
    m_membership[group].unshare(m_world.groups[group], m_world.now);
}

void ConsumerGroupDriver::externalCommit(std::uint32_t gi, int partition, std::int64_t offset)
{
    GroupRuntime &g = m_world.groups[gi];
    const std::size_t p = std::size_t(partition);
    g.committed[p] = offset; // a client may seek back and commit less: the next owner starts there
    if (offset <= g.processed[p])
        return;
    const PartitionRuntime &part = m_world.topics[std::size_t(g.topic)].parts[p];
    const std::int64_t end = part.base + std::int64_t(part.entries.size());
    for (std::int64_t o = std::max(g.processed[p], part.base); o < std::min(offset, end); ++o)
        m_world.orders.release(part.entries[std::size_t(o - part.base)].order); // the group's share
    g.processed[p] = offset;
    trimEntries(g.topic, partition);
}

void ConsumerGroupDriver::scheduleSessionTimeout(double at, std::uint32_t group, std::uint32_t member,
                                                 std::uint32_t epoch)
{
    m_world.queue.push(at, EvSessionTimeout, group, member, epoch);
}

void ConsumerGroupDriver::scheduleRebalanceRound(double at, std::uint32_t group, std::uint32_t round)
{
    m_world.queue.push(at, EvRebalanceRound, group, round);
}

void ConsumerGroupDriver::schedulePoll(double at, std::uint32_t group, std::uint32_t member,
                                       std::uint32_t epoch)
{
    m_world.queue.push(at, EvMemberPoll, group, member, epoch);
}

void ConsumerGroupDriver::commitPartition(std::uint32_t group, int partition)
{
    commit(group, partition);
}

void ConsumerGroupDriver::announce(SimEvent &&event)
{
    m_world.announce(std::move(event));
}

} // namespace postoffice::app
