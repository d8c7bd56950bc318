#pragma once

// The producers of one architecture: customers placing orders at each producer's traffic pattern
// (constant, Poisson, ramp, spike, daily), every arrival drawn from the producer's own random
// stream so one producer's draws never shift another's.

#include "NodeRuntime.h"

#include <cstdint>
#include <vector>

namespace postoffice::app {

class RunWorld;

class TrafficSource
{
public:
    explicit TrafficSource(RunWorld &world) : m_world(world) {}

    // Node `node` produces from now on: its first arrival is scheduled.
    void add(std::uint32_t node);
    const std::vector<std::uint32_t> &producers() const { return m_producers; }
    void onArrival(std::uint32_t node, std::uint32_t gen);
    // A spike starting or ending changes the rate: the pending arrival, drawn at the old rate, is
    // drawn again (-1: every producer).
    void redraw(int producerNode);

private:
    void scheduleArrival(std::uint32_t node);
    double currentRate(const NodeRuntime &n, double t) const;

    RunWorld &m_world;
    std::vector<std::uint32_t> m_producers;
};

} // namespace postoffice::app
