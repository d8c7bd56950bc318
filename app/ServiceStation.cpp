#include "ServiceStation.h"

#include "Distribution.h"
#include "RunWorld.h"

namespace postoffice::app {

std::uint32_t ServiceStation::newRequest(std::uint32_t order, std::uint32_t node, RequestOrigin origin)
{
    std::uint32_t r;
    if (!m_free.empty()) {
        r = m_free.back();
        m_free.pop_back();
    } else {
        r = std::uint32_t(m_requests.size());
        m_requests.emplace_back();
    }
    Request &q = m_requests[r];
    q = Request{};
    q.order = order;
    q.node = node;
    q.origin = origin;
    q.arrivedAt = m_world.now;
    if (order != Request::kNone)
        q.category = m_world.orders[order].category;
    m_world.orders.acquire(order);
    return r;
}

void ServiceStation::changeBusy(NodeRuntime &n, int callDelta, int memberDelta)
{
    n.busyIntegral += double(n.busy + n.memberBusy) * (m_world.now - n.lastBusyChange);
    n.lastBusyChange = m_world.now;
    n.busy += callDelta;
    n.memberBusy += memberDelta;
}

double ServiceStation::serviceTime(NodeRuntime &n)
{
    return Distribution::serviceTime(n.serviceRng, n.serviceTime) * n.slowFactor + n.slowAddS;
}

void ServiceStation::arrive(std::uint32_t r)
{
    NodeRuntime &n = m_world.nodes[m_requests[r].node];
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

void ServiceStation::startService(std::uint32_t r)
{
    Request &q = m_requests[r];
    NodeRuntime &n = m_world.nodes[q.node];
    const double now = m_world.now;
    q.inService = true;
    q.startedAt = now;
    ++n.started;
    n.waitSumS += now - q.arrivedAt;
    if (q.origin == RequestOrigin::Record)
        changeBusy(n, 0, 1);
    else
        changeBusy(n, 1, 0);
    // A record travels one hop from the broker to the consumer before its processing starts.
    const double hop = q.origin == RequestOrigin::Record ? m_world.latencyS : 0.0;
    m_world.queue.push(now + hop + serviceTime(n), EvServiceDone, r);
}

void ServiceStation::onServiceDone(std::uint32_t r)
{
    Request &q = m_requests[r];
    NodeRuntime &n = m_world.nodes[q.node];
    const double errorRate = std::max(n.spec->error_rate, n.errorRate);
    if (errorRate > 0 && n.errorRng.uniform() < errorRate) {
        finishRequest(r, false);
        return;
    }
    if (n.spec->stock && --n.stock < n.spec->stock->threshold) {
        q.lowStock = true;
        n.stock = n.spec->stock->initial;
    }
    if (n.kind == NodeKind::Stream && !m_world.streams.passesOn(n, q)) {
        finishRequest(r, true);
        return;
    }
    runEdges(r);
}

void ServiceStation::runEdges(std::uint32_t r)
{
    const NodeRuntime &n = m_world.nodes[m_requests[r].node];
    for (;;) {
        Request &q = m_requests[r];
        if (q.edgeCursor >= n.outEdges.size())
            break;
        const std::uint32_t edge = n.outEdges[q.edgeCursor];
        const EdgeRuntime &e = m_world.edges[edge];
        if (e.onLowStock && !q.lowStock) {
            ++q.edgeCursor;
            continue;
        }
        if (e.kind == EdgeKind::Call) {
            if (!m_world.calls.start(r, edge))
                finishRequest(r, false);
            return;
        }
        m_world.publish.start(r, edge);
        return;
    }
    finishRequest(r, true);
}

void ServiceStation::finishRequest(std::uint32_t r, bool ok)
{
    const Request q = m_requests[r];
    NodeRuntime &n = m_world.nodes[q.node];
    const double latency = m_world.now - q.arrivedAt;
    if (ok) {
        ++n.completed;
        ++n.second.completions;
        n.latencySumS += latency;
        if (m_world.percentiles)
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
        m_world.orders.answered(q.order, latency, ok);
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
        m_world.consumers.onRecordProcessed(r, ok);
        return; // the consumer retries or releases the request
    }
    m_world.orders.release(q.order);
    freeRequest(r);
    // The answer goes back last: with no network latency the caller continues right here, and
    // this request must be settled by then.
    if (q.origin == RequestOrigin::Call)
        m_world.calls.answer(q.parentCall, q.parentGen, ok);
}

} // namespace postoffice::app
