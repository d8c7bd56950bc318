// Engine speed (DESIGN.md §10): events per second on the full e-commerce scenario (both
// architectures), and a shop-day — 24 simulated hours at 100 orders/s, both architectures —
// with its wall time and peak resident memory — and how long the GUI takes to go back an hour in
// the 20 orders/s baseline shop (a rewind simulates the run again from the start). Prints
// `name: number` lines.

#include "../app/EngineTestScenarios.h"
#include "InterventionLog.h"
#include "ScenarioLoader.h"
#include "Simulation.h"
#include "SimulationObserver.h"

#include <QElapsedTimer>

#include <sys/resource.h>

#include <cstdio>
#include <memory>
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

// A shipped scenario. A benchmark that quietly measured something else would be worse than none:
// no fallback.
std::optional<Scenario> shippedScenario(const char *name)
{
    const QString path = QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios/%1.json").arg(QLatin1String(name));
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
        const std::optional<Scenario> scenario = shippedScenario("notification-outage");
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
        // Going back an hour: the baseline shop (20 orders/s, both architectures) is at 2:00:00
        // with a fault injected by hand at 0:30:00; the trainer drags the timeline to 1:00:00.
        // As the GUI does it: a fresh simulation with an observer (percentiles are computed for
        // it each second), advanced through the hand-injected faults to the new time.
        std::optional<Scenario> baseline = shippedScenario("baseline");
        if (!baseline)
            return 1;
        baseline->duration_s = 7200;
        struct Counting : SimulationObserver
        {
            qint64 seconds = 0;
            void onSample(qint64, const std::vector<ArchitectureSample> &) override { ++seconds; }
        } observer;
        InterventionLog log;
        auto sim = std::make_unique<Simulation>(*baseline);
        sim->setObserver(&observer);
        log.advance(*sim, 1800);
        FaultSpec slow;
        slow.kind = FaultKind::Slow;
        slow.target = QStringLiteral("inventory");
        slow.factor = 2.0;
        slow.at_s = sim->now();
        slow.duration_s = 600;
        log.inject(*sim, slow);
        log.advance(*sim, 7200);
        QElapsedTimer timer;
        timer.start();
        sim->setObserver(nullptr);
        sim = std::make_unique<Simulation>(*baseline);
        sim->setObserver(&observer);
        log.rewind();
        log.advance(*sim, 3600);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (sim->now() != 3600 || log.applied() != 1) {
            std::fprintf(stderr, "bench_sim: the rewind did not reach 1:00:00 with its fault\n");
            return 1;
        }
        std::printf("seek_1h_ms: %.0f\n", ms);
        std::printf("seek_1h_events: %llu\n", static_cast<unsigned long long>(sim->eventsProcessed()));
    }

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
