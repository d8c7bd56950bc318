#include "PacedRun.h"

#include "Simulation.h"

#include <algorithm>

namespace postoffice::app {

namespace {
// 10 ms: a Fetch long-poll or an acks=all answer is late by at most this much wall time.
constexpr int kTickMs = 10;
// The most one tick may spend in the engine before the event loop serves the sockets again.
constexpr qint64 kBudgetNs = 20'000'000;
} // namespace

PacedRun::PacedRun(Simulation &simulation, double speed, QObject *parent)
    : QObject(parent), m_simulation(simulation), m_speed(speed > 0 ? speed : 1.0)
{
    m_timer.setInterval(kTickMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &PacedRun::tick);
}

void PacedRun::start()
{
    m_startSim = m_simulation.now();
    m_wall.start();
    m_timer.start();
    tick(); // the faults and events of t = 0 happen before the first client arrives
}

void PacedRun::stop()
{
    m_timer.stop();
}

double PacedRun::targetTime() const
{
    if (!m_wall.isValid())
        return m_simulation.now();
    return std::min(m_simulation.duration(), m_startSim + double(m_wall.nsecsElapsed()) / 1e9 * m_speed);
}

double PacedRun::lag() const
{
    return std::max(0.0, targetTime() - m_simulation.now());
}

void PacedRun::tick()
{
    const double target = targetTime();
    // In slices of at most one simulated second (and 10 ms of wall time's worth at this speed),
    // so that a heavy scenario yields to the sockets within the budget.
    const double slice = std::max(0.001, std::min(1.0, m_speed * kTickMs / 1000.0));
    QElapsedTimer budget;
    budget.start();
    while (m_simulation.now() < target && !m_simulation.finished()) {
        m_simulation.runUntil(std::min(target, m_simulation.now() + slice));
        if (budget.nsecsElapsed() > kBudgetNs)
            break;
    }
    emit advanced();
    if (m_simulation.finished()) {
        m_timer.stop();
        emit finished();
    }
}

} // namespace postoffice::app
