#pragma once

// The scenario the Kafka server's engine-side tests serve (tests/fixtures/scenarios/serve-cluster.json:
// three brokers, orders read by the inventory group, clicks by analytics), and its decoupled
// architecture's summary.

#include "RunSummary.h"
#include "Scenario.h"
#include "ScenarioLoader.h"

#include <QtGlobal>

namespace postoffice::app::testing {

inline Scenario servedScenario(double duration)
{
    const auto loaded =
        ScenarioLoader::load(QStringLiteral(POSTOFFICE_FIXTURES_DIR "/scenarios/serve-cluster.json"));
    if (!loaded.ok())
        qFatal("serve-cluster.json does not load");
    Scenario s = *loaded.scenario;
    s.duration_s = duration;
    return s;
}

inline const ArchitectureSummary &decoupled(const RunSummary &summary)
{
    for (const ArchitectureSummary &a : summary.architectures)
        if (a.name == QLatin1String("decoupled"))
            return a;
    qFatal("no decoupled architecture");
}

} // namespace postoffice::app::testing
