#pragma once

// A second run of the live scenario with one parameter changed (app::ScenarioVariant), kept in
// step with the live run: it is simulated up to the live clock whenever the views are updated,
// gets the faults injected by hand at the same times, and starts over when the live run is
// rewound. Its samples go to the charts as one more line (compare runs, as in AnyLogic).

#include "Sample.h"
#include "ScenarioVariant.h"
#include "SimulationObserver.h"

#include <QObject>

#include <cstddef>
#include <memory>
#include <optional>

namespace postoffice::app {
class Simulation;
}

namespace postoffice::ui {

class SimulationController;

class ComparisonRun : public QObject, private app::SimulationObserver
{
    Q_OBJECT
public:
    explicit ComparisonRun(SimulationController *controller, QObject *parent = nullptr);
    ~ComparisonRun() override;

    // Starts comparing the live scenario with `variant`, simulated up to the live clock at once.
    // False, with *error saying why, when the variant does not fit the scenario.
    bool start(const app::ScenarioVariant &variant, QString *error = nullptr);
    void stop();
    bool isActive() const { return m_sim != nullptr; }
    const std::optional<app::ScenarioVariant> &variant() const { return m_variant; }
    // The variant's scenario (its one architecture, the parameter changed) while active.
    const app::Scenario *scenario() const;
    double now() const;

signals:
    // One per simulated second of the variant; samples[0].architecture is 0.
    void sampled(qint64 second, const std::vector<app::ArchitectureSample> &samples);
    // The variant started over (started, or the live run was rewound): its line starts again.
    void restarted();
    void stopped();

private:
    void onSample(qint64 second, const std::vector<app::ArchitectureSample> &samples) override;
    void rebuild();
    void follow();

    SimulationController *m_controller;
    std::optional<app::ScenarioVariant> m_variant;
    std::unique_ptr<app::Scenario> m_scenario;
    std::unique_ptr<app::Simulation> m_sim;
    std::size_t m_applied = 0; // interventions of the live run applied to the variant
};

} // namespace postoffice::ui
