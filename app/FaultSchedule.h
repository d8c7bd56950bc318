#pragma once

// The faults in force in one architecture and what they do: the nodes' state (down, slow, failing,
// a traffic spike) is recomputed from the active faults whenever one starts or ends, links are cut,
// and a fault's start or end reaches the part it concerns — a service's queue fails, consumers
// crash and rejoin, a broker stops, producers redraw their next arrival.

#include "Scenario.h"

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace postoffice::app {

class RunWorld;

class FaultSchedule
{
public:
    explicit FaultSchedule(RunWorld &world) : m_world(world) {}

    // `id` names the fault until it ends; faults for another architecture are ignored.
    void start(int id, const FaultSpec &fault);
    void end(int id);
    // Whether the link between nodes a and b is cut (in either direction).
    bool cut(std::uint32_t a, std::uint32_t b) const
    {
        for (const auto &[x, y] : m_cuts)
            if ((x == a && y == b) || (x == b && y == a))
                return true;
        return false;
    }

private:
    void apply();

    RunWorld &m_world;
    std::map<int, FaultSpec> m_active;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_cuts;
};

} // namespace postoffice::app
