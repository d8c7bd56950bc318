#pragma once

// Deterministic run data for the store and export suites: every value is derived from
// (second, architecture, node), so a row that lands in the wrong place shows.

#include "RunStore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
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
        as.orders.response_p95_ms = float(3 * t) + 0.25f;
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

// A finished run of `seconds` seconds with a fault starting at 3.5 s (every architecture: the link
// between notification and order-service is cut) and a rebalance at 9.25 s (decoupled).
inline std::optional<qint64> writeTestRun(RunStore &store, qint64 seconds, const QJsonObject &summary = {})
{
    const auto run = store.beginRun(testRun());
    if (!run)
        return std::nullopt;
    for (qint64 t = 1; t <= seconds; ++t) {
        if (t == 4) {
            SimEvent cut = testEvent(3.5, SimEventKind::FaultStart, -1, QStringLiteral("notification"),
                                     QStringLiteral("notification cut off from order-service"));
            cut.fault = FaultSpec{};
            cut.fault->kind = FaultKind::NetworkCut;
            cut.fault->target = QStringLiteral("notification");
            cut.fault->peer = QStringLiteral("order-service");
            if (!store.addEvent(cut))
                return std::nullopt;
        }
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

// Runs statements on a connection of its own, as another program (or an older PostOffice) would.
// Returns an empty string on success, else the statement that failed and why.
inline QString execOn(const QString &path, const QStringList &statements)
{
    const QString connection = QStringLiteral("store-fixture-raw");
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            for (const QString &sql : statements)
                if (error.isEmpty() && !q.exec(sql))
                    error = sql + QStringLiteral(": ") + q.lastError().text();
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

// A database as the first released schema wrote it (before order_samples.response_p95_ms): one
// running run, architecture "tight", whose second 1 has 5 orders placed and an e2e p95 of 12.5 ms.
// Returns an empty string on success, else what failed.
inline QString writeFirstSchemaDatabase(const QString &path)
{
    const char *const statements[] = {
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "INSERT INTO meta (key, value) VALUES ('schema', 'postoffice.runs/1')",
        "CREATE TABLE runs (id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, scenario_text TEXT NOT NULL,"
        " seed INTEGER NOT NULL, duration_s REAL NOT NULL, architectures TEXT NOT NULL,"
        " started_at TEXT NOT NULL, ended_at TEXT,"
        " status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'aborted')),"
        " flushed_s INTEGER NOT NULL DEFAULT 0, summary TEXT)",
        "CREATE TABLE series (id INTEGER PRIMARY KEY,"
        " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, architecture TEXT NOT NULL,"
        " kind TEXT NOT NULL CHECK (kind IN ('node', 'group', 'orders')), name TEXT NOT NULL,"
        " UNIQUE (run_id, architecture, kind, name))",
        "CREATE TABLE node_samples (run_id INTEGER NOT NULL, t_s INTEGER NOT NULL,"
        " series_id INTEGER NOT NULL, arrivals INTEGER NOT NULL, completions INTEGER NOT NULL,"
        " failures INTEGER NOT NULL, timeouts INTEGER NOT NULL, retries INTEGER NOT NULL,"
        " queue_len INTEGER NOT NULL, busy INTEGER NOT NULL, p50_ms REAL, p95_ms REAL, p99_ms REAL,"
        " PRIMARY KEY (run_id, t_s, series_id)) WITHOUT ROWID",
        "CREATE TABLE lag_samples (run_id INTEGER NOT NULL, t_s INTEGER NOT NULL,"
        " series_id INTEGER NOT NULL, partition INTEGER NOT NULL, lag INTEGER NOT NULL,"
        " PRIMARY KEY (run_id, t_s, series_id, partition)) WITHOUT ROWID",
        "CREATE TABLE order_samples (run_id INTEGER NOT NULL, t_s INTEGER NOT NULL,"
        " series_id INTEGER NOT NULL, placed INTEGER NOT NULL, completed INTEGER NOT NULL,"
        " failed INTEGER NOT NULL, lost INTEGER NOT NULL, in_flight INTEGER NOT NULL, e2e_p95_ms REAL,"
        " PRIMARY KEY (run_id, t_s, series_id)) WITHOUT ROWID",
        "CREATE TABLE events (id INTEGER PRIMARY KEY,"
        " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, t_s REAL NOT NULL,"
        " architecture TEXT, kind TEXT NOT NULL, node TEXT, text TEXT NOT NULL,"
        " count INTEGER NOT NULL DEFAULT 0)",
        "CREATE INDEX events_by_run ON events (run_id, t_s)",
        "CREATE VIEW order_samples_v AS SELECT o.run_id, o.t_s, s.architecture, o.placed, o.completed,"
        " o.failed, o.lost, o.in_flight, o.e2e_p95_ms FROM order_samples o JOIN series s ON s.id = "
        "o.series_id",
        "INSERT INTO runs (id, scenario, scenario_text, seed, duration_s, architectures, started_at, status,"
        " flushed_s) VALUES (1, 'Old', '{}', 7, 60, '[\"tight\"]', '2026-01-01T00:00:00.000Z', 'running', 1)",
        "INSERT INTO series (id, run_id, architecture, kind, name) VALUES (1, 1, 'tight', 'orders', "
        "'orders')",
        "INSERT INTO order_samples VALUES (1, 1, 1, 5, 4, 1, 0, 0, 12.5)",
    };
    QStringList list;
    for (const char *sql : statements)
        list << QString::fromLatin1(sql);
    return execOn(path, list);
}

} // namespace postoffice::app::store_fixture
