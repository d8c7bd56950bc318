// bench_ui: the live view under load, offscreen.
//
// Frames: the main window at 1920×1080 on notification-outage with both canvases, message
// animation at its budget (2,000 dots) and live charts. One frame = what the GUI thread does per
// 16 ms tick while playing: simulate one slice (1 simulated second, i.e. 60× speed, enough
// traffic to keep the dot budget full), move the animation, refresh live state, run the charts'
// redraw timer for the 16.7 ms that passed (ChartsPanel ticks every 25 ms and redraws one chart
// per tick, so each of the four charts is redrawn 10×/s, 40 chart redraws per second in all),
// and paint both canvases into a QImage through their paint events (whole viewport, every frame),
// plus the chart that was redrawn. Each frame is timed
// with a monotonic clock.
//
// Each frame is split into phases (simulate, animate, live state, chart refresh, canvas render,
// chart render); their mean and p95 are printed too, so a slow frame names its cause.
// `bench_ui FRAMES` runs that many frames and skips the engine-speed part (for callgrind runs with
// --toggle-collect=*runFrames*).
//
// Simulation speed: events per CPU second of the same scenario run to the end headless (no
// observer) and with the whole live view observing it (samples to charts, events to the log,
// messages to the animator), without rendering — the cost the GUI adds to the engine.
#include "ChartsPanel.h"
#include "GraphView.h"
#include "LiveChart.h"
#include "LiveRunBinder.h"
#include "MainWindow.h"
#include "MessageAnimator.h"
#include "ScenarioDocument.h"
#include "ScenarioLoader.h"
#include "Simulation.h"
#include "SimulationController.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

using namespace postoffice;

namespace {

// Shipped scenarios are compiled in, so the bench runs from any folder.
const char *scenarioPath = ":/scenarios/notification-outage.json";

enum Phase { Simulate, Animate, LiveState, ChartRefresh, CanvasRender, ChartRender, PhaseCount };
const char *phaseNames[PhaseCount] = {"simulate",      "animate",       "live_state",
                                      "chart_refresh", "canvas_render", "chart_render"};

struct FrameStats
{
    std::vector<double> total_ms;
    std::vector<std::array<double, PhaseCount>> phase_ms;
    double seconds = 0.0;
    double dotsSum = 0.0;
    int dotsMax = 0;
    int chartRedraws = 0;
};

double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    return v[size_t(q * double(v.size() - 1))];
}

// Kept out of line so that callgrind can collect exactly the frames (--toggle-collect=*runFrames*).
Q_NEVER_INLINE FrameStats runFrames(ui::MainWindow &window, ui::LiveRunBinder &binder, int frames)
{
    ui::SimulationController *c = binder.controller();
    ui::MessageAnimator *animator = binder.animator();
    const QList<ui::GraphView *> views = window.graphViews();
    std::vector<QImage> canvases;
    for (ui::GraphView *v : views)
        canvases.emplace_back(v->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<QImage> charts;
    for (int m = 0; m < ui::ChartsPanel::MetricCount; ++m)
        charts.emplace_back(binder.charts()->chart(ui::ChartsPanel::Metric(m))->size(),
                            QImage::Format_ARGB32_Premultiplied);
    const double frame_ms = 1000.0 / 60.0;
    double chartClock_ms = 0.0;

    FrameStats stats;
    stats.total_ms.reserve(size_t(frames));
    QElapsedTimer total;
    total.start();
    for (int f = 0; f < frames; ++f) {
        std::array<double, PhaseCount> phase{};
        QElapsedTimer t;
        t.start();
        qint64 mark = 0;
        const auto lap = [&](Phase p) {
            const qint64 now = t.nsecsElapsed();
            phase[p] += (now - mark) / 1e6;
            mark = now;
        };
        c->advanceTo(c->now() + 1.0);
        lap(Simulate);
        animator->advance(1.0 / 60.0);
        lap(Animate);
        binder.refreshViews();
        lap(LiveState);
        ui::LiveChart *redrawn = nullptr;
        chartClock_ms += frame_ms;
        if (chartClock_ms >= ui::ChartsPanel::redrawTickMs) {
            chartClock_ms -= ui::ChartsPanel::redrawTickMs;
            redrawn = binder.charts()->redrawStep();
        }
        lap(ChartRefresh);
        // Through the viewport's paint event, as on screen: QWidget::render, not the
        // QGraphicsView::render scene printer, which bypasses the view's background cache and
        // the items' device-coordinate caches that the window uses.
        for (size_t i = 0; i < canvases.size(); ++i)
            views[int(i)]->viewport()->render(&canvases[i]);
        lap(CanvasRender);
        if (redrawn) {
            for (int m = 0; m < ui::ChartsPanel::MetricCount; ++m) {
                if (binder.charts()->chart(ui::ChartsPanel::Metric(m)) != redrawn)
                    continue;
                QPainter p(&charts[size_t(m)]);
                redrawn->render(&p);
                ++stats.chartRedraws;
            }
        }
        lap(ChartRender);
        stats.total_ms.push_back(t.nsecsElapsed() / 1e6);
        stats.phase_ms.push_back(phase);
        stats.dotsSum += animator->dotCount();
        stats.dotsMax = std::max(stats.dotsMax, animator->dotCount());
    }
    stats.seconds = total.nsecsElapsed() / 1e9;
    return stats;
}

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// The engine alone, no observer: it does not even build per-second samples.
Q_NEVER_INLINE double simHeadless(const app::Scenario &scenario, double until_s)
{
    app::Simulation sim(scenario);
    const double cpu0 = cpuSeconds();
    sim.runUntil(until_s);
    return double(sim.eventsProcessed()) / (cpuSeconds() - cpu0);
}

// The same run with the whole live view observing: samples to the charts, events to the log,
// messages to the animator (no rendering).
Q_NEVER_INLINE double simObserved(const app::Scenario &scenario, double until_s, ui::LiveRunBinder &binder)
{
    binder.controller()->setScenario(scenario);
    const double cpu0 = cpuSeconds();
    binder.controller()->advanceTo(until_s);
    return double(binder.controller()->simulation()->eventsProcessed()) / (cpuSeconds() - cpu0);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // `bench_ui FRAMES`: only the frames. `bench_ui --sim SECONDS`: only one engine run each
    // way, to SECONDS (for callgrind with --toggle-collect=*simHeadless* or *simObserved*).
    const bool simOnly = argc > 2 && qstrcmp(argv[1], "--sim") == 0;
    const int requestedFrames = argc > 1 && !simOnly ? std::atoi(argv[1]) : 0;
    const app::ScenarioLoader::Result loaded = app::ScenarioLoader::load(QString::fromUtf8(scenarioPath));
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.messages().join('\n')));
        return 1;
    }

    ui::MainWindow window;
    QString error;
    if (!window.openFile(QString::fromUtf8(scenarioPath), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    ui::LiveRunBinder binder(&window);
    window.resize(1920, 1080);
    window.show();
    QApplication::processEvents();
    window.fitAll();

    const double simUntil_s = simOnly ? std::atof(argv[2]) : loaded.scenario->duration_s;
    const int simRepeats = simOnly ? 1 : 3;
    if (simOnly) {
        std::printf("sim_events_per_s_headless: %.0f\n", simHeadless(*loaded.scenario, simUntil_s));
        std::printf("sim_events_per_s_gui_observing: %.0f\n",
                    simObserved(*loaded.scenario, simUntil_s, binder));
        return 0;
    }

    binder.controller()->advanceTo(540);  // just before the outage: warm queues, charts with history
    binder.animator()->setRunning(false); // frames are driven by hand below

    // 10 s of 60 Hz: through the start of the outage.
    const int frames = requestedFrames > 0 ? requestedFrames : 600;
    const FrameStats s = runFrames(window, binder, frames);

    std::printf("frames_per_s: %.1f\n", frames / s.seconds);
    std::printf("p95_frame_ms: %.2f\n", percentile(s.total_ms, 0.95));
    std::printf("max_frame_ms: %.2f\n", percentile(s.total_ms, 1.0));
    std::printf("dots_in_flight_mean: %.0f\n", s.dotsSum / frames);
    std::printf("dots_in_flight_max: %d\n", s.dotsMax);
    std::printf("chart_redraws_per_s_of_frames: %.1f\n", s.chartRedraws / (frames / 60.0));
    for (int p = 0; p < PhaseCount; ++p) {
        std::vector<double> v;
        double sum = 0.0;
        for (const auto &f : s.phase_ms) {
            v.push_back(f[p]);
            sum += f[p];
        }
        std::printf("%s_mean_ms: %.2f\n", phaseNames[p], sum / frames);
        std::printf("%s_p95_ms: %.2f\n", phaseNames[p], percentile(v, 0.95));
    }
    if (requestedFrames > 0)
        return 0;

    // Simulation speed with and without the live view observing, in events per CPU second of this
    // thread (other work on the shared machine does not count), best of three interleaved runs
    // each (the first run also pays for warming the allocator).
    double headless = 0.0;
    double observed = 0.0;
    for (int r = 0; r < simRepeats; ++r) {
        headless = std::max(headless, simHeadless(*loaded.scenario, simUntil_s));
        observed = std::max(observed, simObserved(*loaded.scenario, simUntil_s, binder));
    }
    std::printf("sim_events_per_s_headless: %.0f\n", headless);
    std::printf("sim_events_per_s_gui_observing: %.0f\n", observed);
    std::printf("gui_observing_slowdown_pct: %.1f\n", 100.0 * (1.0 - observed / headless));
    std::printf("animator_messages_seen: %llu\n", (unsigned long long)binder.animator()->messagesSeen());
    return 0;
}
