#pragma once

// The service stations of one architecture — its services and stream processors as queueing
// stations: every piece of work in progress (a Request, pooled), its arrival at a node, the wait
// for a free worker, the service time, and what follows: the node's outgoing edges in order, then
// the answer. Queue discipline and busy-time accounting live here, and only here.

#include "NodeRuntime.h"
#include "Request.h"

#include <cstdint>
#include <vector>

namespace postoffice::app {

class RunWorld;

class ServiceStation
{
public:
    explicit ServiceStation(RunWorld &world) : m_world(world) {}

    // A request on behalf of `order` (which it holds a reference to) at `node`, arrived now.
    std::uint32_t newRequest(std::uint32_t order, std::uint32_t node, RequestOrigin origin);
    Request &operator[](std::uint32_t r) { return m_requests[r]; }
    void freeRequest(std::uint32_t r) { m_free.push_back(r); }

    // A call reaches its callee: served at once, queued, or refused.
    void arrive(std::uint32_t r);
    void startService(std::uint32_t r);
    void onServiceDone(std::uint32_t r);
    // Runs the request's next outgoing edge, or finishes it when none is left.
    void runEdges(std::uint32_t r);
    void finishRequest(std::uint32_t r, bool ok);

private:
    void changeBusy(NodeRuntime &n, int callDelta, int memberDelta);
    double serviceTime(NodeRuntime &n);

    RunWorld &m_world;
    std::vector<Request> m_requests;
    std::vector<std::uint32_t> m_free;
};

} // namespace postoffice::app
