#pragma once

// A scenario node as one architecture runs it: its random streams, its workers and queue, the
// faults acting on it, and its counters (per second and for the whole run).

#include "Distribution.h"
#include "Histogram.h"
#include "Rng.h"
#include "Scenario.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace postoffice::app {

struct NodeCounters
{
    std::uint32_t arrivals = 0;
    std::uint32_t completions = 0;
    std::uint32_t failures = 0;
    std::uint32_t timeouts = 0;
    std::uint32_t retries = 0;
};

struct NodeRuntime
{
    const NodeSpec *spec = nullptr;
    NodeKind kind = NodeKind::Service;

    // Random streams; each has one purpose so that draws in one never shift another.
    Rng arrivalRng;
    Rng categoryRng;
    Rng serviceRng;
    Rng errorRng;
    Rng filterRng;

    // producer
    double rateMax = 0.0; // thinning bound for time-varying patterns (spike factor applied)
    std::uint32_t arrivalGen = 0;
    std::uint64_t nextOrderId = 1;

    // service / stream
    Distribution::PreparedServiceTime serviceTime;
    int workers = 0;    // call workers
    int busy = 0;       // busy call workers
    int memberBusy = 0; // busy consumer members (subscribe edges into this node)
    int members = 0;    // consumer members configured on this node
    bool servesCalls = false;
    std::deque<std::uint32_t> queue; // waiting requests
    int stock = 0;
    std::vector<std::uint32_t> outEdges; // call and publish edges, in edge order
    std::vector<std::uint32_t> groups;   // groups whose members run on this node

    // faults in force (recomputed from the active faults whenever one starts or ends)
    bool down = false;
    double slowFactor = 1.0;
    double slowAddS = 0.0;
    double errorRate = 0.0;
    double spikeFactor = 1.0;

    // stream aggregate: records per category in the current tumbling window
    std::vector<std::uint64_t> windowCounts;

    // metrics
    NodeCounters second;
    NodeCounters lastSecond; // the last whole second: what the canvas shows as the node's health
    Histogram secondLatency;
    std::uint64_t arrivals = 0;
    std::uint64_t completed = 0;
    std::uint64_t failed = 0;
    std::uint64_t timeouts = 0;
    std::uint64_t retries = 0;
    std::uint64_t started = 0;
    double waitSumS = 0.0;
    double latencySumS = 0.0;
    double busyIntegral = 0.0; // worker-seconds
    double lastBusyChange = 0.0;
};

} // namespace postoffice::app
