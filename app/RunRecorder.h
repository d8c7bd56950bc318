#pragma once

// Connects a running Simulation to the RunStore: every per-second sample and every event goes
// into the store as the engine emits it (the store batches them into transactions). Used by
// `postoffice run`, and usable by the GUI to keep its runs.

#include "RunStore.h"
#include "SimulationObserver.h"

namespace postoffice::app {

class Simulation;

class RunRecorder : public SimulationObserver
{
public:
    explicit RunRecorder(RunStore &store) : m_store(store) {}

    // What the store needs to know about a run before its first sample: names behind the
    // engine's indices, the scenario as text (kept so that a stored run can be re-run exactly).
    static RunStore::NewRun describe(const Simulation &simulation, const QString &scenarioText);

    void onSample(qint64 second, const std::vector<ArchitectureSample> &samples) override;
    void onEvent(const SimEvent &event) override;

    // False once the store failed (disk full, locked...); store().errorString() says why. The
    // engine cannot be told from an observer hook, so the caller checks this between steps.
    bool ok() const { return m_ok; }
    RunStore &store() { return m_store; }

private:
    RunStore &m_store;
    bool m_ok = true;
};

} // namespace postoffice::app
