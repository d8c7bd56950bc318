#include "InterventionLog.h"

#include "Simulation.h"

namespace postoffice::app {

int InterventionLog::inject(Simulation &sim, const FaultSpec &fault)
{
    forgetFuture();
    Intervention i;
    i.t_s = sim.now();
    i.kind = Kind::Inject;
    i.fault = fault;
    i.fault_id = sim.injectFault(fault);
    if (i.fault_id >= 0) {
        m_log.push_back(i);
        m_applied = m_log.size();
    }
    return i.fault_id;
}

void InterventionLog::end(Simulation &sim, int id)
{
    forgetFuture();
    Intervention i;
    i.t_s = sim.now();
    i.kind = Kind::End;
    i.fault_id = id;
    m_log.push_back(i);
    m_applied = m_log.size();
    sim.endFault(id);
}

void InterventionLog::forgetFuture()
{
    m_log.resize(m_applied);
}

void InterventionLog::advance(Simulation &sim, double t_s)
{
    advance(sim, t_s, m_applied);
}

void InterventionLog::advance(Simulation &sim, double t_s, std::size_t &applied) const
{
    while (applied < m_log.size() && m_log[applied].t_s <= t_s) {
        const Intervention &next = m_log[applied];
        sim.runUntil(next.t_s);
        apply(sim, next);
        ++applied;
    }
    sim.runUntil(t_s);
}

void InterventionLog::apply(Simulation &sim, const Intervention &intervention)
{
    // Injected in the same order as the first time, a fault gets the same id again.
    if (intervention.kind == Kind::Inject)
        sim.injectFault(intervention.fault);
    else
        sim.endFault(intervention.fault_id);
}

std::optional<double> InterventionLog::nextAt() const
{
    if (m_applied < m_log.size())
        return m_log[m_applied].t_s;
    return std::nullopt;
}

void InterventionLog::clear()
{
    m_log.clear();
    m_applied = 0;
}

std::optional<FaultSpec> InterventionLog::injectedFault(int id) const
{
    for (const Intervention &i : m_log)
        if (i.kind == Kind::Inject && i.fault_id == id)
            return i.fault;
    return std::nullopt;
}

} // namespace postoffice::app
