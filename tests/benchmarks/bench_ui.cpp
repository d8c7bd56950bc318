// bench_ui: the live view under load, offscreen.
//
// Frames: the main window at 1920×1080 on notification-outage with both canvases, message
// animation at its budget (2,000 dots) and live charts. One frame = what the GUI thread does per
// 16 ms tick while playing: simulate one slice (1 simulated second, i.e. 60× speed, enough
// traffic to keep the dot budget full), move the animation, refresh live state, redraw the charts
// every sixth frame (10 Hz, as ChartsPanel does), and render both canvases into a QImage (plus
// the charts panel on the frames it changed). Each frame is timed with a monotonic clock.
//
// Simulation speed: events/s of the same scenario run to the end headless (no observer) and with
// the whole live view observing it (samples to charts, events to the log, messages to the
// animator), without rendering — the cost the GUI adds to the engine.
#include "ChartsPanel.h"
#include "GraphView.h"
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
#include <cstdio>
#include <vector>

using namespace postoffice;

namespace {

// Shipped scenarios are compiled in, so the bench runs from any folder.
const char *scenarioPath = ":/scenarios/notification-outage.json";

double eventsPerSecond(const app::Scenario &scenario, ui::LiveRunBinder *binder)
{
    QElapsedTimer wall;
    quint64 events = 0;
    if (binder) {
        binder->controller()->setScenario(scenario);
        wall.start();
        binder->controller()->advanceTo(scenario.duration_s);
        events = binder->controller()->simulation()->eventsProcessed();
    } else {
        app::Simulation sim(scenario);
        wall.start();
        sim.run();
        events = sim.eventsProcessed();
    }
    return double(events) / (wall.nsecsElapsed() / 1e9);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
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

    ui::SimulationController *c = binder.controller();
    ui::MessageAnimator *animator = binder.animator();
    c->advanceTo(540);           // just before the outage: warm queues, charts with history
    animator->setRunning(false); // frames are driven by hand below

    const QList<ui::GraphView *> views = window.graphViews();
    std::vector<QImage> canvases;
    for (ui::GraphView *v : views)
        canvases.emplace_back(v->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QImage charts(binder.charts()->size(), QImage::Format_ARGB32_Premultiplied);

    const int frames = 600; // 10 s of 60 Hz: through the start of the outage
    std::vector<double> ms;
    ms.reserve(frames);
    double dotsSum = 0;
    int dotsMax = 0;
    QElapsedTimer total;
    total.start();
    for (int f = 0; f < frames; ++f) {
        QElapsedTimer t;
        t.start();
        c->advanceTo(c->now() + 1.0);
        animator->advance(1.0 / 60.0);
        binder.refreshViews();
        const bool chartFrame = f % 6 == 0;
        if (chartFrame)
            binder.charts()->flush();
        for (size_t i = 0; i < canvases.size(); ++i) {
            QPainter p(&canvases[i]);
            views[int(i)]->render(&p);
        }
        if (chartFrame) {
            QPainter p(&charts);
            binder.charts()->render(&p);
        }
        ms.push_back(t.nsecsElapsed() / 1e6);
        dotsSum += animator->dotCount();
        dotsMax = std::max(dotsMax, animator->dotCount());
    }
    const double seconds = total.nsecsElapsed() / 1e9;
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const double p95 = sorted[size_t(0.95 * (sorted.size() - 1))];

    std::printf("frames_per_s: %.1f\n", frames / seconds);
    std::printf("p95_frame_ms: %.2f\n", p95);
    std::printf("max_frame_ms: %.2f\n", sorted.back());
    std::printf("dots_in_flight_mean: %.0f\n", dotsSum / frames);
    std::printf("dots_in_flight_max: %d\n", dotsMax);

    // Simulation speed with and without the live view observing.
    const double headless = eventsPerSecond(*loaded.scenario, nullptr);
    const double observed = eventsPerSecond(*loaded.scenario, &binder);
    std::printf("sim_events_per_s_headless: %.0f\n", headless);
    std::printf("sim_events_per_s_gui_observing: %.0f\n", observed);
    std::printf("gui_observing_slowdown_pct: %.1f\n", 100.0 * (1.0 - observed / headless));
    return 0;
}
