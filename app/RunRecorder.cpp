#include "RunRecorder.h"

#include "Simulation.h"

namespace postoffice::app {

RunStore::NewRun RunRecorder::describe(const Simulation &simulation, const QString &scenarioText)
{
    RunStore::NewRun run;
    const Scenario &scenario = simulation.scenario();
    run.scenario = scenario.name;
    run.scenarioText = scenarioText;
    run.seed = simulation.seed();
    run.duration_s = simulation.duration();
    run.layout.architectures = simulation.architectures();
    for (const NodeSpec &node : scenario.nodes)
        run.layout.nodes << node.id;
    for (int a = 0; a < run.layout.architectures.size(); ++a)
        run.layout.groups.push_back(simulation.groupNames(a));
    return run;
}

void RunRecorder::onSample(qint64 second, const std::vector<ArchitectureSample> &samples)
{
    if (m_ok)
        m_ok = m_store.addSecond(second, samples);
}

void RunRecorder::onEvent(const SimEvent &event)
{
    if (m_ok)
        m_ok = m_store.addEvent(event);
}

} // namespace postoffice::app
