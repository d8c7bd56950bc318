#include "SampleCollector.h"

#include "RunWorld.h"

#include <utility>

namespace postoffice::app {

void SampleCollector::sample(ArchitectureSample &out, bool withPercentiles)
{
    const ConsumerGroupDriver &consumers = m_world.consumers;
    out.architecture = m_world.index;
    out.nodes.clear();
    for (std::size_t i = 0; i < m_world.nodes.size(); ++i) {
        NodeRuntime &n = m_world.nodes[i];
        if (n.kind == NodeKind::Topic || n.kind == NodeKind::Broker)
            continue;
        NodeSample s;
        s.node = int(i);
        s.arrivals = n.second.arrivals;
        s.completions = n.second.completions;
        s.failures = n.second.failures;
        s.timeouts = n.second.timeouts;
        s.retries = n.second.retries;
        s.queue_len = std::uint32_t(n.queue.size());
        for (std::uint32_t g : n.groups)
            s.queue_len += std::uint32_t(consumers.groupLag(m_world.groups[g]));
        s.busy = std::uint32_t(n.busy + n.memberBusy);
        if (withPercentiles) {
            s.p50_ms = float(n.secondLatency.percentile(0.50));
            s.p95_ms = float(n.secondLatency.percentile(0.95));
            s.p99_ms = float(n.secondLatency.percentile(0.99));
        }
        n.secondLatency.clear();
        n.lastSecond = std::exchange(n.second, NodeCounters{});
        out.nodes.push_back(s);
    }
    out.groups.clear();
    for (std::size_t gi = 0; gi < m_world.groups.size(); ++gi) {
        GroupRuntime &g = m_world.groups[gi];
        GroupSample s;
        s.group = int(gi);
        s.partition_lag.resize(g.committed.size());
        for (std::size_t p = 0; p < g.committed.size(); ++p) {
            s.partition_lag[p] = consumers.partitionLag(g, int(p));
            s.lag += s.partition_lag[p];
        }
        // max_lag, drain_s (DESIGN.md §8): a new peak restarts the drain clock.
        if (s.lag > g.maxLag) {
            g.maxLag = s.lag;
            g.peakAt = m_world.now;
            g.drainS.reset();
        } else if (!g.drainS && g.maxLag > 0 && double(s.lag) <= std::max(10.0, 0.01 * double(g.maxLag))) {
            g.drainS = m_world.now - g.peakAt;
        }
        g.lastLag = s.lag;
        out.groups.push_back(std::move(s));
    }
    m_world.orders.sample(out.orders, withPercentiles);
}

ArchitectureSummary SampleCollector::summary(double runTimeS) const
{
    ArchitectureSummary s;
    s.name = m_world.name;
    m_world.orders.summarise(s);
    for (const NodeRuntime &n : m_world.nodes) {
        if (n.kind != NodeKind::Service && n.kind != NodeKind::Stream)
            continue;
        const int capacity = (n.servesCalls ? n.workers : 0) + n.members;
        if (capacity == 0 && n.outEdges.empty())
            continue; // not part of this architecture
        ServiceSummary svc;
        svc.id = n.spec->id;
        svc.completed = n.completed;
        svc.failed = n.failed;
        const double busy = n.busyIntegral + double(n.busy + n.memberBusy) * (m_world.now - n.lastBusyChange);
        svc.utilization = capacity > 0 && runTimeS > 0 ? busy / (double(capacity) * runTimeS) : 0.0;
        if (n.started > 0)
            svc.mean_wait_ms = n.waitSumS / double(n.started) * 1000.0;
        if (n.completed > 0)
            svc.mean_latency_ms = n.latencySumS / double(n.completed) * 1000.0;
        s.services.push_back(svc);
    }
    for (const GroupRuntime &g : m_world.groups) {
        GroupSummary gs;
        gs.group = g.name;
        gs.max_lag = g.maxLag;
        gs.end_lag = m_world.consumers.groupLag(g);
        gs.drain_s = g.drainS;
        gs.redelivered = g.redelivered;
        s.groups.push_back(gs);
    }
    return s;
}

NodeState SampleCollector::nodeState(const QString &node) const
{
    NodeState s;
    const int i = m_world.nodeIndex(node);
    if (i < 0 || m_world.nodes.empty())
        return s;
    const NodeRuntime &n = m_world.nodes[std::size_t(i)];
    const broker::Cluster *cluster = m_world.broker.cluster();
    // A node fails visibly when it is told to (an error rate) and also when its requests fail for
    // any reason: in the tight shop checkout fails because notification is down, and a trainer's
    // room should see that. Above 5 % of the last second's outcomes, so a rare error does not blink.
    const std::uint32_t outcomes = n.lastSecond.completions + n.lastSecond.failures;
    const bool failingNow = outcomes > 0 && n.lastSecond.failures * 20 > outcomes;
    const bool brokerDown = n.kind == NodeKind::Broker && cluster && !cluster->isBrokerUp(n.spec->broker_id);
    if (n.down || brokerDown)
        s.health = NodeHealth::Down;
    else if (n.errorRate > 0 || failingNow)
        s.health = NodeHealth::Failing;
    else if (n.slowFactor != 1.0 || n.slowAddS > 0)
        s.health = NodeHealth::Slow;
    s.queue_len = int(n.queue.size());
    for (std::uint32_t g : n.groups)
        s.queue_len += int(m_world.consumers.groupLag(m_world.groups[g]));
    s.busy = n.busy + n.memberBusy;
    s.workers = (n.servesCalls ? n.workers : 0) + n.members;
    s.failures = n.failed;
    s.completions = n.completed;
    return s;
}

std::vector<PartitionState> SampleCollector::topicState(const QString &topic) const
{
    std::vector<PartitionState> out;
    const int node = m_world.nodeIndex(topic);
    const broker::Cluster *cluster = m_world.broker.cluster();
    for (const TopicRuntime &t : m_world.topics) {
        if (int(t.node) != node)
            continue;
        for (int p = 0; p < t.partitions; ++p) {
            PartitionState s;
            s.partition = p;
            s.log_start = cluster->logStartOffset(t.name, p);
            s.log_end = cluster->logEndOffset(t.name, p);
            s.high_watermark = cluster->highWatermark(t.name, p);
            s.leader = cluster->leader(t.name, p);
            for (std::uint32_t gi : t.groups)
                s.groups.push_back({m_world.groups[gi].name, m_world.groups[gi].committed[std::size_t(p)]});
            out.push_back(std::move(s));
        }
    }
    return out;
}

std::vector<GroupState> SampleCollector::groupStates() const
{
    std::vector<GroupState> out;
    for (const GroupRuntime &g : m_world.groups) {
        GroupState s;
        s.group = g.name;
        s.topic = m_world.nodes[m_world.topics[std::size_t(g.topic)].node].spec->id;
        s.service = m_world.nodes[g.node].spec->id;
        for (std::size_t p = 0; p < g.committed.size(); ++p) {
            s.partition_lag.push_back(m_world.consumers.partitionLag(g, int(p)));
            s.lag += s.partition_lag.back();
        }
        for (const MemberRuntime &m : g.members) {
            if (!m.alive)
                continue;
            ++s.members;
            if (m.partitions.empty())
                ++s.idle_members;
        }
        s.generation = g.generation;
        s.redelivered = g.redelivered;
        out.push_back(std::move(s));
    }
    return out;
}

QStringList SampleCollector::groupNames() const
{
    QStringList names;
    for (const GroupRuntime &g : m_world.groups)
        names << g.name;
    return names;
}

std::vector<quint64> SampleCollector::groupRedeliveries() const
{
    std::vector<quint64> out;
    for (const GroupRuntime &g : m_world.groups)
        out.push_back(g.redelivered);
    return out;
}

} // namespace postoffice::app
