// Engine speed (DESIGN.md §10): events per second on the full e-commerce scenario (both
// architectures), and a shop-day — 24 simulated hours at 100 orders/s, both architectures —
// with its wall time and peak resident memory. Prints `name: number` lines.

#include "../app/EngineTestScenarios.h"
#include "ScenarioLoader.h"
#include "Simulation.h"

#include <QElapsedTimer>

#include <sys/resource.h>

#include <cstdio>
#include <optional>

using namespace postoffice::app;

namespace {

// CPU time of this process: on a shared machine the wall time also measures the neighbours.
double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec) + double(usage.ru_utime.tv_usec) / 1e6 +
           double(usage.ru_stime.tv_sec) + double(usage.ru_stime.tv_usec) / 1e6;
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

// The shipped notification-outage scenario: the whole shop in both architectures, with its outage.
// A benchmark that quietly measured something else would be worse than none: no fallback.
std::optional<Scenario> fullScenario()
{
    const QString path = QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios/notification-outage.json");
    ScenarioLoader::Result loaded = ScenarioLoader::load(path);
    if (!loaded.ok()) {
        std::fprintf(stderr, "bench_sim: %s\n", qPrintable(loaded.messages().join(QLatin1Char('\n'))));
        return std::nullopt;
    }
    return *loaded.scenario;
}

} // namespace

int main(int argc, char **argv)
{
    // `bench_sim quick` runs 10 minutes of the scenario and 20 minutes of the shop (for profiling under
    // callgrind); `bench_sim events` only the full scenario (for comparing two builds' event rates).
    const QByteArray mode = argc > 1 ? QByteArray(argv[1]) : QByteArray();
    const bool quick = mode == "quick";

    {
        const std::optional<Scenario> scenario = fullScenario();
        if (!scenario)
            return 1;
        SimulationOptions options;
        if (quick)
            options.duration_s = 600;
        Simulation sim(*scenario, options);
        if (!sim.isValid()) {
            std::fprintf(stderr, "bench_sim: %s\n", qPrintable(sim.errorString()));
            return 1;
        }
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = cpuSeconds();
        sim.run();
        const double wall = double(timer.nsecsElapsed()) / 1e9;
        const double cpu = cpuSeconds() - cpu0;
        std::printf("full_scenario_events: %llu\n", static_cast<unsigned long long>(sim.eventsProcessed()));
        std::printf("events_per_s: %.0f\n", double(sim.eventsProcessed()) / wall);
        std::printf("events_per_cpu_s: %.0f\n", double(sim.eventsProcessed()) / cpu);
    }
    if (mode == "events")
        return 0;

    {
        // A day of the shop. Topics keep one hour (retention.ms) so memory stays flat, as a real
        // cluster's would with its retention settings.
        Scenario day = testing::shop(100, quick ? 1200 : 86400, 7);
        day.node(QStringLiteral("orders"))->config[QStringLiteral("retention.ms")] =
            QStringLiteral("3600000");
        day.node(QStringLiteral("orders"))->config[QStringLiteral("segment.ms")] = QStringLiteral("600000");
        Simulation sim(day);
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = cpuSeconds();
        sim.run();
        const double wall = double(timer.nsecsElapsed()) / 1e9;
        const double cpu = cpuSeconds() - cpu0;
        bool conserved = true;
        for (const ArchitectureSummary &a : sim.summary().architectures)
            conserved = conserved && a.conservation_ok;
        std::printf("shop_day_events: %llu\n", static_cast<unsigned long long>(sim.eventsProcessed()));
        std::printf("shop_day_wall_s: %.2f\n", wall);
        std::printf("shop_day_cpu_s: %.2f\n", cpu);
        std::printf("shop_day_peak_rss_mb: %.1f\n", peakRssMb());
        std::printf("shop_day_conservation_ok: %d\n", conserved ? 1 : 0);
    }
    return 0;
}
