#include "ComparisonRun.h"

#include "Simulation.h"
#include "SimulationController.h"

namespace postoffice::ui {

ComparisonRun::ComparisonRun(SimulationController *controller, QObject *parent)
    : QObject(parent), m_controller(controller)
{
    connect(controller, &SimulationController::updated, this, &ComparisonRun::follow);
    connect(controller, &SimulationController::rewound, this, [this] {
        if (isActive()) {
            rebuild();
            follow();
        }
    });
}

ComparisonRun::~ComparisonRun()
{
    if (m_sim)
        m_sim->setObserver(nullptr);
}

bool ComparisonRun::start(const app::ScenarioVariant &variant, QString *error)
{
    QString why;
    std::optional<app::Scenario> scenario = variant.apply(m_controller->scenario(), &why);
    if (scenario) {
        app::Simulation probe(*scenario);
        if (!probe.isValid())
            why = probe.errorString();
    }
    if (!scenario || !why.isEmpty()) {
        if (error)
            *error = why;
        return false;
    }
    stop();
    m_variant = variant;
    m_scenario = std::make_unique<app::Scenario>(std::move(*scenario));
    rebuild();
    follow();
    return true;
}

void ComparisonRun::stop()
{
    if (!m_sim)
        return;
    m_sim->setObserver(nullptr);
    m_sim.reset();
    m_scenario.reset();
    m_variant.reset();
    emit stopped();
}

const app::Scenario *ComparisonRun::scenario() const
{
    return m_scenario.get();
}

double ComparisonRun::now() const
{
    return m_sim ? m_sim->now() : 0.0;
}

void ComparisonRun::rebuild()
{
    if (m_sim)
        m_sim->setObserver(nullptr);
    m_sim = std::make_unique<app::Simulation>(*m_scenario);
    m_sim->setObserver(this);
    m_applied = 0;
    emit restarted();
}

void ComparisonRun::follow()
{
    if (!m_sim)
        return;
    // Behind the live run only: a rewind rebuilt it before this is called.
    const double target = m_controller->now();
    if (target >= m_sim->now())
        m_controller->interventions().advance(*m_sim, target, m_applied);
}

void ComparisonRun::onSample(qint64 second, const std::vector<app::ArchitectureSample> &samples)
{
    emit sampled(second, samples);
}

} // namespace postoffice::ui
