#include "CallEdge.h"

#include "RunWorld.h"
#include "SimulationObserver.h"

#include <cmath>

namespace postoffice::app {

bool CallEdge::start(std::uint32_t r, std::uint32_t edge)
{
    EdgeRuntime &e = m_world.edges[edge];
    const double now = m_world.now;
    if (e.breaker && !e.breaker->allow(now)) {
        m_world.message(edge, int(MessageKind::Failure), now, now);
        return false; // fail fast: the breaker is open
    }
    if (e.bulkhead >= 0 && e.inFlight >= e.bulkhead) {
        m_world.message(edge, int(MessageKind::Failure), now, now);
        return false; // fail fast: the bulkhead is full
    }
    std::uint32_t c;
    if (!m_free.empty()) {
        c = m_free.back();
        m_free.pop_back();
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

void CallEdge::sendAttempt(std::uint32_t c)
{
    const CallAttempt call = m_calls[c];
    const EdgeRuntime &e = m_world.edges[call.edge];
    const NodeRuntime &target = m_world.nodes[e.to];
    const double now = m_world.now;
    const double latency = m_world.latencyS;
    EventQueue &queue = m_world.queue;
    // The timer first: a direct delivery below may settle this call before we get back here.
    if (e.timeoutS >= 0)
        queue.pushInLane(e.timeoutLane, now + e.timeoutS, EvCallTimeout, c, call.gen);
    if (m_world.faults.cut(e.from, e.to)) {
        // A cut link swallows the request: the caller hears nothing until its timeout, or fails
        // at once when it has none (connection refused).
        if (e.timeoutS < 0)
            queue.push(now, EvCallReply, c, call.gen, 0);
    } else if (target.down) {
        queue.push(now + 2 * latency, EvCallReply, c, call.gen, 0);
        m_world.message(call.edge, int(MessageKind::Failure), now, now + latency);
    } else {
        m_world.message(call.edge, int(MessageKind::Request), now, now + latency);
        if (latency > 0)
            queue.pushInLane(m_world.hopLane, now + latency, EvCallArrive, c, call.gen);
        else {
            ++m_world.events; // an arrival event, delivered without the queue: no hop to travel
            onArrive(c, call.gen);
        }
    }
}

void CallEdge::onArrive(std::uint32_t c, std::uint32_t gen)
{
    const CallAttempt call = m_calls[c];
    if (!call.active || call.gen != gen)
        return; // the caller gave up before the request arrived
    ServiceStation &services = m_world.services;
    const std::uint32_t r =
        services.newRequest(services[call.caller].order, m_world.edges[call.edge].to, RequestOrigin::Call);
    services[r].parentCall = c;
    services[r].parentGen = gen;
    services.arrive(r);
}

void CallEdge::answer(std::uint32_t c, std::uint32_t gen, bool ok)
{
    const CallAttempt &call = m_calls[c];
    if (!call.active || call.gen != gen)
        return;
    const double now = m_world.now;
    const double latency = m_world.latencyS;
    m_world.message(call.edge, ok ? int(MessageKind::Response) : int(MessageKind::Failure), now,
                    now + latency);
    if (latency > 0)
        m_world.queue.pushInLane(m_world.hopLane, now + latency, EvCallReply, c, gen, ok ? 1 : 0);
    else {
        ++m_world.events; // a reply event, delivered without the queue
        onReply(c, gen, ok);
    }
}

void CallEdge::onReply(std::uint32_t c, std::uint32_t gen, bool ok)
{
    const CallAttempt &call = m_calls[c];
    if (!call.active || call.gen != gen)
        return; // a reply to an attempt the caller already abandoned
    if (ok) {
        breakerOutcome(m_world.edges[call.edge], true);
        end(c, true);
    } else {
        attemptFailed(c);
    }
}

void CallEdge::onTimeout(std::uint32_t c, std::uint32_t gen)
{
    const CallAttempt &call = m_calls[c];
    if (!call.active || call.gen != gen)
        return;
    NodeRuntime &caller = m_world.nodes[m_world.edges[call.edge].from];
    ++caller.second.timeouts;
    ++caller.timeouts;
    m_world.message(call.edge, int(MessageKind::Failure), m_world.now, m_world.now);
    attemptFailed(c);
}

void CallEdge::onRetry(std::uint32_t c, std::uint32_t gen)
{
    if (!m_calls[c].active || m_calls[c].gen != gen)
        return;
    EdgeRuntime &edge = m_world.edges[m_calls[c].edge];
    if (edge.breaker && !edge.breaker->allow(m_world.now))
        end(c, false);
    else
        sendAttempt(c);
}

void CallEdge::attemptFailed(std::uint32_t c)
{
    CallAttempt &call = m_calls[c];
    EdgeRuntime &e = m_world.edges[call.edge];
    breakerOutcome(e, false);
    ++call.gen; // whatever the abandoned attempt still does is ignored
    if (call.attempt < e.retries) {
        ++call.attempt;
        NodeRuntime &caller = m_world.nodes[e.from];
        ++caller.second.retries;
        ++caller.retries;
        const double backoff = e.backoffS * std::ldexp(1.0, call.attempt - 1);
        m_world.queue.push(m_world.now + backoff, EvCallRetry, c, call.gen);
        return;
    }
    end(c, false);
}

void CallEdge::end(std::uint32_t c, bool ok)
{
    CallAttempt &call = m_calls[c];
    call.active = false;
    ++call.gen;
    --m_world.edges[call.edge].inFlight;
    const std::uint32_t r = call.caller;
    m_free.push_back(c);
    if (ok) {
        ++m_world.services[r].edgeCursor;
        m_world.services.runEdges(r);
    } else {
        m_world.services.finishRequest(r, false);
    }
}

void CallEdge::breakerOutcome(EdgeRuntime &edge, bool ok)
{
    if (!edge.breaker)
        return;
    const double now = m_world.now;
    const bool changed = ok ? edge.breaker->onSuccess(now) : edge.breaker->onFailure(now);
    if (!changed)
        return;
    const QString &from = m_world.nodes[edge.from].spec->id;
    const QString text = QStringLiteral("circuit breaker %1 → %2 %3")
                             .arg(from, m_world.nodes[edge.to].spec->id,
                                  ok ? QStringLiteral("closed") : QStringLiteral("open"));
    m_world.emitEvent(ok ? SimEventKind::BreakerClosed : SimEventKind::BreakerOpen, from, text);
}

} // namespace postoffice::app
