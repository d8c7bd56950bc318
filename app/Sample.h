#pragma once

// Compact per-second measurements the engine hands to observers (GUI charts, run store).
// Indices, not names, so that a sample costs no allocation per node: a NodeSample's `node` is the
// index in Scenario::nodes, a GroupSample's `group` the index in Simulation::groupNames().

#include <QtGlobal>

#include <vector>

namespace postoffice::app {

// What one node did during one simulated second [second - 1, second).
struct NodeSample
{
    int node = -1;
    quint32 arrivals = 0;    // requests (or records fetched by its consumer group) that arrived
    quint32 completions = 0; // finished successfully
    quint32 failures = 0;    // finished with an error, rejected, or failed fast
    quint32 timeouts = 0;    // calls this node made that gave up waiting
    quint32 retries = 0;     // call attempts this node repeated
    quint32 queue_len = 0;   // at the end of the second (consumer groups: their lag)
    quint32 busy = 0;        // busy workers (or consumers) at the end of the second
    float p50_ms = 0.f;      // latency (arrival → completion) of the second's completions
    float p95_ms = 0.f;
    float p99_ms = 0.f;
};

struct GroupSample
{
    int group = -1;
    qint64 lag = 0;                    // total over partitions (log end offset − committed offset)
    std::vector<qint64> partition_lag; // one per partition of the subscribed topic
};

struct OrderSample
{
    quint64 placed = 0; // cumulative since the start of the run
    quint64 completed = 0;
    quint64 failed = 0;
    quint64 lost = 0;
    quint64 in_flight = 0;       // at the end of the second
    float e2e_p95_ms = 0.f;      // end-to-end latency of the orders completed during the second
    float response_p95_ms = 0.f; // customer wait (placed → answered) of the second's answers
};

struct ArchitectureSample
{
    int architecture = -1;         // index in Simulation::architectures()
    std::vector<NodeSample> nodes; // one per scenario node that does work (producers, services, streams)
    std::vector<GroupSample> groups;
    OrderSample orders;
};

} // namespace postoffice::app
