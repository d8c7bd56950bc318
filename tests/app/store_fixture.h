#pragma once

// Deterministic run data for the store and export suites: every value is derived from
// (second, architecture, node), so a row that lands in the wrong place shows.

#include "RunStore.h"

#include <QStringList>

namespace postoffice::app::store_fixture {

inline RunStore::Layout testLayout()
{
    RunStore::Layout layout;
    layout.architectures = {QStringLiteral("tight"), QStringLiteral("decoupled")};
    layout.nodes = {QStringLiteral("checkout"), QStringLiteral("order-service"),
                    QStringLiteral("notification")};
    layout.groups = {{}, {QStringLiteral("notification")}};
    return layout;
}

inline RunStore::NewRun testRun(quint64 seed = 42)
{
    RunStore::NewRun run;
    run.scenario = QStringLiteral("Notification outage");
    run.scenarioText = QStringLiteral("{\"schema\": \"postoffice.scenario/1\"}");
    run.seed = seed;
    run.duration_s = 600;
    run.layout = testLayout();
    return run;
}

// Values derived from (second, architecture, node) so that any mix-up shows.
inline std::vector<ArchitectureSample> testSecond(qint64 t)
{
    std::vector<ArchitectureSample> result;
    for (int a = 0; a < 2; ++a) {
        ArchitectureSample as;
        as.architecture = a;
        for (int n = 0; n < 3; ++n) {
            NodeSample s;
            s.node = n;
            s.arrivals = quint32(t * 100 + a * 10 + n);
            s.completions = quint32(t + n);
            s.failures = quint32(a);
            s.timeouts = quint32(n);
            s.retries = quint32(a + n);
            s.queue_len = quint32(t % 7);
            s.busy = quint32(n + 1);
            s.p50_ms = float(t) + 0.5f;
            s.p95_ms = float(t) + 1.25f;
            s.p99_ms = float(t) + 2.75f;
            as.nodes.push_back(s);
        }
        if (a == 1) {
            GroupSample g;
            g.group = 0;
            g.partition_lag = {t, 2 * t, 3 * t};
            g.lag = 6 * t;
            as.groups.push_back(g);
        }
        as.orders.placed = quint64(50 * t);
        as.orders.completed = quint64(48 * t);
        as.orders.failed = quint64(a * t);
        as.orders.lost = 0;
        as.orders.in_flight = quint64(2 * t - a * t);
        as.orders.e2e_p95_ms = float(10 * t);
        result.push_back(as);
    }
    return result;
}

inline SimEvent testEvent(double t, SimEventKind kind, int architecture, const QString &node,
                          const QString &text)
{
    SimEvent e;
    e.t_s = t;
    e.kind = kind;
    e.architecture = architecture;
    e.node = node;
    e.text = text;
    e.count = 7;
    return e;
}

// A finished run of `seconds` seconds with a fault starting at 3.5 s (every architecture) and a
// rebalance at 9.25 s (decoupled).
inline std::optional<qint64> writeTestRun(RunStore &store, qint64 seconds, const QJsonObject &summary = {})
{
    const auto run = store.beginRun(testRun());
    if (!run)
        return std::nullopt;
    for (qint64 t = 1; t <= seconds; ++t) {
        if (t == 4 &&
            !store.addEvent(testEvent(3.5, SimEventKind::FaultStart, -1, QStringLiteral("notification"),
                                      QStringLiteral("notification down"))))
            return std::nullopt;
        if (t == 10 &&
            !store.addEvent(testEvent(9.25, SimEventKind::Rebalance, 1, QStringLiteral("notification"),
                                      QStringLiteral("group notification rebalanced"))))
            return std::nullopt;
        if (!store.addSecond(t, testSecond(t)))
            return std::nullopt;
    }
    if (!store.finishRun(RunStore::Status::Finished, summary))
        return std::nullopt;
    return run;
}

} // namespace postoffice::app::store_fixture
