#include "ArchitectureRun.h"

#include "Assignor.h"
#include "Distribution.h"
#include "Partitioner.h"
#include "SimulationObserver.h"

#include <QJsonValue>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>

namespace postoffice::app {

namespace {

// Random stream purposes (see Rng::forStream): fixed numbers, so adding one never shifts another.
enum StreamPurpose : std::uint64_t { Arrivals = 1, Categories = 2, ServiceTimes = 3, Errors = 4, Filter = 5 };

constexpr int kCategories = 8;

const char *const kCategoryNames[kCategories] = {"books", "games",  "garden", "kitchen",
                                                 "music", "sports", "toys",   "tools"};

QString lossReasonName(LossReason reason)
{
    switch (reason) {
    case LossReason::Acks0LeaderDown:
        return QStringLiteral("acks0_leader_down");
    case LossReason::UncleanElection:
        return QStringLiteral("unclean_election");
    case LossReason::Truncation:
        return QStringLiteral("leader_failover_truncation");
    case LossReason::Retention:
        return QStringLiteral("retention");
    case LossReason::None:
        break;
    }
    return QStringLiteral("none");
}

broker::Acks parseAcks(const QString &acks)
{
    if (acks == QLatin1String("0"))
        return broker::Acks::None;
    if (acks == QLatin1String("1"))
        return broker::Acks::Leader;
    return broker::Acks::All;
}

SimEvent makeEvent(double t, int architecture, SimEventKind kind, const QString &node, const QString &text,
                   qint64 count)
{
    SimEvent e;
    e.t_s = t;
    e.kind = kind;
    e.architecture = architecture;
    e.node = node;
    e.text = text;
    e.count = count;
    return e;
}

// Events of the build (every group's first generation) are kept for the observer that attaches
// after it; with no observer and no build, nobody is told.
void deliverEvent(SimulationObserver *observer, bool building, std::vector<SimEvent> &kept, SimEvent &&e)
{
    if (observer)
        observer->onEvent(e);
    else if (building)
        kept.push_back(std::move(e));
}

} // namespace

ArchitectureRun::ArchitectureRun(const Scenario &scenario, const ArchitectureSpec &architecture, int index,
                                 quint64 seed, double horizonS, QString *error)
    : m_name(architecture.name), m_index(index), m_horizon(horizonS)
{
    m_building = true;
    if (!build(scenario, architecture, seed, error)) {
        m_queue = EventQueue();
        m_nodes.clear();
        m_buildEvents.clear();
    }
    m_building = false;
}

ArchitectureRun::~ArchitectureRun()
{
    if (m_cluster)
        m_cluster->removeObserver(this);
}

bool ArchitectureRun::build(const Scenario &scenario, const ArchitectureSpec &architecture, quint64 seed,
                            QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = QStringLiteral("architecture \"%1\": %2").arg(architecture.name, message);
        return false;
    };
    m_latencyS = std::max(0.0, scenario.cluster.network_latency_ms) / 1000.0;
    m_hopLane = m_queue.addLane();

    m_nodes.resize(scenario.nodes.size());
    for (std::size_t i = 0; i < scenario.nodes.size(); ++i) {
        const NodeSpec &spec = scenario.nodes[i];
        if (m_nodeIndex.contains(spec.id))
            return fail(QStringLiteral("node id \"%1\" is used twice").arg(spec.id));
        m_nodeIndex.insert(spec.id, int(i));
        NodeRuntime &n = m_nodes[i];
        n.spec = &spec;
        n.kind = spec.kind;
        n.arrivalRng = Rng::forStream(seed, spec.id, Arrivals);
        n.categoryRng = Rng::forStream(seed, spec.id, Categories);
        n.serviceRng = Rng::forStream(seed, spec.id, ServiceTimes);
        n.errorRng = Rng::forStream(seed, spec.id, Errors);
        n.filterRng = Rng::forStream(seed, spec.id, Filter);
        n.workers = std::max(0, spec.workers);
        n.serviceTime = Distribution::prepare(spec.service_time);
        if (spec.stock)
            n.stock = spec.stock->initial;
        if (spec.kind == NodeKind::Stream)
            n.windowCounts.assign(kCategories, 0);
        if (spec.kind == NodeKind::Service || spec.kind == NodeKind::Stream) {
            if (spec.service_time.mean_ms < 0)
                return fail(QStringLiteral("node \"%1\": negative service time").arg(spec.id));
        }
    }

    // Topics exist in this architecture only when one of its edges uses them.
    std::vector<int> topicOfNode(m_nodes.size(), -1);
    const auto topicFor = [&](std::uint32_t node) {
        if (topicOfNode[node] < 0) {
            topicOfNode[node] = int(m_topics.size());
            TopicRuntime t;
            t.name = m_nodes[node].spec->id.toStdString();
            t.node = node;
            t.partitions = std::max(1, m_nodes[node].spec->partitions);
            t.parts.resize(std::size_t(t.partitions));
            m_topics.push_back(std::move(t));
        }
        return topicOfNode[node];
    };

    m_edges.resize(architecture.edges.size());
    for (std::size_t i = 0; i < architecture.edges.size(); ++i) {
        const EdgeSpec &spec = architecture.edges[i];
        const int from = nodeIndex(spec.from);
        const int to = nodeIndex(spec.to);
        if (from < 0)
            return fail(QStringLiteral("edge %1 comes from unknown node \"%2\"").arg(i).arg(spec.from));
        if (to < 0)
            return fail(QStringLiteral("edge %1 goes to unknown node \"%2\"").arg(i).arg(spec.to));
        EdgeRuntime &e = m_edges[i];
        e.spec = &spec;
        e.kind = spec.kind;
        e.from = std::uint32_t(from);
        e.to = std::uint32_t(to);
        e.onLowStock = spec.trigger == QLatin1String("low_stock");
        const NodeKind fromKind = m_nodes[e.from].kind;
        const NodeKind toKind = m_nodes[e.to].kind;
        const bool worker =
            fromKind == NodeKind::Producer || fromKind == NodeKind::Service || fromKind == NodeKind::Stream;
        switch (spec.kind) {
        case EdgeKind::Call:
            if (!worker || (toKind != NodeKind::Service && toKind != NodeKind::Stream))
                return fail(
                    QStringLiteral("call edge %1 must go from a producer or service to a service").arg(i));
            e.timeoutS = spec.timeout_ms ? *spec.timeout_ms / 1000.0 : -1.0;
            if (e.timeoutS >= 0)
                e.timeoutLane = m_queue.addLane(); // every attempt's timer, a fixed time ahead
            e.retries = std::max(0, spec.retries);
            e.backoffS = std::max(0.0, spec.backoff_ms) / 1000.0;
            if (spec.circuit_breaker)
                e.breaker.emplace(*spec.circuit_breaker);
            e.bulkhead = spec.bulkhead ? *spec.bulkhead : -1;
            m_nodes[e.from].outEdges.push_back(std::uint32_t(i));
            m_nodes[e.to].servesCalls = true;
            break;
        case EdgeKind::Publish:
            if (!worker || toKind != NodeKind::Topic)
                return fail(
                    QStringLiteral("publish edge %1 must go from a producer or service to a topic").arg(i));
            e.acks = parseAcks(spec.acks);
            e.keyed = !spec.key.isEmpty();
            e.topic = topicFor(e.to);
            m_nodes[e.from].outEdges.push_back(std::uint32_t(i));
            break;
        case EdgeKind::Subscribe: {
            if (fromKind != NodeKind::Topic || (toKind != NodeKind::Service && toKind != NodeKind::Stream))
                return fail(QStringLiteral("subscribe edge %1 must go from a topic to a service").arg(i));
            if (spec.consumers < 1)
                return fail(QStringLiteral("subscribe edge %1 needs at least one consumer").arg(i));
            e.topic = topicFor(e.from);
            GroupRuntime g;
            g.name = spec.group.isEmpty() ? spec.to : spec.group;
            g.memberPrefix = g.name.toStdString() + "-consumer-";
            g.edge = std::uint32_t(i);
            g.topic = e.topic;
            g.node = e.to;
            g.autoCommit = spec.enable_auto_commit;
            g.autoCommitS = std::max(0.001, spec.auto_commit_interval_ms / 1000.0);
            g.resetEarliest = spec.auto_offset_reset != QLatin1String("latest");
            g.sessionTimeoutS = spec.session_timeout_ms / 1000.0;
            std::unique_ptr<broker::Assignor> assignor =
                broker::Assignor::create(spec.assignor.toStdString());
            g.assignor = assignor ? std::move(assignor) : broker::Assignor::create("range");
            g.members.resize(std::size_t(spec.consumers));
            e.group = int(m_groups.size());
            m_topics[std::size_t(e.topic)].groups.push_back(std::uint32_t(e.group));
            m_nodes[e.to].groups.push_back(std::uint32_t(e.group));
            m_nodes[e.to].members += spec.consumers;
            m_groups.push_back(std::move(g));
            break;
        }
        }
    }

    if (!m_topics.empty()) {
        broker::ClusterConfig config;
        config.replicaFetchDelayMs = std::int64_t(std::llround(scenario.cluster.replica_fetch_delay_ms));
        config.replicaLagTimeMaxMs = std::int64_t(std::llround(scenario.cluster.replica_lag_time_max_ms));
        m_cluster = std::make_unique<broker::Cluster>(std::max(1, scenario.cluster.brokers), m_clock, config);
        for (TopicRuntime &t : m_topics) {
            const NodeSpec &spec = *m_nodes[t.node].spec;
            broker::TopicConfig config;
            config.partitions = t.partitions;
            config.replicationFactor = std::int16_t(std::max(1, spec.replication_factor));
            for (const auto &[key, value] : scenario.cluster.config) {
                // Broker defaults apply to topics when they are topic-level settings too.
                broker::TopicConfig probe = config;
                if (probe.set(key.toStdString(), value.toStdString()) == broker::ErrorCode::None)
                    config = probe;
            }
            for (const auto &[key, value] : spec.config) {
                std::string why;
                if (config.set(key.toStdString(), value.toStdString(), &why) != broker::ErrorCode::None)
                    return fail(QStringLiteral("topic \"%1\": config %2: %3")
                                    .arg(spec.id, key, QString::fromStdString(why)));
            }
            std::string why;
            if (config.validate(&why) != broker::ErrorCode::None)
                return fail(QStringLiteral("topic \"%1\": %2").arg(spec.id, QString::fromStdString(why)));
            const broker::ErrorCode created = m_cluster->createTopic(t.name, config);
            if (created != broker::ErrorCode::None)
                return fail(
                    QStringLiteral("topic \"%1\" cannot be created: %2 (replication factor %3, %4 brokers)")
                        .arg(spec.id, QString::fromLatin1(broker::errorName(created)))
                        .arg(config.replicationFactor)
                        .arg(m_cluster->brokerCount()));
            for (int p = 0; p < t.partitions; ++p)
                t.handles.push_back(m_cluster->partitionHandle(t.name, p));
        }
        // Listen from now on: the first leaders and in-sync replicas of new topics are not news.
        m_cluster->addObserver(this);
    }

    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        NodeRuntime &n = m_nodes[i];
        if (n.kind == NodeKind::Producer && !n.outEdges.empty()) {
            const TrafficSpec &t = n.spec->traffic;
            if (t.rate_per_s < 0 || t.to_rate_per_s < 0 || t.spike_rate_per_s < 0)
                return fail(QStringLiteral("producer \"%1\": negative rate").arg(n.spec->id));
            m_producers.push_back(std::uint32_t(i));
            scheduleArrival(std::uint32_t(i));
        }
        if (n.kind == NodeKind::Stream && n.spec->operation == StreamOperation::Aggregate &&
            n.spec->window_s > 0)
            m_queue.push(n.spec->window_s, EvWindow, std::uint32_t(i));
    }
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        // The run starts with every group formed (its consumers joined before traffic began).
        GroupRuntime &group = m_groups[g];
        const std::size_t parts = std::size_t(m_topics[std::size_t(group.topic)].partitions);
        group.resetPartitions(parts);
        if (!group.resetEarliest && m_cluster) {
            for (std::size_t p = 0; p < parts; ++p) {
                const std::int64_t end =
                    m_cluster->logEndOffset(m_topics[std::size_t(group.topic)].handles[p]);
                group.position[p] = group.committed[p] = group.processed[p] = end;
            }
        }
        m_membership.emplace_back(static_cast<GroupMembership::Host &>(*this), std::uint32_t(g),
                                  m_topics[std::size_t(group.topic)].name,
                                  m_topics[std::size_t(group.topic)].partitions,
                                  m_nodes[group.node].spec->id);
        m_membership.back().form(group, m_now);
        if (m_groups[g].autoCommit)
            m_queue.push(m_groups[g].autoCommitS, EvCommit, std::uint32_t(g));
    }
    return true;
}

void ArchitectureRun::setObserver(SimulationObserver *observer, bool messages)
{
    m_observer = observer;
    m_messages = observer && messages;
    m_percentiles = observer != nullptr;
    if (m_observer) {
        const std::vector<SimEvent> events = std::move(m_buildEvents);
        m_buildEvents.clear();
        for (const SimEvent &e : events)
            m_observer->onEvent(e);
    }
}

// ---------------------------------------------------------------------------------------------
// event loop

void ArchitectureRun::runThrough(double t)
{
    while (nextEventTime() <= t)
        processNext();
    m_now = std::max(m_now, t);
}

void ArchitectureRun::processNext()
{
    // At equal times the broker goes first: what it completes is visible to the events at that time.
    if (m_brokerTickAt <= (m_queue.empty() ? std::numeric_limits<double>::infinity() : m_queue.nextTime())) {
        m_now = m_brokerTickAt;
        ++m_events;
        onBrokerTick();
        return;
    }
    const Event e = m_queue.pop();
    m_now = e.t;
    ++m_events;
    dispatch(e);
}

void ArchitectureRun::dispatch(const Event &e)
{
    switch (e.type) {
    case EvArrival:
        onArrival(e.a, e.b);
        break;
    case EvServiceDone:
        onServiceDone(e.a);
        break;
    case EvCallArrive:
        onCallArrive(e.a, e.b);
        break;
    case EvCallReply:
        onCallReply(e.a, e.b, e.c != 0);
        break;
    case EvCallTimeout:
        onCallTimeout(e.a, e.b);
        break;
    case EvCallRetry:
        if (m_calls[e.a].active && m_calls[e.a].gen == e.b) {
            EdgeRuntime &edge = m_edges[m_calls[e.a].edge];
            if (edge.breaker && !edge.breaker->allow(m_now))
                endCall(e.a, false);
            else
                sendAttempt(e.a);
        }
        break;
    case EvPublishAck:
        onPublishAck(e.a, e.b != 0);
        break;
    case EvCommit:
        onCommitTick(e.a);
        break;
    case EvWindow:
        onWindow(e.a);
        break;
    case EvMemberPoll:
        if (m_groups[e.a].members[e.b].epoch == e.c)
            pollMember(e.a, e.b);
        break;
    case EvSessionTimeout:
        m_membership[e.a].onSessionTimeout(m_groups[e.a], e.b, e.c, m_now);
        break;
    case EvRebalanceRound:
        m_membership[e.a].onRebalanceRound(m_groups[e.a], e.b, m_now);
        break;
    }
}

// ---------------------------------------------------------------------------------------------
// producers and orders

double ArchitectureRun::currentRate(const NodeRuntime &n, double t) const
{
    const TrafficSpec &s = n.spec->traffic;
    double rate = s.rate_per_s;
    switch (s.pattern) {
    case TrafficPattern::Constant:
    case TrafficPattern::Poisson:
        break;
    case TrafficPattern::Ramp:
        rate = s.ramp_s > 0 ? s.rate_per_s + (s.to_rate_per_s - s.rate_per_s) * std::min(1.0, t / s.ramp_s)
                            : s.to_rate_per_s;
        break;
    case TrafficPattern::Spike:
        if (t >= s.spike_at_s && t < s.spike_at_s + s.spike_duration_s)
            rate = s.spike_rate_per_s;
        break;
    case TrafficPattern::Daily: {
        // Lowest (the base rate) twelve hours from the peak, rate × peak_factor at peak_at_h.
        const double hours = t / 3600.0;
        const double phase = std::cos(2.0 * std::numbers::pi * (hours - s.peak_at_h) / 24.0);
        rate = s.rate_per_s * (1.0 + (std::max(1.0, s.peak_factor) - 1.0) * (1.0 + phase) / 2.0);
        break;
    }
    }
    return rate * n.spikeFactor;
}

void ArchitectureRun::scheduleArrival(std::uint32_t node)
{
    NodeRuntime &n = m_nodes[node];
    const TrafficSpec &s = n.spec->traffic;
    double t = m_now;
    switch (s.pattern) {
    case TrafficPattern::Constant: {
        const double rate = s.rate_per_s * n.spikeFactor;
        if (rate <= 0)
            return;
        t += 1.0 / rate;
        break;
    }
    case TrafficPattern::Poisson: {
        const double rate = s.rate_per_s * n.spikeFactor;
        if (rate <= 0)
            return;
        t += Distribution::exponential(n.arrivalRng, 1.0 / rate);
        break;
    }
    case TrafficPattern::Ramp:
    case TrafficPattern::Spike:
    case TrafficPattern::Daily: {
        // Varying-rate Poisson by thinning (Lewis & Shedler): candidates at the peak rate, each
        // kept with probability rate(t) / peak.
        double peak = s.rate_per_s;
        if (s.pattern == TrafficPattern::Ramp)
            peak = std::max(s.rate_per_s, s.to_rate_per_s);
        else if (s.pattern == TrafficPattern::Spike)
            peak = std::max(s.rate_per_s, s.spike_rate_per_s);
        else
            peak = s.rate_per_s * std::max(1.0, s.peak_factor);
        peak *= n.spikeFactor;
        if (peak <= 0)
            return;
        for (;;) {
            t += Distribution::exponential(n.arrivalRng, 1.0 / peak);
            if (t > m_horizon)
                return;
            if (n.arrivalRng.uniform() * peak < currentRate(n, t))
                break;
        }
        break;
    }
    }
    if (t <= m_horizon)
        m_queue.push(t, EvArrival, node, n.arrivalGen);
}

void ArchitectureRun::onArrival(std::uint32_t node, std::uint32_t gen)
{
    if (gen != m_nodes[node].arrivalGen)
        return;
    NodeRuntime &n = m_nodes[node];
    const auto category = std::uint16_t(n.categoryRng.below(kCategories));
    const std::uint32_t order = newOrder(category);
    m_orders[order].id = n.nextOrderId++;
    ++m_placed;
    ++n.arrivals;
    ++n.second.arrivals;
    const std::uint32_t r = newRequest(order, node, RequestOrigin::Customer);
    m_requests[r].arrivedAt = m_now;
    m_requests[r].startedAt = m_now;
    scheduleArrival(node);
    runEdges(r);
}

std::uint32_t ArchitectureRun::newOrder(std::uint16_t category)
{
    std::uint32_t slot;
    if (!m_freeOrders.empty()) {
        slot = m_freeOrders.back();
        m_freeOrders.pop_back();
    } else {
        slot = std::uint32_t(m_orders.size());
        m_orders.emplace_back();
    }
    OrderState &o = m_orders[slot];
    o = OrderState{};
    o.placedAt = m_now;
    o.category = category;
    return slot;
}

void ArchitectureRun::release(std::uint32_t order)
{
    if (order == Request::kNone)
        return;
    OrderState &o = m_orders[order];
    if (--o.refs != 0)
        return;
    if (o.failed) {
        ++m_failed;
    } else if (o.lost != LossReason::None) {
        ++m_lost;
        ++m_lostBy[o.lost];
    } else {
        ++m_completed;
        const double ms = (m_now - o.placedAt) * 1000.0;
        m_e2e.record(ms);
        if (m_percentiles)
            m_secondE2e.record(ms);
    }
    m_freeOrders.push_back(order);
}

// ---------------------------------------------------------------------------------------------
// requests and services

std::uint32_t ArchitectureRun::newRequest(std::uint32_t order, std::uint32_t node, RequestOrigin origin)
{
    std::uint32_t r;
    if (!m_freeRequests.empty()) {
        r = m_freeRequests.back();
        m_freeRequests.pop_back();
    } else {
        r = std::uint32_t(m_requests.size());
        m_requests.emplace_back();
    }
    Request &q = m_requests[r];
    q = Request{};
    q.order = order;
    q.node = node;
    q.origin = origin;
    q.arrivedAt = m_now;
    if (order != Request::kNone)
        q.category = m_orders[order].category;
    acquire(order);
    return r;
}

void ArchitectureRun::freeRequest(std::uint32_t r)
{
    m_freeRequests.push_back(r);
}

void ArchitectureRun::changeBusy(NodeRuntime &n, int callDelta, int memberDelta)
{
    n.busyIntegral += double(n.busy + n.memberBusy) * (m_now - n.lastBusyChange);
    n.lastBusyChange = m_now;
    n.busy += callDelta;
    n.memberBusy += memberDelta;
}

double ArchitectureRun::serviceTime(NodeRuntime &n)
{
    return Distribution::serviceTime(n.serviceRng, n.serviceTime) * n.slowFactor + n.slowAddS;
}

void ArchitectureRun::arrive(std::uint32_t r)
{
    NodeRuntime &n = m_nodes[m_requests[r].node];
    ++n.arrivals;
    ++n.second.arrivals;
    if (n.down) {
        finishRequest(r, false);
        return;
    }
    if (n.busy < n.workers) {
        startService(r);
        return;
    }
    if (n.spec->queue_limit && int(n.queue.size()) >= *n.spec->queue_limit) {
        finishRequest(r, false); // rejected: the queue is full
        return;
    }
    n.queue.push_back(r);
}

void ArchitectureRun::startService(std::uint32_t r)
{
    Request &q = m_requests[r];
    NodeRuntime &n = m_nodes[q.node];
    q.inService = true;
    q.startedAt = m_now;
    ++n.started;
    n.waitSumS += m_now - q.arrivedAt;
    if (q.origin == RequestOrigin::Record)
        changeBusy(n, 0, 1);
    else
        changeBusy(n, 1, 0);
    // A record travels one hop from the broker to the consumer before its processing starts.
    const double hop = q.origin == RequestOrigin::Record ? m_latencyS : 0.0;
    m_queue.push(m_now + hop + serviceTime(n), EvServiceDone, r);
}

void ArchitectureRun::onServiceDone(std::uint32_t r)
{
    Request &q = m_requests[r];
    NodeRuntime &n = m_nodes[q.node];
    const double errorRate = std::max(n.spec->error_rate, n.errorRate);
    if (errorRate > 0 && n.errorRng.uniform() < errorRate) {
        finishRequest(r, false);
        return;
    }
    if (n.spec->stock && --n.stock < n.spec->stock->threshold) {
        q.lowStock = true;
        n.stock = n.spec->stock->initial;
    }
    if (n.kind == NodeKind::Stream) {
        switch (n.spec->operation) {
        case StreamOperation::Filter:
            if (n.filterRng.uniform() >= n.spec->keep_ratio) {
                finishRequest(r, true);
                return;
            }
            break;
        case StreamOperation::Aggregate:
            ++n.windowCounts[q.category % kCategories];
            finishRequest(r, true);
            return;
        case StreamOperation::Map:
            break;
        }
    }
    runEdges(r);
}

void ArchitectureRun::runEdges(std::uint32_t r)
{
    const NodeRuntime &n = m_nodes[m_requests[r].node];
    for (;;) {
        Request &q = m_requests[r];
        if (q.edgeCursor >= n.outEdges.size())
            break;
        const std::uint32_t edge = n.outEdges[q.edgeCursor];
        if (m_edges[edge].onLowStock && !q.lowStock) {
            ++q.edgeCursor;
            continue;
        }
        if (m_edges[edge].kind == EdgeKind::Call) {
            if (!startCall(r, edge))
                finishRequest(r, false);
            return;
        }
        startPublish(r, edge);
        return;
    }
    finishRequest(r, true);
}

void ArchitectureRun::finishRequest(std::uint32_t r, bool ok)
{
    const Request q = m_requests[r];
    NodeRuntime &n = m_nodes[q.node];
    const double latency = m_now - q.arrivedAt;
    if (ok) {
        ++n.completed;
        ++n.second.completions;
        n.latencySumS += latency;
        if (m_percentiles)
            n.secondLatency.record(latency * 1000.0);
    } else {
        ++n.failed;
        ++n.second.failures;
    }
    if (q.inService) {
        if (q.origin == RequestOrigin::Record)
            changeBusy(n, 0, -1);
        else
            changeBusy(n, -1, 0);
    }

    switch (q.origin) {
    case RequestOrigin::Customer:
        // The customer's answer: in a decoupled shop this comes as soon as the order is published.
        m_response.record(latency * 1000.0);
        if (m_percentiles)
            m_secondResponse.record(latency * 1000.0);
        if (ok) {
            ++m_accepted;
        } else {
            ++m_rejected;
            m_orders[q.order].failed = true;
        }
        break;
    case RequestOrigin::Call: {
        // A worker is free: the next request in line starts (a down service drained its queue).
        if (q.inService && !n.queue.empty() && !n.down && n.busy < n.workers) {
            const std::uint32_t next = n.queue.front();
            n.queue.pop_front();
            startService(next);
        }
        break;
    }
    case RequestOrigin::Record:
        onRecordProcessed(r, ok);
        return; // onRecordProcessed retries or releases the request
    }
    release(q.order);
    freeRequest(r);
    // The answer goes back last: with no network latency the caller continues right here, and
    // this request must be settled by then.
    if (q.origin == RequestOrigin::Call) {
        const CallAttempt &c = m_calls[q.parentCall];
        if (c.active && c.gen == q.parentGen) {
            message(c.edge, ok ? int(MessageKind::Response) : int(MessageKind::Failure), m_now,
                    m_now + m_latencyS);
            if (m_latencyS > 0)
                m_queue.pushInLane(m_hopLane, m_now + m_latencyS, EvCallReply, q.parentCall, q.parentGen,
                                   ok ? 1 : 0);
            else {
                ++m_events; // a reply event, delivered without the queue
                onCallReply(q.parentCall, q.parentGen, ok);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// calls

bool ArchitectureRun::startCall(std::uint32_t r, std::uint32_t edge)
{
    EdgeRuntime &e = m_edges[edge];
    if (e.breaker && !e.breaker->allow(m_now)) {
        message(edge, int(MessageKind::Failure), m_now, m_now);
        return false; // fail fast: the breaker is open
    }
    if (e.bulkhead >= 0 && e.inFlight >= e.bulkhead) {
        message(edge, int(MessageKind::Failure), m_now, m_now);
        return false; // fail fast: the bulkhead is full
    }
    std::uint32_t c;
    if (!m_freeCalls.empty()) {
        c = m_freeCalls.back();
        m_freeCalls.pop_back();
    } else {
        c = std::uint32_t(m_calls.size());
        m_calls.emplace_back();
    }
    CallAttempt &call = m_calls[c];
    call.caller = r;
    call.edge = edge;
    call.attempt = 0;
    call.active = true;
    ++call.gen;
    ++e.inFlight;
    sendAttempt(c);
    return true;
}

void ArchitectureRun::sendAttempt(std::uint32_t c)
{
    const CallAttempt call = m_calls[c];
    const EdgeRuntime &e = m_edges[call.edge];
    const NodeRuntime &target = m_nodes[e.to];
    // The timer first: a direct delivery below may settle this call before we get back here.
    if (e.timeoutS >= 0)
        m_queue.pushInLane(e.timeoutLane, m_now + e.timeoutS, EvCallTimeout, c, call.gen);
    if (cut(e.from, e.to)) {
        // A cut link swallows the request: the caller hears nothing until its timeout, or fails
        // at once when it has none (connection refused).
        if (e.timeoutS < 0)
            m_queue.push(m_now, EvCallReply, c, call.gen, 0);
    } else if (target.down) {
        m_queue.push(m_now + 2 * m_latencyS, EvCallReply, c, call.gen, 0);
        message(call.edge, int(MessageKind::Failure), m_now, m_now + m_latencyS);
    } else {
        message(call.edge, int(MessageKind::Request), m_now, m_now + m_latencyS);
        if (m_latencyS > 0)
            m_queue.pushInLane(m_hopLane, m_now + m_latencyS, EvCallArrive, c, call.gen);
        else {
            ++m_events; // an arrival event, delivered without the queue: no hop to travel
            onCallArrive(c, call.gen);
        }
    }
}

void ArchitectureRun::onCallArrive(std::uint32_t c, std::uint32_t gen)
{
    const CallAttempt call = m_calls[c];
    if (!call.active || call.gen != gen)
        return; // the caller gave up before the request arrived
    const std::uint32_t r =
        newRequest(m_requests[call.caller].order, m_edges[call.edge].to, RequestOrigin::Call);
    m_requests[r].parentCall = c;
    m_requests[r].parentGen = gen;
    arrive(r);
}

void ArchitectureRun::onCallReply(std::uint32_t c, std::uint32_t gen, bool ok)
{
    const CallAttempt &call = m_calls[c];
    if (!call.active || call.gen != gen)
        return; // a reply to an attempt the caller already abandoned
    if (ok) {
        breakerOutcome(m_edges[call.edge], true);
        endCall(c, true);
    } else {
        attemptFailed(c);
    }
}

void ArchitectureRun::onCallTimeout(std::uint32_t c, std::uint32_t gen)
{
    const CallAttempt &call = m_calls[c];
    if (!call.active || call.gen != gen)
        return;
    NodeRuntime &caller = m_nodes[m_edges[call.edge].from];
    ++caller.second.timeouts;
    ++caller.timeouts;
    message(call.edge, int(MessageKind::Failure), m_now, m_now);
    attemptFailed(c);
}

void ArchitectureRun::attemptFailed(std::uint32_t c)
{
    CallAttempt &call = m_calls[c];
    EdgeRuntime &e = m_edges[call.edge];
    breakerOutcome(e, false);
    ++call.gen; // whatever the abandoned attempt still does is ignored
    if (call.attempt < e.retries) {
        ++call.attempt;
        NodeRuntime &caller = m_nodes[e.from];
        ++caller.second.retries;
        ++caller.retries;
        const double backoff = e.backoffS * std::ldexp(1.0, call.attempt - 1);
        m_queue.push(m_now + backoff, EvCallRetry, c, call.gen);
        return;
    }
    endCall(c, false);
}

void ArchitectureRun::endCall(std::uint32_t c, bool ok)
{
    CallAttempt &call = m_calls[c];
    call.active = false;
    ++call.gen;
    --m_edges[call.edge].inFlight;
    const std::uint32_t r = call.caller;
    m_freeCalls.push_back(c);
    if (ok) {
        ++m_requests[r].edgeCursor;
        runEdges(r);
    } else {
        finishRequest(r, false);
    }
}

void ArchitectureRun::breakerOutcome(EdgeRuntime &edge, bool ok)
{
    if (!edge.breaker)
        return;
    const bool changed = ok ? edge.breaker->onSuccess(m_now) : edge.breaker->onFailure(m_now);
    if (!changed)
        return;
    const QString text = QStringLiteral("circuit breaker %1 → %2 %3")
                             .arg(m_nodes[edge.from].spec->id, m_nodes[edge.to].spec->id,
                                  ok ? QStringLiteral("closed") : QStringLiteral("open"));
    emitEvent(ok ? SimEventKind::BreakerClosed : SimEventKind::BreakerOpen, m_nodes[edge.from].spec->id,
              text);
}

// ---------------------------------------------------------------------------------------------
// publish and the broker

void ArchitectureRun::syncClock()
{
    m_clock.setMs(std::int64_t(std::floor(m_now * 1000.0 + 1e-6)));
}

void ArchitectureRun::startPublish(std::uint32_t r, std::uint32_t edge)
{
    const EdgeRuntime &e = m_edges[edge];
    TopicRuntime &t = m_topics[std::size_t(e.topic)];
    const std::uint32_t order = m_requests[r].order;
    if (cut(e.from, e.to)) {
        m_queue.push(m_now, EvPublishAck, r, 0);
        return;
    }
    char keyBuffer[24];
    char valueBuffer[64];
    const std::uint64_t id = order == Request::kNone ? 0 : m_orders[order].id;
    const auto keyEnd = std::to_chars(keyBuffer, keyBuffer + sizeof keyBuffer, id).ptr;
    const std::string_view key(keyBuffer, std::size_t(keyEnd - keyBuffer));
    const std::uint16_t category = m_requests[r].category;
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

    syncClock();
    // acks=0: the producer never hears from the broker; a record sent to an offline leader is gone.
    bool lostUnseen = false;
    if (e.acks == broker::Acks::None && partition >= 0 &&
        m_cluster->leader(t.handles[std::size_t(partition)]) < 0)
        lostUnseen = true;

    m_appendingOrder = order;
    m_appendingCategory = category;
    m_appendingTopic = e.topic;
    broker::ProduceOptions options;
    options.acks = e.acks;
    // Two words of capture: std::function keeps it inline instead of allocating per record.
    broker::ProduceCallback acked = [this, r](const broker::ProduceResult &result) {
        const double at = double(m_clock.nowMs()) / 1000.0;
        m_queue.push(std::max(m_now, at) + 2 * m_latencyS, EvPublishAck, r,
                     result.error == broker::ErrorCode::None ? 1 : 0);
    };
    const std::span<const broker::RecordRef> records(&record, 1);
    if (partition >= 0)
        m_cluster->produce(t.handles[std::size_t(partition)], records, options, std::move(acked));
    else
        m_cluster->produce(t.name, partition, records, options,
                           std::move(acked)); // the broker spreads null keys
    m_appendingOrder = Request::kNone;
    m_appendingTopic = -1;
    message(edge, int(MessageKind::Publish), m_now, m_now + m_latencyS);
    if (lostUnseen && order != Request::kNone) {
        m_orders[order].lost = LossReason::Acks0LeaderDown;
        emitEvent(
            SimEventKind::RecordsLost, m_nodes[e.to].spec->id,
            QStringLiteral("acks=0 record sent to an offline leader of %1: lost").arg(m_nodes[e.to].spec->id),
            1);
    }
    brokerChanged();
}

void ArchitectureRun::appendDerived(std::uint32_t edge, std::uint16_t category, std::uint64_t count)
{
    const EdgeRuntime &e = m_edges[edge];
    TopicRuntime &t = m_topics[std::size_t(e.topic)];
    if (cut(e.from, e.to))
        return;
    const char *name = kCategoryNames[category % kCategories];
    char valueBuffer[32];
    const auto valueEnd = std::to_chars(valueBuffer, valueBuffer + sizeof valueBuffer, count).ptr;
    broker::RecordRef record;
    record.key = std::string_view(name);
    record.value = std::string_view(valueBuffer, std::size_t(valueEnd - valueBuffer));
    syncClock();
    m_appendingOrder = Request::kNone;
    m_appendingCategory = category;
    m_appendingTopic = e.topic;
    broker::ProduceOptions options;
    options.acks = e.acks;
    m_cluster->produce(t.handles[std::size_t(broker::partitionForKey(*record.key, t.partitions))],
                       std::span<const broker::RecordRef>(&record, 1), options,
                       [](const broker::ProduceResult &) {});
    m_appendingTopic = -1;
    message(edge, int(MessageKind::Publish), m_now, m_now + m_latencyS);
    brokerChanged();
}

void ArchitectureRun::onPublishAck(std::uint32_t r, bool ok)
{
    if (!ok) {
        finishRequest(r, false);
        return;
    }
    ++m_requests[r].edgeCursor;
    runEdges(r);
}

void ArchitectureRun::onAppend(const std::string &topic, std::int32_t partition, std::int64_t baseOffset,
                               std::int32_t count)
{
    int ti = m_appendingTopic;
    if (ti < 0 || m_topics[std::size_t(ti)].name != topic)
        return;
    TopicRuntime &t = m_topics[std::size_t(ti)];
    if (t.groups.empty())
        return; // nobody will read it: nothing for an order to wait for
    PartitionRuntime &p = t.parts[std::size_t(partition)];
    if (p.entries.empty())
        p.base = baseOffset;
    for (std::int32_t i = 0; i < count; ++i) {
        p.entries.push_back(RecordEntry{m_appendingOrder, m_appendingCategory, m_now});
        // Every subscribing group owes this order one processing of the record.
        for (std::size_t g = 0; g < t.groups.size(); ++g)
            acquire(m_appendingOrder);
    }
    p.end = std::max(p.end, baseOffset + count);
    m_wakeups.emplace_back(ti, partition);
}

void ArchitectureRun::brokerChanged()
{
    if (!m_cluster)
        return;
    if (m_refreshAll) {
        m_refreshAll = false;
        m_wakeups.clear();
        for (std::size_t t = 0; t < m_topics.size(); ++t)
            for (int p = 0; p < m_topics[t].partitions; ++p)
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
    m_brokerTickAt =
        deadline ? std::max(m_now, double(*deadline) / 1000.0) : std::numeric_limits<double>::infinity();
}

void ArchitectureRun::onBrokerTick()
{
    m_brokerTickAt = std::numeric_limits<double>::infinity();
    syncClock();
    m_cluster->advance(m_clock.nowMs());
    // Replication may have moved high watermarks that still trail the log end.
    for (std::size_t t = 0; t < m_topics.size(); ++t)
        for (int p = 0; p < m_topics[t].partitions; ++p) {
            const PartitionRuntime &part = m_topics[t].parts[std::size_t(p)];
            if (part.hw < part.end)
                m_wakeups.emplace_back(int(t), p);
        }
    brokerChanged();
}

int ArchitectureRun::topicIndex(const std::string &topic) const
{
    for (std::size_t t = 0; t < m_topics.size(); ++t)
        if (m_topics[t].name == topic)
            return int(t);
    return -1;
}

void ArchitectureRun::onRecordsLost(const std::string &topic, std::int32_t partition,
                                    std::int64_t firstOffset, std::int64_t lastOffset,
                                    const std::string &reason)
{
    ++m_brokerEpoch; // what consumers fetched may be gone or unreadable now
    const int ti = topicIndex(topic);
    if (ti < 0)
        return;
    TopicRuntime &t = m_topics[std::size_t(ti)];
    const LossReason why =
        reason.find("unclean") != std::string::npos ? LossReason::UncleanElection : LossReason::Truncation;
    chargeLost(ti, partition, firstOffset, lastOffset + 1, Request::kNone, why);
    // The truncated offsets will be written again by new records: forget them and pull every
    // group's pointers back to the new log end.
    PartitionRuntime &p = t.parts[std::size_t(partition)];
    p.end = std::min(p.end, firstOffset);
    m_refreshAll = true;
    while (!p.entries.empty() && p.base + std::int64_t(p.entries.size()) > firstOffset)
        p.entries.pop_back();
    if (p.entries.empty())
        p.base = firstOffset;
    for (std::uint32_t g : t.groups) {
        GroupRuntime &gr = m_groups[g];
        gr.position[std::size_t(partition)] = std::min(gr.position[std::size_t(partition)], firstOffset);
        gr.processed[std::size_t(partition)] = std::min(gr.processed[std::size_t(partition)], firstOffset);
        gr.committed[std::size_t(partition)] = std::min(gr.committed[std::size_t(partition)], firstOffset);
    }
    emitEvent(SimEventKind::RecordsLost, m_nodes[t.node].spec->id,
              QStringLiteral("%1 records of %2[%3] lost: %4")
                  .arg(lastOffset - firstOffset + 1)
                  .arg(QString::fromStdString(topic))
                  .arg(partition)
                  .arg(QString::fromStdString(reason)),
              lastOffset - firstOffset + 1);
}

void ArchitectureRun::onRetention(const std::string &topic, std::int32_t partition,
                                  std::int64_t newLogStartOffset)
{
    ++m_brokerEpoch; // what consumers fetched may be gone or unreadable now
    const int ti = topicIndex(topic);
    if (ti < 0)
        return;
    TopicRuntime &t = m_topics[std::size_t(ti)];
    qint64 lost = 0;
    for (std::uint32_t g : t.groups)
        lost += std::max<std::int64_t>(0, newLogStartOffset - m_groups[g].processed[std::size_t(partition)]);
    chargeLost(ti, partition, 0, newLogStartOffset, Request::kNone, LossReason::Retention);
    for (std::uint32_t g : t.groups) {
        GroupRuntime &gr = m_groups[g];
        auto &position = gr.position[std::size_t(partition)];
        position = std::max(position,
                            gr.resetEarliest ? newLogStartOffset : m_cluster->logEndOffset(topic, partition));
        gr.committed[std::size_t(partition)] =
            std::max(gr.committed[std::size_t(partition)], newLogStartOffset);
    }
    trimEntries(ti, partition);
    if (lost > 0)
        emitEvent(SimEventKind::RecordsLost, m_nodes[t.node].spec->id,
                  QStringLiteral("retention deleted %1 unread records of %2[%3]")
                      .arg(lost)
                      .arg(QString::fromStdString(topic))
                      .arg(partition),
                  lost);
}

void ArchitectureRun::onLeaderChange(const std::string &topic, std::int32_t partition, std::int32_t leader,
                                     std::int32_t leaderEpoch)
{
    ++m_brokerEpoch; // what consumers fetched may be gone or unreadable now
    const int ti = topicIndex(topic);
    if (ti < 0)
        return;
    TopicRuntime &t = m_topics[std::size_t(ti)];
    m_refreshAll = true;
    emitEvent(SimEventKind::LeaderChange, m_nodes[t.node].spec->id,
              leader < 0 ? QStringLiteral("%1[%2] is offline: no replica can lead")
                               .arg(QString::fromStdString(topic))
                               .arg(partition)
                         : QStringLiteral("%1[%2]: broker %3 leads (epoch %4)")
                               .arg(QString::fromStdString(topic))
                               .arg(partition)
                               .arg(leader)
                               .arg(leaderEpoch));
}

void ArchitectureRun::onIsrChange(const std::string &topic, std::int32_t partition,
                                  const std::vector<std::int32_t> &isr)
{
    const int ti = topicIndex(topic);
    if (ti < 0 || !m_observer)
        return;
    // A shrinking ISR is what makes acks=all with min.insync.replicas refuse writes (and what an
    // unclean election would lose): worth seeing as it happens.
    QStringList brokers;
    for (std::int32_t b : isr)
        brokers << QString::number(b);
    emitEvent(SimEventKind::IsrChange, m_nodes[m_topics[std::size_t(ti)].node].spec->id,
              QStringLiteral("%1[%2] in-sync replicas: [%3]%4")
                  .arg(QString::fromStdString(topic))
                  .arg(partition)
                  .arg(brokers.join(QLatin1Char(',')))
                  .arg(isr.empty() ? QString() : QStringLiteral(", broker %1 leads").arg(isr.front())),
              qint64(isr.size()));
}

// ---------------------------------------------------------------------------------------------
// consumer groups

void ArchitectureRun::refreshHighWatermark(int topic, int partition)
{
    const TopicRuntime &t = m_topics[std::size_t(topic)];
    PartitionRuntime &part = m_topics[std::size_t(topic)].parts[std::size_t(partition)];
    const std::int64_t hw = m_cluster->highWatermark(t.handles[std::size_t(partition)]);
    const bool grew = hw > part.hw;
    part.hw = hw;
    part.end = std::max(part.end, hw);
    if (grew)
        wakeWaiting(topic, partition);
}

void ArchitectureRun::wakeWaiting(int topic, int partition)
{
    PartitionRuntime &p = m_topics[std::size_t(topic)].parts[std::size_t(partition)];
    if (!p.waiting)
        return;
    p.waiting = false;
    for (std::uint32_t gi : m_topics[std::size_t(topic)].groups) {
        GroupRuntime &g = m_groups[gi];
        const int owner = g.owner[std::size_t(partition)];
        if (owner >= 0 && g.members[std::size_t(owner)].waiting)
            pollMember(gi, std::uint32_t(owner));
    }
}

void ArchitectureRun::pollMember(std::uint32_t gi, std::uint32_t mi)
{
    GroupRuntime &g = m_groups[gi];
    MemberRuntime &member = g.members[mi];
    NodeRuntime &n = m_nodes[g.node];
    if (!member.alive || member.busy || member.partitions.empty() || n.down)
        return;
    TopicRuntime &t = m_topics[std::size_t(g.topic)];
    member.waiting = false;
    if (cut(t.node, g.node)) {
        member.waiting = true; // fetches across a cut link stall until it heals
        return;
    }
    const std::size_t count = member.partitions.size();
    for (std::size_t k = 0; k < count; ++k) {
        const int p = member.partitions[(member.nextPick + k) % count];
        std::int64_t &position = g.position[std::size_t(p)];
        if (position >= t.parts[std::size_t(p)].hw || g.paused[std::size_t(p)])
            continue; // nothing new, or revoked by the rebalance in progress
        if (!fetched(g, p, position)) {
            const broker::PartitionHandle handle = t.handles[std::size_t(p)];
            const broker::ErrorCode error = m_cluster->fetch(handle, position, 1, m_fetch);
            if (error == broker::ErrorCode::OffsetOutOfRange) {
                // auto.offset.reset: the log moved on under the consumer.
                const std::int64_t start = m_cluster->logStartOffset(handle);
                if (position < start) {
                    chargeLost(g.topic, p, position, start, gi, LossReason::Retention);
                    position = g.resetEarliest ? start : m_cluster->logEndOffset(handle);
                } else {
                    position = m_cluster->highWatermark(handle);
                }
                continue;
            }
            if (error != broker::ErrorCode::None || m_fetch.records.empty())
                continue;
            FetchedRange &range = g.fetched[std::size_t(p)];
            range.from = position;
            range.brokerEpoch = m_brokerEpoch;
        }
        const std::int64_t offset = position++;
        member.nextPick = (member.nextPick + k + 1) % count;
        const PartitionRuntime &part = t.parts[std::size_t(p)];
        RecordEntry entry;
        entry.appendedAt = m_now;
        if (offset >= part.base && offset < part.base + std::int64_t(part.entries.size()))
            entry = part.entries[std::size_t(offset - part.base)];
        // A redelivered record whose order is settled is processed again but charged to nobody.
        const bool duplicate = offset < g.processed[std::size_t(p)];
        if (duplicate)
            ++g.redelivered;
        const std::uint32_t r =
            newRequest(duplicate ? Request::kNone : entry.order, g.node, RequestOrigin::Record);
        Request &q = m_requests[r];
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
        message(g.edge, int(MessageKind::Deliver), m_now, m_now + m_latencyS);
        startService(r);
        return;
    }
    member.waiting = true;
    for (int p : member.partitions)
        t.parts[std::size_t(p)].waiting = true;
}

bool ArchitectureRun::fetched(const GroupRuntime &g, int partition, std::int64_t offset) const
{
    // The caller checked offset < the high watermark. With the same leader and log start as at the
    // session's first fetch, a fetch there would return the record: no need to ask the broker.
    const FetchedRange &range = g.fetched[std::size_t(partition)];
    return range.brokerEpoch == m_brokerEpoch && offset >= range.from;
}

void ArchitectureRun::onRecordProcessed(std::uint32_t r, bool ok)
{
    const Request q = m_requests[r];
    GroupRuntime &g = m_groups[q.group];
    MemberRuntime &member = g.members[q.member];
    const bool current = member.alive && member.epoch == q.parentGen;
    if (!ok && current) {
        // At-least-once: the consumer does not move on; it processes the same record again.
        Request &again = m_requests[r];
        again.edgeCursor = 0;
        again.lowStock = false;
        again.inService = false;
        startService(r);
        return;
    }
    if (ok && q.offset == g.processed[std::size_t(q.partition)]) {
        ++g.processed[std::size_t(q.partition)];
        const PartitionRuntime &part = m_topics[std::size_t(g.topic)].parts[std::size_t(q.partition)];
        if (q.offset >= part.base && q.offset < part.base + std::int64_t(part.entries.size()))
            release(part.entries[std::size_t(q.offset - part.base)].order); // the group's share
        trimEntries(g.topic, q.partition);
        if (!g.autoCommit && current)
            commit(q.group, q.partition); // commitSync after every record (a crashed consumer cannot)
    }
    release(q.order);
    freeRequest(r);
    if (current) {
        member.busy = false;
        member.busyPartition = -1;
        pollMember(q.group, q.member);
        if (g.rebalancing)
            tryCompleteRebalance(q.group); // it has rejoined: the round may be complete now
    }
}

void ArchitectureRun::chargeLost(int topic, int partition, std::int64_t from, std::int64_t to,
                                 std::uint32_t onlyGroup, LossReason reason)
{
    TopicRuntime &t = m_topics[std::size_t(topic)];
    PartitionRuntime &part = t.parts[std::size_t(partition)];
    for (std::uint32_t gi : t.groups) {
        if (onlyGroup != Request::kNone && gi != onlyGroup)
            continue;
        GroupRuntime &g = m_groups[gi];
        std::int64_t &processed = g.processed[std::size_t(partition)];
        for (std::int64_t offset = std::max(from, processed); offset < to; ++offset) {
            if (offset < part.base || offset >= part.base + std::int64_t(part.entries.size()))
                continue;
            const std::uint32_t order = part.entries[std::size_t(offset - part.base)].order;
            if (order != Request::kNone && m_orders[order].lost == LossReason::None)
                m_orders[order].lost = reason;
            release(order);
        }
        processed = std::max(processed, to);
    }
}

void ArchitectureRun::trimEntries(int topic, int partition)
{
    TopicRuntime &t = m_topics[std::size_t(topic)];
    PartitionRuntime &part = t.parts[std::size_t(partition)];
    std::int64_t low = std::numeric_limits<std::int64_t>::max();
    for (std::uint32_t gi : t.groups)
        low = std::min(low, m_groups[gi].processed[std::size_t(partition)]);
    while (!part.entries.empty() && part.base < low) {
        part.entries.pop_front();
        ++part.base;
    }
    if (part.entries.empty() && low != std::numeric_limits<std::int64_t>::max())
        part.base = std::max(part.base, low);
}

void ArchitectureRun::commit(std::uint32_t gi, int partition)
{
    GroupRuntime &g = m_groups[gi];
    g.committed[std::size_t(partition)] = g.processed[std::size_t(partition)];
}

void ArchitectureRun::onCommitTick(std::uint32_t gi)
{
    GroupRuntime &g = m_groups[gi];
    // auto.commit.interval.ms: live owners commit what they have processed.
    for (std::size_t p = 0; p < g.owner.size(); ++p)
        if (g.owner[p] >= 0 && g.members[std::size_t(g.owner[p])].alive && !m_nodes[g.node].down)
            commit(gi, int(p));
    m_queue.push(m_now + g.autoCommitS, EvCommit, gi);
}

void ArchitectureRun::onWindow(std::uint32_t node)
{
    NodeRuntime &n = m_nodes[node];
    // A tumbling window closes: one record per category seen, to every publish edge.
    if (!n.down) {
        for (int c = 0; c < kCategories; ++c) {
            if (n.windowCounts[std::size_t(c)] == 0)
                continue;
            for (std::uint32_t edge : n.outEdges)
                if (m_edges[edge].kind == EdgeKind::Publish)
                    appendDerived(edge, std::uint16_t(c), n.windowCounts[std::size_t(c)]);
        }
    }
    std::fill(n.windowCounts.begin(), n.windowCounts.end(), 0);
    m_queue.push(m_now + n.spec->window_s, EvWindow, node);
}

std::int64_t ArchitectureRun::partitionLag(const GroupRuntime &g, int partition) const
{
    const broker::PartitionHandle handle = m_topics[std::size_t(g.topic)].handles[std::size_t(partition)];
    return std::max<std::int64_t>(0, m_cluster->logEndOffset(handle) - g.committed[std::size_t(partition)]);
}

std::int64_t ArchitectureRun::groupLag(const GroupRuntime &g) const
{
    std::int64_t lag = 0;
    for (std::size_t p = 0; p < g.committed.size(); ++p)
        lag += partitionLag(g, int(p));
    return lag;
}

// ---------------------------------------------------------------------------------------------
// faults

bool ArchitectureRun::cut(std::uint32_t a, std::uint32_t b) const
{
    for (const auto &[x, y] : m_cuts)
        if ((x == a && y == b) || (x == b && y == a))
            return true;
    return false;
}

void ArchitectureRun::applyFaults()
{
    for (NodeRuntime &n : m_nodes) {
        n.down = false;
        n.slowFactor = 1.0;
        n.slowAddS = 0.0;
        n.errorRate = 0.0;
        n.spikeFactor = 1.0;
    }
    m_cuts.clear();
    for (const auto &[id, f] : m_activeFaults) {
        const int target = nodeIndex(f.target);
        if (f.kind == FaultKind::Spike && target < 0) {
            for (std::uint32_t p : m_producers)
                m_nodes[p].spikeFactor *= f.factor;
            continue;
        }
        if (target < 0)
            continue;
        NodeRuntime &n = m_nodes[std::size_t(target)];
        switch (f.kind) {
        case FaultKind::Down:
            n.down = true;
            break;
        case FaultKind::Slow:
            n.slowFactor *= f.factor;
            n.slowAddS += f.add_ms / 1000.0;
            break;
        case FaultKind::ErrorRate:
            n.errorRate = std::max(n.errorRate, f.rate);
            break;
        case FaultKind::Spike:
            n.spikeFactor *= f.factor;
            break;
        case FaultKind::NetworkCut: {
            const int peer = nodeIndex(f.peer);
            if (peer >= 0)
                m_cuts.emplace_back(std::uint32_t(target), std::uint32_t(peer));
            break;
        }
        case FaultKind::ConsumerCrash:
        case FaultKind::BrokerDown:
            break;
        }
    }
}

void ArchitectureRun::startFault(int id, const FaultSpec &f)
{
    if (!f.architecture.isEmpty() && f.architecture != m_name)
        return;
    const int target = nodeIndex(f.target);
    const bool wasDown = target >= 0 && m_nodes[std::size_t(target)].down;
    m_activeFaults[id] = f;
    applyFaults();
    switch (f.kind) {
    case FaultKind::Down: {
        if (target < 0 || wasDown)
            break;
        NodeRuntime &n = m_nodes[std::size_t(target)];
        // The requests waiting in its queue fail with it; its consumers stop (they leave the group
        // and will resume from the committed offsets).
        while (!n.queue.empty()) {
            const std::uint32_t r = n.queue.front();
            m_nodes[std::size_t(target)].queue.pop_front();
            finishRequest(r, false);
        }
        for (std::uint32_t gi : m_nodes[std::size_t(target)].groups)
            for (std::uint32_t m = 0; m < m_groups[gi].members.size(); ++m)
                m_membership[gi].crash(m_groups[gi], m, m_now);
        break;
    }
    case FaultKind::ConsumerCrash:
        if (target < 0)
            break;
        for (std::uint32_t gi : m_nodes[std::size_t(target)].groups) {
            int crashed = 0;
            for (std::uint32_t m = 0; m < m_groups[gi].members.size() && crashed < f.consumers; ++m) {
                if (m_groups[gi].members[m].alive) {
                    m_membership[gi].crash(m_groups[gi], m, m_now);
                    ++crashed;
                }
            }
        }
        break;
    case FaultKind::BrokerDown:
        setBrokerUp(target, false);
        break;
    case FaultKind::Spike:
        redrawArrivals(target);
        break;
    case FaultKind::Slow:
    case FaultKind::ErrorRate:
    case FaultKind::NetworkCut:
        break;
    }
}

void ArchitectureRun::setBrokerUp(int brokerNode, bool up)
{
    if (!m_cluster || brokerNode < 0)
        return;
    syncClock();
    ++m_brokerEpoch;
    m_cluster->setBrokerUp(m_nodes[std::size_t(brokerNode)].spec->broker_id, up);
    m_refreshAll = true;
    brokerChanged();
}

// A spike starting or ending changes the rate: the pending arrival was drawn at the old rate.
void ArchitectureRun::redrawArrivals(int producerNode)
{
    for (std::uint32_t p : m_producers) {
        if (producerNode >= 0 && p != std::uint32_t(producerNode))
            continue;
        ++m_nodes[p].arrivalGen;
        scheduleArrival(p);
    }
}

void ArchitectureRun::endFault(int id)
{
    const auto it = m_activeFaults.find(id);
    if (it == m_activeFaults.end())
        return;
    const FaultSpec f = it->second;
    m_activeFaults.erase(it);
    applyFaults();
    const int target = nodeIndex(f.target);
    switch (f.kind) {
    case FaultKind::Down:
    case FaultKind::ConsumerCrash:
        if (target < 0 || m_nodes[std::size_t(target)].down)
            break;
        for (std::uint32_t gi : m_nodes[std::size_t(target)].groups)
            for (std::uint32_t m = 0; m < m_groups[gi].members.size(); ++m)
                m_membership[gi].rejoin(m_groups[gi], m, m_now);
        break;
    case FaultKind::BrokerDown:
        setBrokerUp(target, true);
        break;
    case FaultKind::Spike:
        redrawArrivals(target);
        break;
    case FaultKind::NetworkCut:
        for (std::uint32_t gi = 0; gi < m_groups.size(); ++gi)
            for (std::uint32_t m = 0; m < m_groups[gi].members.size(); ++m)
                if (m_groups[gi].members[m].waiting)
                    pollMember(gi, m);
        break;
    case FaultKind::Slow:
    case FaultKind::ErrorRate:
        break;
    }
}

void ArchitectureRun::emitEvent(SimEventKind kind, const QString &node, const QString &text, qint64 count)
{
    deliverEvent(m_observer, m_building, m_buildEvents, makeEvent(m_now, m_index, kind, node, text, count));
}

void ArchitectureRun::tryCompleteRebalance(std::uint32_t g)
{
    m_membership[g].tryCompleteRebalance(m_groups[g], m_now);
}

void ArchitectureRun::scheduleSessionTimeout(double at, std::uint32_t group, std::uint32_t member,
                                             std::uint32_t epoch)
{
    m_queue.push(at, EvSessionTimeout, group, member, epoch);
}

void ArchitectureRun::scheduleRebalanceRound(double at, std::uint32_t group, std::uint32_t round)
{
    m_queue.push(at, EvRebalanceRound, group, round);
}

void ArchitectureRun::schedulePoll(double at, std::uint32_t group, std::uint32_t member, std::uint32_t epoch)
{
    m_queue.push(at, EvMemberPoll, group, member, epoch);
}

void ArchitectureRun::commitPartition(std::uint32_t group, int partition)
{
    commit(group, partition);
}

void ArchitectureRun::announce(SimEvent &&event)
{
    event.architecture = m_index;
    deliverEvent(m_observer, m_building, m_buildEvents, std::move(event));
}

void ArchitectureRun::message(std::uint32_t edge, int kind, double start, double end)
{
    if (m_messages)
        m_observer->onMessage(m_index, int(edge), MessageKind(kind), start, end);
}

// ---------------------------------------------------------------------------------------------
// metrics

void ArchitectureRun::sample(qint64 second, ArchitectureSample &out, bool withPercentiles)
{
    Q_UNUSED(second);
    out.architecture = m_index;
    out.nodes.clear();
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        NodeRuntime &n = m_nodes[i];
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
            s.queue_len += std::uint32_t(groupLag(m_groups[g]));
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
    for (std::size_t gi = 0; gi < m_groups.size(); ++gi) {
        GroupRuntime &g = m_groups[gi];
        GroupSample s;
        s.group = int(gi);
        s.partition_lag.resize(g.committed.size());
        for (std::size_t p = 0; p < g.committed.size(); ++p) {
            s.partition_lag[p] = partitionLag(g, int(p));
            s.lag += s.partition_lag[p];
        }
        // max_lag, drain_s (DESIGN.md §8): a new peak restarts the drain clock.
        if (s.lag > g.maxLag) {
            g.maxLag = s.lag;
            g.peakAt = m_now;
            g.drainS.reset();
        } else if (!g.drainS && g.maxLag > 0 && double(s.lag) <= std::max(10.0, 0.01 * double(g.maxLag))) {
            g.drainS = m_now - g.peakAt;
        }
        g.lastLag = s.lag;
        out.groups.push_back(std::move(s));
    }
    out.orders.placed = m_placed;
    out.orders.completed = m_completed;
    out.orders.failed = m_failed;
    out.orders.lost = m_lost;
    out.orders.in_flight = m_orders.size() - m_freeOrders.size();
    out.orders.e2e_p95_ms = withPercentiles ? float(m_secondE2e.percentile(0.95)) : 0.f;
    out.orders.response_p95_ms = withPercentiles ? float(m_secondResponse.percentile(0.95)) : 0.f;
    m_secondE2e.clear();
    m_secondResponse.clear();
}

ArchitectureSummary ArchitectureRun::summary(double runTimeS) const
{
    ArchitectureSummary s;
    s.name = m_name;
    s.placed = m_placed;
    s.completed = m_completed;
    s.failed = m_failed;
    s.lost = m_lost;
    s.in_flight = m_orders.size() - m_freeOrders.size();
    for (const auto &[reason, count] : m_lostBy)
        s.lost_by_reason[lossReasonName(reason)] = count;
    // Checked, not derived: in_flight counts live order records, the others count resolutions.
    s.conservation_ok = s.placed == s.completed + s.failed + s.lost + s.in_flight;
    const auto latency = [](const Histogram &h) {
        LatencySummary l;
        l.count = h.count();
        l.mean = h.mean();
        l.p50 = h.percentile(0.50);
        l.p95 = h.percentile(0.95);
        l.p99 = h.percentile(0.99);
        return l;
    };
    s.latency = latency(m_e2e);
    s.response_latency = latency(m_response);
    s.accepted = m_accepted;
    s.rejected = m_rejected;
    for (const NodeRuntime &n : m_nodes) {
        if (n.kind != NodeKind::Service && n.kind != NodeKind::Stream)
            continue;
        const int capacity = (n.servesCalls ? n.workers : 0) + n.members;
        if (capacity == 0 && n.outEdges.empty())
            continue; // not part of this architecture
        ServiceSummary svc;
        svc.id = n.spec->id;
        svc.completed = n.completed;
        svc.failed = n.failed;
        const double busy = n.busyIntegral + double(n.busy + n.memberBusy) * (m_now - n.lastBusyChange);
        svc.utilization = capacity > 0 && runTimeS > 0 ? busy / (double(capacity) * runTimeS) : 0.0;
        if (n.started > 0)
            svc.mean_wait_ms = n.waitSumS / double(n.started) * 1000.0;
        if (n.completed > 0)
            svc.mean_latency_ms = n.latencySumS / double(n.completed) * 1000.0;
        s.services.push_back(svc);
    }
    for (const GroupRuntime &g : m_groups) {
        GroupSummary gs;
        gs.group = g.name;
        gs.max_lag = g.maxLag;
        gs.end_lag = groupLag(g);
        gs.drain_s = g.drainS;
        gs.redelivered = g.redelivered;
        s.groups.push_back(gs);
    }
    return s;
}

// ---------------------------------------------------------------------------------------------
// live state

NodeState ArchitectureRun::nodeState(const QString &node) const
{
    NodeState s;
    const int i = nodeIndex(node);
    if (i < 0 || m_nodes.empty())
        return s;
    const NodeRuntime &n = m_nodes[std::size_t(i)];
    // A node fails visibly when it is told to (an error rate) and also when its requests fail for
    // any reason: in the tight shop checkout fails because notification is down, and a trainer's
    // room should see that. Above 5 % of the last second's outcomes, so a rare error does not blink.
    const std::uint32_t outcomes = n.lastSecond.completions + n.lastSecond.failures;
    const bool failingNow = outcomes > 0 && n.lastSecond.failures * 20 > outcomes;
    const bool brokerDown =
        n.kind == NodeKind::Broker && m_cluster && !m_cluster->isBrokerUp(n.spec->broker_id);
    if (n.down || brokerDown)
        s.health = NodeHealth::Down;
    else if (n.errorRate > 0 || failingNow)
        s.health = NodeHealth::Failing;
    else if (n.slowFactor != 1.0 || n.slowAddS > 0)
        s.health = NodeHealth::Slow;
    s.queue_len = int(n.queue.size());
    for (std::uint32_t g : n.groups)
        s.queue_len += int(groupLag(m_groups[g]));
    s.busy = n.busy + n.memberBusy;
    s.workers = (n.servesCalls ? n.workers : 0) + n.members;
    s.failures = n.failed;
    s.completions = n.completed;
    return s;
}

std::vector<PartitionState> ArchitectureRun::topicState(const QString &topic) const
{
    std::vector<PartitionState> out;
    const int node = nodeIndex(topic);
    for (const TopicRuntime &t : m_topics) {
        if (int(t.node) != node)
            continue;
        for (int p = 0; p < t.partitions; ++p) {
            PartitionState s;
            s.partition = p;
            s.log_start = m_cluster->logStartOffset(t.name, p);
            s.log_end = m_cluster->logEndOffset(t.name, p);
            s.high_watermark = m_cluster->highWatermark(t.name, p);
            s.leader = m_cluster->leader(t.name, p);
            for (std::uint32_t gi : t.groups)
                s.groups.push_back({m_groups[gi].name, m_groups[gi].committed[std::size_t(p)]});
            out.push_back(std::move(s));
        }
    }
    return out;
}

std::vector<GroupState> ArchitectureRun::groupStates() const
{
    std::vector<GroupState> out;
    for (const GroupRuntime &g : m_groups) {
        GroupState s;
        s.group = g.name;
        s.topic = m_nodes[m_topics[std::size_t(g.topic)].node].spec->id;
        s.service = m_nodes[g.node].spec->id;
        for (std::size_t p = 0; p < g.committed.size(); ++p) {
            s.partition_lag.push_back(partitionLag(g, int(p)));
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

QStringList ArchitectureRun::groupNames() const
{
    QStringList names;
    for (const GroupRuntime &g : m_groups)
        names << g.name;
    return names;
}

std::vector<quint64> ArchitectureRun::groupRedeliveries() const
{
    std::vector<quint64> out;
    for (const GroupRuntime &g : m_groups)
        out.push_back(g.redelivered);
    return out;
}

} // namespace postoffice::app
