#pragma once

// Drives a Simulation at wall-clock pace under a Qt event loop: `serve` (and later the GUI's
// "Accept Kafka clients") needs simulated time to follow real time, because real clients time out,
// retry and heartbeat in wall time. A timer every few milliseconds runs the engine up to
// start + elapsed × speed; one tick never works longer than a budget, so sockets stay served even
// when the scenario is heavier than real time (the run then falls behind rather than stalling).

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace postoffice::app {

class Simulation;
class RunRecorder;

class PacedRun : public QObject
{
    Q_OBJECT
public:
    // speed: simulated seconds per wall second (> 0). The run stops at the simulation's duration.
    PacedRun(Simulation &simulation, double speed, QObject *parent = nullptr);

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    double speed() const { return m_speed; }
    // The simulated time the wall clock asks for now (what the next tick runs to).
    double targetTime() const;
    // Simulated seconds behind the wall clock (0 when keeping pace).
    double lag() const;

signals:
    // After each tick's work: the world moved (the Kafka server answers waiting requests then).
    void advanced();
    // The simulation reached its end.
    void finished();

private:
    void tick();

    Simulation &m_simulation;
    double m_speed;
    double m_startSim = 0.0;
    QElapsedTimer m_wall;
    QTimer m_timer;
};

} // namespace postoffice::app
