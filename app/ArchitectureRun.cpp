#include "ArchitectureRun.h"

#include "Assignor.h"
#include "Distribution.h"
#include "SimulationObserver.h"

namespace postoffice::app {

namespace {

// Random stream purposes (see Rng::forStream): fixed numbers, so adding one never shifts another.
enum StreamPurpose : std::uint64_t { Arrivals = 1, Categories = 2, ServiceTimes = 3, Errors = 4, Filter = 5 };

broker::Acks parseAcks(const QString &acks)
{
    if (acks == QLatin1String("0"))
        return broker::Acks::None;
    if (acks == QLatin1String("1"))
        return broker::Acks::Leader;
    return broker::Acks::All;
}

} // namespace

ArchitectureRun::ArchitectureRun(const Scenario &scenario, const ArchitectureSpec &architecture, int index,
                                 quint64 seed, double horizonS, QString *error)
    : m_world(architecture.name, index, horizonS)
{
    m_world.building = true;
    if (!build(scenario, architecture, seed, error)) {
        m_world.queue = EventQueue();
        m_world.nodes.clear();
        m_world.buildEvents.clear();
    }
    m_world.building = false;
}

bool ArchitectureRun::build(const Scenario &scenario, const ArchitectureSpec &architecture, quint64 seed,
                            QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = QStringLiteral("architecture \"%1\": %2").arg(architecture.name, message);
        return false;
    };
    RunWorld &w = m_world;
    w.latencyS = std::max(0.0, scenario.cluster.network_latency_ms) / 1000.0;
    w.hopLane = w.queue.addLane();

    w.nodes.resize(scenario.nodes.size());
    for (std::size_t i = 0; i < scenario.nodes.size(); ++i) {
        const NodeSpec &spec = scenario.nodes[i];
        if (w.nodeIds.contains(spec.id))
            return fail(QStringLiteral("node id \"%1\" is used twice").arg(spec.id));
        w.nodeIds.insert(spec.id, int(i));
        NodeRuntime &n = w.nodes[i];
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
    std::vector<int> topicOfNode(w.nodes.size(), -1);
    const auto topicFor = [&](std::uint32_t node) {
        if (topicOfNode[node] < 0) {
            topicOfNode[node] = int(w.topics.size());
            TopicRuntime t;
            t.name = w.nodes[node].spec->id.toStdString();
            t.node = node;
            t.partitions = std::max(1, w.nodes[node].spec->partitions);
            t.parts.resize(std::size_t(t.partitions));
            w.topics.push_back(std::move(t));
        }
        return topicOfNode[node];
    };

    w.edges.resize(architecture.edges.size());
    for (std::size_t i = 0; i < architecture.edges.size(); ++i) {
        const EdgeSpec &spec = architecture.edges[i];
        const int from = w.nodeIndex(spec.from);
        const int to = w.nodeIndex(spec.to);
        if (from < 0)
            return fail(QStringLiteral("edge %1 comes from unknown node \"%2\"").arg(i).arg(spec.from));
        if (to < 0)
            return fail(QStringLiteral("edge %1 goes to unknown node \"%2\"").arg(i).arg(spec.to));
        EdgeRuntime &e = w.edges[i];
        e.spec = &spec;
        e.kind = spec.kind;
        e.from = std::uint32_t(from);
        e.to = std::uint32_t(to);
        e.onLowStock = spec.trigger == QLatin1String("low_stock");
        const NodeKind fromKind = w.nodes[e.from].kind;
        const NodeKind toKind = w.nodes[e.to].kind;
        const bool worker =
            fromKind == NodeKind::Producer || fromKind == NodeKind::Service || fromKind == NodeKind::Stream;
        switch (spec.kind) {
        case EdgeKind::Call:
            if (!worker || (toKind != NodeKind::Service && toKind != NodeKind::Stream))
                return fail(
                    QStringLiteral("call edge %1 must go from a producer or service to a service").arg(i));
            e.timeoutS = spec.timeout_ms ? *spec.timeout_ms / 1000.0 : -1.0;
            if (e.timeoutS >= 0)
                e.timeoutLane = w.queue.addLane(); // every attempt's timer, a fixed time ahead
            e.retries = std::max(0, spec.retries);
            e.backoffS = std::max(0.0, spec.backoff_ms) / 1000.0;
            if (spec.circuit_breaker)
                e.breaker.emplace(*spec.circuit_breaker);
            e.bulkhead = spec.bulkhead ? *spec.bulkhead : -1;
            w.nodes[e.from].outEdges.push_back(std::uint32_t(i));
            w.nodes[e.to].servesCalls = true;
            break;
        case EdgeKind::Publish:
            if (!worker || toKind != NodeKind::Topic)
                return fail(
                    QStringLiteral("publish edge %1 must go from a producer or service to a topic").arg(i));
            e.acks = parseAcks(spec.acks);
            e.keyed = !spec.key.isEmpty();
            e.topic = topicFor(e.to);
            w.nodes[e.from].outEdges.push_back(std::uint32_t(i));
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
            e.group = int(w.groups.size());
            w.topics[std::size_t(e.topic)].groups.push_back(std::uint32_t(e.group));
            w.nodes[e.to].groups.push_back(std::uint32_t(e.group));
            w.nodes[e.to].members += spec.consumers;
            w.groups.push_back(std::move(g));
            break;
        }
        }
    }

    if (!w.topics.empty()) {
        const QString why = w.broker.create(scenario.cluster);
        if (!why.isEmpty())
            return fail(why);
    }

    for (std::size_t i = 0; i < w.nodes.size(); ++i) {
        const NodeRuntime &n = w.nodes[i];
        if (n.kind == NodeKind::Producer && !n.outEdges.empty()) {
            const TrafficSpec &t = n.spec->traffic;
            if (t.rate_per_s < 0 || t.to_rate_per_s < 0 || t.spike_rate_per_s < 0)
                return fail(QStringLiteral("producer \"%1\": negative rate").arg(n.spec->id));
            w.traffic.add(std::uint32_t(i));
        }
        if (n.kind == NodeKind::Stream && n.spec->operation == StreamOperation::Aggregate &&
            n.spec->window_s > 0)
            w.streams.startWindows(std::uint32_t(i));
    }
    w.consumers.formGroups();
    return true;
}

void ArchitectureRun::setObserver(SimulationObserver *observer, bool messages)
{
    m_world.observer = observer;
    m_world.messages = observer && messages;
    m_world.percentiles = observer != nullptr;
    if (observer) {
        const std::vector<SimEvent> events = std::move(m_world.buildEvents);
        m_world.buildEvents.clear();
        for (const SimEvent &e : events)
            observer->onEvent(e);
    }
}

void ArchitectureRun::runThrough(double t)
{
    while (nextEventTime() <= t)
        processNext();
    m_world.now = std::max(m_world.now, t);
}

void ArchitectureRun::processNext()
{
    // At equal times the broker goes first: what it completes is visible to the events at that time.
    EventQueue &queue = m_world.queue;
    const double brokerTickAt = m_world.broker.tickAt();
    if (brokerTickAt <= (queue.empty() ? std::numeric_limits<double>::infinity() : queue.nextTime())) {
        m_world.now = brokerTickAt;
        ++m_world.events;
        m_world.broker.onTick();
        return;
    }
    const Event e = queue.pop();
    m_world.now = e.t;
    ++m_world.events;
    dispatch(e);
}

void ArchitectureRun::dispatch(const Event &e)
{
    RunWorld &w = m_world;
    switch (e.type) {
    case EvArrival:
        w.traffic.onArrival(e.a, e.b);
        break;
    case EvServiceDone:
        w.services.onServiceDone(e.a);
        break;
    case EvCallArrive:
        w.calls.onArrive(e.a, e.b);
        break;
    case EvCallReply:
        w.calls.onReply(e.a, e.b, e.c != 0);
        break;
    case EvCallTimeout:
        w.calls.onTimeout(e.a, e.b);
        break;
    case EvCallRetry:
        w.calls.onRetry(e.a, e.b);
        break;
    case EvPublishAck:
        w.publish.onAck(e.a, e.b != 0);
        break;
    case EvCommit:
        w.consumers.onCommitTick(e.a);
        break;
    case EvWindow:
        w.streams.onWindow(e.a);
        break;
    case EvMemberPoll:
        w.consumers.onPoll(e.a, e.b, e.c);
        break;
    case EvSessionTimeout:
        w.consumers.onSessionTimeout(e.a, e.b, e.c);
        break;
    case EvRebalanceRound:
        w.consumers.onRebalanceRound(e.a, e.b);
        break;
    }
}

void ArchitectureRun::sample(qint64 second, ArchitectureSample &out, bool withPercentiles)
{
    Q_UNUSED(second);
    m_world.samples.sample(out, withPercentiles);
}

} // namespace postoffice::app
