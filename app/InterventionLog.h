#pragma once

// What a presenter did to a run by hand — faults injected and ended from the fault panel — with
// the simulated time of each, so that the run can be simulated again and come out the same.
// A run is deterministic given its scenario, seed and these interventions; rewinding is building
// a fresh Simulation and advancing it through the log to the wanted time (DESIGN §4: same seed,
// same results, bit for bit).
//
// Interventions after the point a run was rewound to stay in the log and happen again when it
// plays on, like the scheduled faults; a new intervention made after a rewind replaces them
// (the run takes another course from there).

#include "Scenario.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace postoffice::app {

class Simulation;

class InterventionLog
{
public:
    enum class Kind { Inject, End };
    struct Intervention
    {
        double t_s = 0.0;
        Kind kind = Kind::Inject;
        FaultSpec fault; // Inject: the fault as injected
        int fault_id = -1;
    };

    // Injects a fault into `sim` now and records it; forgets interventions not yet replayed.
    // Returns the fault's id, as Simulation::injectFault does.
    int inject(Simulation &sim, const FaultSpec &fault);
    // Ends fault `id` now and records it; forgets interventions not yet replayed.
    void end(Simulation &sim, int id);

    // Runs `sim` to t_s, applying every recorded intervention due by then, at its own time.
    // `sim` must be at or after the last applied intervention (a fresh simulation after rewind()).
    void advance(Simulation &sim, double t_s);
    // The same for another simulation of the scenario that keeps its own place in the log (a
    // compared variant follows the live run's interventions): `applied` counts those it has had.
    void advance(Simulation &sim, double t_s, std::size_t &applied) const;
    // The next intervention not applied yet, if any (the live run must stop there).
    std::optional<double> nextAt() const;
    // The log starts over on a fresh simulation of the same scenario: nothing applied yet.
    void rewind() { m_applied = 0; }
    // Forgets everything (a new scenario).
    void clear();

    const std::vector<Intervention> &interventions() const { return m_log; }
    std::size_t applied() const { return m_applied; }
    // The fault an Inject intervention gave `id`, if any.
    std::optional<FaultSpec> injectedFault(int id) const;

private:
    static void apply(Simulation &sim, const Intervention &intervention);
    void forgetFuture();

    std::vector<Intervention> m_log;
    std::size_t m_applied = 0;
};

} // namespace postoffice::app
