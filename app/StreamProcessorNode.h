#pragma once

// The stream processors of one architecture: after its service time a record is mapped (passed
// on), filtered (kept with the node's keep_ratio) or aggregated into a tumbling window whose counts
// per category are published when the window closes.

#include "NodeRuntime.h"
#include "Request.h"

#include <cstdint>

namespace postoffice::app {

class RunWorld;

class StreamProcessorNode
{
public:
    explicit StreamProcessorNode(RunWorld &world) : m_world(world) {}

    // Node `node` aggregates: its first window closes window_s from now.
    void startWindows(std::uint32_t node);
    // Whether the processed record goes on to the node's outgoing edges; if not it is done.
    bool passesOn(NodeRuntime &n, const Request &q);
    void onWindow(std::uint32_t node);

private:
    RunWorld &m_world;
};

} // namespace postoffice::app
