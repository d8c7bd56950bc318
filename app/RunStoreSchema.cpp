#include "RunStoreSchema.h"

#include "RunDatabase.h"

#include <QSqlError>
#include <QSqlQuery>

namespace postoffice::app {

namespace {

const char *const kOrderView =
    "CREATE VIEW IF NOT EXISTS order_samples_v AS"
    " SELECT o.run_id, o.t_s, s.architecture, o.placed, o.completed, o.failed, o.lost, o.in_flight,"
    " o.e2e_p95_ms, o.response_p95_ms FROM order_samples o JOIN series s ON s.id = o.series_id";

// Samples are keyed (run_id, t_s, series_id): a run's rows are contiguous and in time order, so
// appending is cheap and export reads them in key order without sorting. Series ids stand for
// (architecture, node or group) so that millions of rows do not repeat names; the *_v views join
// the names back for people who query the file directly.
const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS runs ("
    " id INTEGER PRIMARY KEY,"
    " scenario TEXT NOT NULL,"
    " scenario_text TEXT NOT NULL,"
    " seed INTEGER NOT NULL,"
    " duration_s REAL NOT NULL,"
    " architectures TEXT NOT NULL," // JSON array, in the engine's order
    " started_at TEXT NOT NULL,"    // ISO-8601 UTC wall time
    " ended_at TEXT,"
    " status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'aborted')),"
    " flushed_s INTEGER NOT NULL DEFAULT 0," // samples of seconds 1..flushed_s are all stored
    " summary TEXT)",                        // DESIGN.md §8 JSON, once finished
    "CREATE TABLE IF NOT EXISTS series ("
    " id INTEGER PRIMARY KEY,"
    " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " architecture TEXT NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('node', 'group', 'orders')),"
    " name TEXT NOT NULL,"
    " UNIQUE (run_id, architecture, kind, name))",
    "CREATE TABLE IF NOT EXISTS node_samples ("
    " run_id INTEGER NOT NULL, t_s INTEGER NOT NULL, series_id INTEGER NOT NULL,"
    " arrivals INTEGER NOT NULL, completions INTEGER NOT NULL, failures INTEGER NOT NULL,"
    " timeouts INTEGER NOT NULL, retries INTEGER NOT NULL, queue_len INTEGER NOT NULL,"
    " busy INTEGER NOT NULL, p50_ms REAL, p95_ms REAL, p99_ms REAL," // NULL: no value that second
    " PRIMARY KEY (run_id, t_s, series_id)) WITHOUT ROWID",
    // partition -1 is the group's total lag
    "CREATE TABLE IF NOT EXISTS lag_samples ("
    " run_id INTEGER NOT NULL, t_s INTEGER NOT NULL, series_id INTEGER NOT NULL,"
    " partition INTEGER NOT NULL, lag INTEGER NOT NULL,"
    " PRIMARY KEY (run_id, t_s, series_id, partition)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS order_samples ("
    " run_id INTEGER NOT NULL, t_s INTEGER NOT NULL, series_id INTEGER NOT NULL,"
    " placed INTEGER NOT NULL, completed INTEGER NOT NULL, failed INTEGER NOT NULL,"
    " lost INTEGER NOT NULL, in_flight INTEGER NOT NULL, e2e_p95_ms REAL, response_p95_ms REAL,"
    " PRIMARY KEY (run_id, t_s, series_id)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS events ("
    " id INTEGER PRIMARY KEY,"
    " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " t_s REAL NOT NULL,"
    " architecture TEXT," // NULL: every architecture
    " kind TEXT NOT NULL, node TEXT, text TEXT NOT NULL, count INTEGER NOT NULL DEFAULT 0,"
    " fault_kind TEXT, fault_peer TEXT," // fault events: the scenario's fault kind, a cut link's far end
    " members INTEGER, partitions INTEGER, moved INTEGER)", // rebalances' figures; NULL: not known
    "CREATE INDEX IF NOT EXISTS events_by_run ON events (run_id, t_s)",
    "CREATE VIEW IF NOT EXISTS node_samples_v AS"
    " SELECT n.run_id, n.t_s, s.architecture, s.name AS node, n.arrivals, n.completions, n.failures,"
    " n.timeouts, n.retries, n.queue_len, n.busy, n.p50_ms, n.p95_ms, n.p99_ms"
    " FROM node_samples n JOIN series s ON s.id = n.series_id",
    "CREATE VIEW IF NOT EXISTS lag_samples_v AS"
    " SELECT l.run_id, l.t_s, s.architecture, s.name AS consumer_group, l.partition, l.lag"
    " FROM lag_samples l JOIN series s ON s.id = l.series_id",
    kOrderView,
};

// Columns added after databases were already out there, each with the statements that bring an
// older file up to date. Added columns are nullable: rows written before read back as "no value".
struct AddedColumn
{
    const char *table;
    const char *column;
    const char *const upgrade[3];
};
const AddedColumn kAddedColumns[] = {
    {"order_samples",
     "response_p95_ms",
     {"ALTER TABLE order_samples ADD COLUMN response_p95_ms REAL", "DROP VIEW IF EXISTS order_samples_v",
      kOrderView}},
    {"events", "fault_kind", {"ALTER TABLE events ADD COLUMN fault_kind TEXT"}},
    {"events", "fault_peer", {"ALTER TABLE events ADD COLUMN fault_peer TEXT"}},
    {"events", "members", {"ALTER TABLE events ADD COLUMN members INTEGER"}},
    {"events", "partitions", {"ALTER TABLE events ADD COLUMN partitions INTEGER"}},
    {"events", "moved", {"ALTER TABLE events ADD COLUMN moved INTEGER"}},
};

} // namespace

const QString &RunStoreSchema::version()
{
    static const QString v = QStringLiteral("postoffice.runs/1");
    return v;
}

bool RunStoreSchema::isOurs(RunDatabase &db)
{
    QSqlQuery marker(db.db());
    const bool ours = marker.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema'")) &&
                      marker.next() && marker.value(0).toString() == version();
    if (ours)
        return true;
    const QSqlError sqlError = marker.lastError();
    if (sqlError.isValid() && RunDatabase::classify(sqlError) == RunDatabase::Error::Locked)
        return db.fail(RunDatabase::Error::Locked, QStringLiteral("read it"), sqlError);
    return db.fail(
        RunDatabase::Error::NotADatabase,
        QStringLiteral("'%1' is not a PostOffice run database (an SQLite file without the %2 schema)")
            .arg(db.path(), version()));
}

bool RunStoreSchema::create(RunDatabase &db)
{
    if (!db.exec(QStringLiteral("BEGIN IMMEDIATE"), QStringLiteral("create its tables")))
        return false;
    for (const char *sql : kSchema)
        if (!db.exec(QString::fromLatin1(sql), QStringLiteral("create its tables")))
            return db.rollBack();
    // A database from an earlier version: add what it lacks, in the same transaction, so that a
    // failed upgrade leaves the file as it was.
    for (const AddedColumn &added : kAddedColumns) {
        const std::optional<bool> present =
            db.hasColumn(QLatin1String(added.table), QLatin1String(added.column));
        bool upgraded = present.has_value();
        if (present == false)
            for (const char *sql : added.upgrade)
                upgraded = upgraded &&
                           (!sql || db.exec(QString::fromLatin1(sql), QStringLiteral("upgrade its tables")));
        if (!upgraded) {
            if (!present)
                db.fail(RunDatabase::Error::Io,
                        QStringLiteral("run database '%1': could not read its table %2")
                            .arg(db.path(), QLatin1String(added.table)));
            return db.rollBack();
        }
    }
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)"));
    q.addBindValue(version());
    if (!q.exec()) {
        db.fail(RunDatabase::Error::Io, QStringLiteral("create its tables"), q.lastError());
        return db.rollBack();
    }
    return db.exec(QStringLiteral("COMMIT"), QStringLiteral("create its tables"));
}

RunStoreSchema::Columns RunStoreSchema::columns(RunDatabase &db)
{
    // Read-only opens of an older database cannot upgrade it: such a file reads as "no value".
    Columns c;
    c.responseP95 = db.hasColumn(QStringLiteral("order_samples"), QStringLiteral("response_p95_ms")) == true;
    c.fault = db.hasColumn(QStringLiteral("events"), QStringLiteral("fault_peer")) == true;
    // Added together in one transaction, so the last of them stands for all three.
    c.rebalance = db.hasColumn(QStringLiteral("events"), QStringLiteral("moved")) == true;
    return c;
}

const QStringList &RunStoreSchema::nodeColumns()
{
    static const QStringList columns = {
        QStringLiteral("run_id"),   QStringLiteral("t_s"),         QStringLiteral("series_id"),
        QStringLiteral("arrivals"), QStringLiteral("completions"), QStringLiteral("failures"),
        QStringLiteral("timeouts"), QStringLiteral("retries"),     QStringLiteral("queue_len"),
        QStringLiteral("busy"),     QStringLiteral("p50_ms"),      QStringLiteral("p95_ms"),
        QStringLiteral("p99_ms")};
    return columns;
}

const QStringList &RunStoreSchema::lagColumns()
{
    static const QStringList columns = {QStringLiteral("run_id"), QStringLiteral("t_s"),
                                        QStringLiteral("series_id"), QStringLiteral("partition"),
                                        QStringLiteral("lag")};
    return columns;
}

const QStringList &RunStoreSchema::orderColumns()
{
    static const QStringList columns = {QStringLiteral("run_id"),     QStringLiteral("t_s"),
                                        QStringLiteral("series_id"),  QStringLiteral("placed"),
                                        QStringLiteral("completed"),  QStringLiteral("failed"),
                                        QStringLiteral("lost"),       QStringLiteral("in_flight"),
                                        QStringLiteral("e2e_p95_ms"), QStringLiteral("response_p95_ms")};
    return columns;
}

} // namespace postoffice::app
