#include "RunStore.h"

#include "ScenarioKeys.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QStandardPaths>
#include <QVariant>

#include <atomic>
#include <charconv>
#include <cmath>
#include <limits>

namespace postoffice::app {

namespace {

// Written into meta so that a foreign SQLite file is refused instead of being filled with our
// tables (or exported as an empty result).
const QString kSchemaVersion = QStringLiteral("postoffice.runs/1");

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

// The columns a query reads, or as many NULLs when an older database read-only lacks them.
QString columnsOrNull(bool present, const QStringList &columns)
{
    return present ? columns.join(QStringLiteral(", "))
                   : QStringList(columns.size(), QStringLiteral("NULL")).join(QStringLiteral(", "));
}

// A count that may not be known: SimEvent's -1 is stored as NULL and read back as -1.
QVariant figure(int value)
{
    return value >= 0 ? QVariant(value) : QVariant(QMetaType(QMetaType::Int));
}

int figure(const QVariant &value)
{
    return value.isNull() ? -1 : value.toInt();
}

// SQLite's primary result codes (the low byte of an extended code).
enum SqliteCode {
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoErr = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteNotADb = 26,
};

RunStore::Error classify(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    if (!ok)
        return RunStore::Error::Io;
    switch (code) {
    case SqliteBusy:
    case SqliteLocked:
        return RunStore::Error::Locked;
    case SqliteReadOnly:
        return RunStore::Error::ReadOnly;
    case SqliteFull:
        return RunStore::Error::Full;
    case SqliteCantOpen:
        return RunStore::Error::CannotOpen;
    case SqliteNotADb:
    case SqliteCorrupt:
        return RunStore::Error::NotADatabase;
    default:
        return RunStore::Error::Io;
    }
}

QString isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QVariant &v)
{
    if (v.isNull())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t;
}

const QStringList kNodeColumns = {
    QStringLiteral("run_id"),   QStringLiteral("t_s"),         QStringLiteral("series_id"),
    QStringLiteral("arrivals"), QStringLiteral("completions"), QStringLiteral("failures"),
    QStringLiteral("timeouts"), QStringLiteral("retries"),     QStringLiteral("queue_len"),
    QStringLiteral("busy"),     QStringLiteral("p50_ms"),      QStringLiteral("p95_ms"),
    QStringLiteral("p99_ms")};
const QStringList kLagColumns = {QStringLiteral("run_id"), QStringLiteral("t_s"), QStringLiteral("series_id"),
                                 QStringLiteral("partition"), QStringLiteral("lag")};
const QStringList kOrderColumns = {QStringLiteral("run_id"),     QStringLiteral("t_s"),
                                   QStringLiteral("series_id"),  QStringLiteral("placed"),
                                   QStringLiteral("completed"),  QStringLiteral("failed"),
                                   QStringLiteral("lost"),       QStringLiteral("in_flight"),
                                   QStringLiteral("e2e_p95_ms"), QStringLiteral("response_p95_ms")};

// QtSql binds a null QString as SQL NULL; the NOT NULL text columns take an empty one.
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QVariant summaryText(const QJsonObject &summary)
{
    return summary.isEmpty()
               ? QVariant(QMetaType(QMetaType::QString))
               : QVariant(QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact)));
}

std::optional<RunStore::Status> statusFromName(const QString &name)
{
    for (auto s : {RunStore::Status::Running, RunStore::Status::Finished, RunStore::Status::Aborted})
        if (RunStore::statusName(s) == name)
            return s;
    return std::nullopt;
}

} // namespace

RunStore::RunStore()
{
    static std::atomic<int> counter{0};
    m_connection = QStringLiteral("postoffice-runstore-%1").arg(counter.fetch_add(1));
}

RunStore::~RunStore()
{
    // A run still open here was interrupted (an error unwound the caller): keep what was measured.
    if (m_runId != 0)
        finishRun(Status::Aborted, {});
    close();
}

QString RunStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("runs.sqlite"));
}

QString RunStore::statusName(Status status)
{
    switch (status) {
    case Status::Running:
        return QStringLiteral("running");
    case Status::Finished:
        return QStringLiteral("finished");
    case Status::Aborted:
        return QStringLiteral("aborted");
    }
    return {};
}

bool RunStore::fail(Error error, const QString &message)
{
    m_error = error;
    m_errorString = message;
    return false;
}

bool RunStore::fail(Error error, const QString &what, const QSqlError &sqlError)
{
    const Error kind = error == Error::Io ? classify(sqlError) : error;
    const QString detail = sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText();
    QString message;
    switch (kind) {
    case Error::NotADatabase:
        message = QStringLiteral("'%1' is not a PostOffice run database (%2)").arg(m_path, detail);
        break;
    case Error::Locked:
        message = QStringLiteral("run database '%1' is locked by another program; could not %2 (%3)")
                      .arg(m_path, what, detail);
        break;
    case Error::Full:
        message = QStringLiteral("run database '%1': the disk is full; could not %2 (%3)")
                      .arg(m_path, what, detail);
        break;
    case Error::ReadOnly:
        message =
            QStringLiteral("run database '%1' is read-only; could not %2 (%3)").arg(m_path, what, detail);
        break;
    case Error::CannotOpen:
        message = QStringLiteral("cannot open run database '%1' (%2)").arg(m_path, detail);
        break;
    default:
        message = QStringLiteral("run database '%1': could not %2 (%3)").arg(m_path, what, detail);
        break;
    }
    return fail(kind, message);
}

bool RunStore::exec(const QString &sql, const QString &what)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return fail(Error::Io, what, q.lastError());
    return true;
}

bool RunStore::prepare(QSqlQuery &query, const QString &sql, const QString &what)
{
    query = QSqlQuery(m_db);
    if (!query.prepare(sql))
        return fail(Error::Io, what, query.lastError());
    return true;
}

bool RunStore::open(const QString &path, Mode mode, int busyTimeoutMs)
{
    close();
    m_path = path;
    m_mode = mode;
    m_error = Error::None;
    m_errorString.clear();

    const QFileInfo info(path);
    if (path.isEmpty())
        return fail(Error::CannotOpen, QStringLiteral("no run database file given"));
    if (info.isDir())
        return fail(Error::CannotOpen,
                    QStringLiteral("cannot open run database '%1': it is a directory").arg(path));
    if (mode == Mode::ReadOnly && !info.exists())
        return fail(Error::CannotOpen,
                    QStringLiteral("cannot open run database '%1': no such file").arg(path));
    if (mode == Mode::ReadWrite) {
        const QString dir = info.absolutePath();
        if (!QDir().mkpath(dir))
            return fail(Error::CannotOpen,
                        QStringLiteral("cannot open run database '%1': cannot create the directory '%2'")
                            .arg(path, dir));
        // WAL keeps its -wal and -shm files beside the database, so the directory must be writable.
        if (!QFileInfo(dir).isWritable())
            return fail(
                Error::ReadOnly,
                QStringLiteral("run database '%1': the directory '%2' is not writable").arg(path, dir));
        if (info.exists() && !info.isWritable())
            return fail(Error::ReadOnly, QStringLiteral("run database '%1' is read-only").arg(path));
    }
    if (mode == Mode::ReadOnly && !info.isReadable())
        return fail(Error::CannotOpen,
                    QStringLiteral("cannot open run database '%1': permission denied").arg(path));

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!m_db.isValid())
        return fail(Error::Io,
                    QStringLiteral("run database '%1': the Qt SQLite driver (QSQLITE) is not available; "
                                   "install libqt6sql6-sqlite")
                        .arg(path));
    m_db.setDatabaseName(path);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(qMax(0, busyTimeoutMs));
    if (mode == Mode::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    m_db.setConnectOptions(options);
    if (!m_db.open()) {
        fail(Error::CannotOpen, QStringLiteral("open"), m_db.lastError());
        close();
        return false;
    }
    m_open = true;

    // SQLite opens lazily: the first read is what finds out whether the file is a database at all.
    QSqlQuery probe(m_db);
    if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !probe.next()) {
        fail(Error::Io, QStringLiteral("read it"), probe.lastError());
        close();
        return false;
    }
    const bool empty = probe.value(0).toInt() == 0;
    probe.finish();

    if (!empty || mode == Mode::ReadOnly) {
        QSqlQuery marker(m_db);
        const bool ours = marker.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema'")) &&
                          marker.next() && marker.value(0).toString() == kSchemaVersion;
        if (!ours) {
            const QSqlError sqlError = marker.lastError();
            if (sqlError.isValid() && classify(sqlError) == Error::Locked)
                fail(Error::Locked, QStringLiteral("read it"), sqlError);
            else
                fail(Error::NotADatabase,
                     QStringLiteral(
                         "'%1' is not a PostOffice run database (an SQLite file without the %2 schema)")
                         .arg(path, kSchemaVersion));
            close();
            return false;
        }
    }

    if (mode == Mode::ReadWrite) {
        QSqlQuery wal(m_db);
        if (!wal.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !wal.next()) {
            fail(Error::Io, QStringLiteral("switch to WAL mode"), wal.lastError());
            close();
            return false;
        }
        wal.finish();
        if (!exec(QStringLiteral("PRAGMA synchronous=NORMAL"), QStringLiteral("set synchronous=NORMAL")) ||
            !createSchema() || !prepareWriters()) {
            const auto error = m_error;
            const auto message = m_errorString;
            close();
            return fail(error, message);
        }
    }
    // Read-only opens of an older database cannot upgrade it: such a file reads as "no value".
    m_hasResponseP95 = hasColumn(QStringLiteral("order_samples"), QStringLiteral("response_p95_ms")) == true;
    m_hasFaultColumns = hasColumn(QStringLiteral("events"), QStringLiteral("fault_peer")) == true;
    // Added together in one transaction, so the last of them stands for all three.
    m_hasRebalanceColumns = hasColumn(QStringLiteral("events"), QStringLiteral("moved")) == true;
    return true;
}

void RunStore::close()
{
    m_insertNodes.query = QSqlQuery();
    m_insertLags.query = QSqlQuery();
    m_insertOrders.query = QSqlQuery();
    m_insertEvent = QSqlQuery();
    m_updateFlushed = QSqlQuery();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_open = false;
    m_runId = 0;
    clearPending();
}

std::optional<bool> RunStore::hasColumn(const QString &table, const QString &column)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)))
        return std::nullopt;
    bool any = false;
    while (q.next()) {
        any = true;
        if (q.value(1).toString() == column) // cid, name, type, notnull, dflt_value, pk
            return true;
    }
    if (!any) // no such table
        return std::nullopt;
    return false;
}

bool RunStore::createSchema()
{
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), QStringLiteral("create its tables")))
        return false;
    for (const char *sql : kSchema)
        if (!exec(QString::fromLatin1(sql), QStringLiteral("create its tables"))) {
            exec(QStringLiteral("ROLLBACK"), QStringLiteral("roll back"));
            return false;
        }
    // A database from an earlier version: add what it lacks, in the same transaction, so that a
    // failed upgrade leaves the file as it was.
    for (const AddedColumn &added : kAddedColumns) {
        const std::optional<bool> present =
            hasColumn(QLatin1String(added.table), QLatin1String(added.column));
        bool upgraded = present.has_value();
        if (present == false)
            for (const char *sql : added.upgrade)
                upgraded = upgraded &&
                           (!sql || exec(QString::fromLatin1(sql), QStringLiteral("upgrade its tables")));
        if (!upgraded) {
            if (!present)
                fail(Error::Io, QStringLiteral("run database '%1': could not read its table %2")
                                    .arg(m_path, QLatin1String(added.table)));
            const auto error = m_error;
            const auto message = m_errorString;
            exec(QStringLiteral("ROLLBACK"), QStringLiteral("roll back"));
            return fail(error, message);
        }
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)"));
    q.addBindValue(kSchemaVersion);
    if (!q.exec()) {
        fail(Error::Io, QStringLiteral("create its tables"), q.lastError());
        exec(QStringLiteral("ROLLBACK"), QStringLiteral("roll back"));
        return false;
    }
    return exec(QStringLiteral("COMMIT"), QStringLiteral("create its tables"));
}

bool RunStore::prepareWriters()
{
    const QString what = QStringLiteral("prepare its statements");
    auto inserter = [&](Inserter &ins, const char *table, const QStringList &columns) {
        ins.names.clear();
        for (const QString &c : columns)
            ins.names << QLatin1Char(':') + c;
        return prepare(ins.query,
                       QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                           .arg(QLatin1String(table), columns.join(QStringLiteral(", ")),
                                ins.names.join(QStringLiteral(", "))),
                       what);
    };
    return inserter(m_insertNodes, "node_samples", kNodeColumns) &&
           inserter(m_insertLags, "lag_samples", kLagColumns) &&
           inserter(m_insertOrders, "order_samples", kOrderColumns) &&
           prepare(m_insertEvent,
                   QStringLiteral("INSERT INTO events (run_id, t_s, architecture, kind, node, text, count, "
                                  "fault_kind, fault_peer, members, partitions, moved) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   what) &&
           prepare(m_updateFlushed, QStringLiteral("UPDATE runs SET flushed_s = ? WHERE id = ?"), what);
}

std::optional<qint64> RunStore::insertSeries(qint64 runId, const QString &architecture, const QString &kind,
                                             const QString &name)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO series (run_id, architecture, kind, name) VALUES (?, ?, ?, ?)"));
    q.addBindValue(runId);
    q.addBindValue(text(architecture));
    q.addBindValue(kind);
    q.addBindValue(text(name));
    if (!q.exec()) {
        fail(Error::Io, QStringLiteral("record the run's series"), q.lastError());
        return std::nullopt;
    }
    return q.lastInsertId().toLongLong();
}

bool RunStore::ensureSeries(qint64 runId)
{
    const int archCount = int(m_layout.architectures.size());
    m_nodeSeries.assign(archCount, {});
    m_groupSeries.assign(archCount, {});
    m_orderSeries.assign(archCount, 0);
    for (int a = 0; a < archCount; ++a) {
        const QString &arch = m_layout.architectures[a];
        for (const QString &node : m_layout.nodes) {
            const auto id = insertSeries(runId, arch, QStringLiteral("node"), node);
            if (!id)
                return false;
            m_nodeSeries[a].push_back(*id);
        }
        if (a < int(m_layout.groups.size()))
            for (const QString &group : m_layout.groups[a]) {
                const auto id = insertSeries(runId, arch, QStringLiteral("group"), group);
                if (!id)
                    return false;
                m_groupSeries[a].push_back(*id);
            }
        const auto id = insertSeries(runId, arch, QStringLiteral("orders"), QStringLiteral("orders"));
        if (!id)
            return false;
        m_orderSeries[a] = *id;
    }
    return true;
}

std::optional<qint64> RunStore::beginRun(const NewRun &run)
{
    if (!m_open || m_mode != Mode::ReadWrite) {
        fail(Error::Io, QStringLiteral("run database '%1' is not open for writing").arg(m_path));
        return std::nullopt;
    }
    if (m_runId != 0 && !finishRun(Status::Aborted, {}))
        return std::nullopt;
    m_error = Error::None;
    m_errorString.clear();

    const QString what = QStringLiteral("start a run");
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), what))
        return std::nullopt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO runs (scenario, scenario_text, seed, duration_s, architectures, "
                             "started_at, status) VALUES (?, ?, ?, ?, ?, ?, 'running')"));
    q.addBindValue(text(run.scenario));
    q.addBindValue(text(run.scenarioText));
    q.addBindValue(qint64(run.seed)); // SQLite integers are signed 64-bit; seeds round-trip bitwise
    q.addBindValue(run.duration_s);
    q.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(run.layout.architectures)).toJson(QJsonDocument::Compact)));
    q.addBindValue(isoUtc(QDateTime::currentDateTimeUtc()));
    if (!q.exec()) {
        fail(Error::Io, what, q.lastError());
        exec(QStringLiteral("ROLLBACK"), QStringLiteral("roll back"));
        return std::nullopt;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    m_layout = run.layout;
    if (!ensureSeries(id)) {
        const auto error = m_error;
        const auto message = m_errorString;
        exec(QStringLiteral("ROLLBACK"), QStringLiteral("roll back"));
        fail(error, message);
        return std::nullopt;
    }
    if (!exec(QStringLiteral("COMMIT"), what))
        return std::nullopt;
    m_runId = id;
    m_lastSecond = 0;
    clearPending();
    m_sinceFlush.start();
    return id;
}

bool RunStore::addSecond(qint64 second, const std::vector<ArchitectureSample> &samples)
{
    if (m_runId == 0)
        return fail(Error::NoSuchRun, QStringLiteral("run database '%1': no run started").arg(m_path));
    m_pendingSeconds.emplace_back(second, samples);
    if (int(m_pendingSeconds.size()) >= m_flushEvery || m_sinceFlush.elapsed() >= 1000)
        return flush();
    return true;
}

bool RunStore::addEvent(const SimEvent &event)
{
    if (m_runId == 0)
        return fail(Error::NoSuchRun, QStringLiteral("run database '%1': no run started").arg(m_path));
    m_pendingEvents.push_back(event);
    return true;
}

QString RunStore::architectureName(int index) const
{
    return index >= 0 && index < m_layout.architectures.size() ? m_layout.architectures[index] : QString();
}

bool RunStore::writePending()
{
    const QString what = QStringLiteral("store samples");
    // QtSql's positional binding formats a placeholder name for every value it binds
    // (QSqlResultPrivate::fieldSerial), which cost more than SQLite's insert itself; binding by
    // pre-built names avoids that (measured with callgrind).
    auto insert = [&](Inserter &ins, std::initializer_list<qint64> integers,
                      std::initializer_list<float> reals) {
        int i = 0;
        for (qint64 v : integers)
            ins.query.bindValue(ins.names.at(i++), v);
        for (float v : reals) // NULL: no value that second (e.g. no completions to take a percentile of)
            ins.query.bindValue(ins.names.at(i++), std::isfinite(v) ? QVariant(double(v))
                                                                    : QVariant(QMetaType(QMetaType::Double)));
        return ins.query.exec() || fail(Error::Io, what, ins.query.lastError());
    };
    auto unknown = [&](const char *thing, int index) {
        return fail(Error::Io,
                    QStringLiteral("run database '%1': a sample names %2 %3, which the run does not have")
                        .arg(m_path, QLatin1String(thing))
                        .arg(index));
    };

    for (const auto &[second, archSamples] : m_pendingSeconds) {
        for (const ArchitectureSample &as : archSamples) {
            const int a = as.architecture;
            if (a < 0 || a >= int(m_nodeSeries.size()))
                return unknown("architecture", a);
            for (const NodeSample &n : as.nodes) {
                if (n.node < 0 || n.node >= int(m_nodeSeries[a].size()))
                    return unknown("node", n.node);
                if (!insert(m_insertNodes,
                            {m_runId, second, m_nodeSeries[a][n.node], n.arrivals, n.completions, n.failures,
                             n.timeouts, n.retries, n.queue_len, n.busy},
                            {n.p50_ms, n.p95_ms, n.p99_ms}))
                    return false;
            }
            for (const GroupSample &g : as.groups) {
                if (g.group < 0 || g.group >= int(m_groupSeries[a].size()))
                    return unknown("group", g.group);
                const qint64 series = m_groupSeries[a][g.group];
                if (!insert(m_insertLags, {m_runId, second, series, -1, g.lag}, {}))
                    return false;
                for (int p = 0; p < int(g.partition_lag.size()); ++p)
                    if (!insert(m_insertLags, {m_runId, second, series, p, g.partition_lag[p]}, {}))
                        return false;
            }
            const OrderSample &o = as.orders;
            if (!insert(m_insertOrders,
                        {m_runId, second, m_orderSeries[a], qint64(o.placed), qint64(o.completed),
                         qint64(o.failed), qint64(o.lost), qint64(o.in_flight)},
                        {o.e2e_p95_ms, o.response_p95_ms}))
                return false;
        }
    }

    auto run = [&](QSqlQuery &q) { return q.exec() || fail(Error::Io, what, q.lastError()); };
    const QVariant nullText(QMetaType(QMetaType::QString));
    for (const SimEvent &e : m_pendingEvents) {
        QSqlQuery &q = m_insertEvent;
        const QString arch = architectureName(e.architecture);
        q.bindValue(0, m_runId);
        q.bindValue(1, e.t_s);
        q.bindValue(2, arch.isEmpty() ? nullText : QVariant(arch));
        q.bindValue(3, simEventKindName(e.kind));
        q.bindValue(4, e.node.isEmpty() ? nullText : QVariant(e.node));
        q.bindValue(5, text(e.text));
        q.bindValue(6, e.count);
        const QString faultKind =
            e.fault ? ScenarioKeys::name(e.fault->kind, ScenarioKeys::faultKinds()) : QString();
        q.bindValue(7, faultKind.isEmpty() ? nullText : QVariant(faultKind));
        q.bindValue(8, e.fault && !e.fault->peer.isEmpty() ? QVariant(e.fault->peer) : nullText);
        q.bindValue(9, figure(e.members));
        q.bindValue(10, figure(e.partitions));
        q.bindValue(11, figure(e.moved));
        if (!run(q))
            return false;
    }
    if (!m_pendingSeconds.empty()) {
        m_updateFlushed.bindValue(0, m_pendingSeconds.back().first);
        m_updateFlushed.bindValue(1, m_runId);
        if (!run(m_updateFlushed))
            return false;
    }
    return true;
}

bool RunStore::flush()
{
    if (m_runId == 0)
        return true;
    m_sinceFlush.restart();
    if (m_pendingSeconds.empty() && m_pendingEvents.empty())
        return true;
    // One transaction per batch: a kill leaves either all of its seconds or none of them.
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), QStringLiteral("store samples")))
        return false;
    if (!writePending()) {
        const auto error = m_error;
        const auto message = m_errorString;
        exec(QStringLiteral("ROLLBACK"), QStringLiteral("roll back"));
        return fail(error, message);
    }
    if (!exec(QStringLiteral("COMMIT"), QStringLiteral("store samples"))) {
        const auto error = m_error;
        const auto message = m_errorString;
        exec(QStringLiteral("ROLLBACK"), QStringLiteral("roll back"));
        return fail(error, message);
    }
    if (!m_pendingSeconds.empty())
        m_lastSecond = m_pendingSeconds.back().first;
    clearPending();
    return true;
}

void RunStore::clearPending()
{
    m_pendingSeconds.clear();
    m_pendingEvents.clear();
}

bool RunStore::saveSummary(const QJsonObject &summary)
{
    if (m_runId == 0)
        return fail(Error::NoSuchRun, QStringLiteral("run database '%1': no run started").arg(m_path));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE runs SET summary = ? WHERE id = ?"));
    q.addBindValue(summaryText(summary));
    q.addBindValue(m_runId);
    return q.exec() || fail(Error::Io, QStringLiteral("store the summary so far"), q.lastError());
}

bool RunStore::finishRun(Status status, const QJsonObject &summary)
{
    if (m_runId == 0)
        return fail(Error::NoSuchRun, QStringLiteral("run database '%1': no run started").arg(m_path));
    const bool flushed = flush();
    const auto flushError = m_error;
    const auto flushMessage = m_errorString;
    // Even when the last batch could not be written, try to mark the run as ended.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE runs SET status = ?, ended_at = ?, summary = ? WHERE id = ?"));
    q.addBindValue(statusName(flushed ? status : Status::Aborted));
    q.addBindValue(isoUtc(QDateTime::currentDateTimeUtc()));
    q.addBindValue(summaryText(summary));
    q.addBindValue(m_runId);
    const bool updated = q.exec();
    const QSqlError updateError = q.lastError();
    m_runId = 0;
    clearPending();
    if (!flushed)
        return fail(flushError, flushMessage);
    if (!updated)
        return fail(Error::Io, QStringLiteral("finish the run"), updateError);
    return true;
}

std::optional<QList<RunStore::RunInfo>> RunStore::runs()
{
    if (!m_open) {
        fail(Error::Io, QStringLiteral("run database '%1' is not open").arg(m_path));
        return std::nullopt;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(
            QStringLiteral("SELECT id, scenario, scenario_text, seed, duration_s, architectures, started_at, "
                           "ended_at, status, flushed_s, summary FROM runs ORDER BY id"))) {
        fail(Error::Io, QStringLiteral("list its runs"), q.lastError());
        return std::nullopt;
    }
    QList<RunInfo> result;
    while (q.next()) {
        RunInfo r;
        r.id = q.value(0).toLongLong();
        r.scenario = q.value(1).toString();
        r.scenarioText = q.value(2).toString();
        r.seed = quint64(q.value(3).toLongLong());
        r.duration_s = q.value(4).toDouble();
        for (const auto &a : QJsonDocument::fromJson(q.value(5).toString().toUtf8()).array())
            r.architectures << a.toString();
        r.startedAt = fromIso(q.value(6));
        r.endedAt = fromIso(q.value(7));
        r.status = statusFromName(q.value(8).toString()).value_or(Status::Aborted);
        r.flushedSeconds = q.value(9).toLongLong();
        if (!q.value(10).isNull())
            r.summary = QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object();
        result << r;
    }
    if (q.lastError().isValid()) {
        fail(Error::Io, QStringLiteral("list its runs"), q.lastError());
        return std::nullopt;
    }
    return result;
}

std::optional<qint64> RunStore::latestRunId()
{
    QSqlQuery q(m_db);
    if (!m_open || !q.exec(QStringLiteral("SELECT max(id) FROM runs")) || !q.next()) {
        fail(Error::Io, QStringLiteral("find its latest run"), q.lastError());
        return std::nullopt;
    }
    if (q.value(0).isNull()) {
        fail(Error::NoSuchRun, QStringLiteral("run database '%1' holds no runs").arg(m_path));
        return std::nullopt;
    }
    return q.value(0).toLongLong();
}

std::optional<RunStore::RunInfo> RunStore::run(qint64 id)
{
    const auto all = runs();
    if (!all)
        return std::nullopt;
    for (const RunInfo &r : *all)
        if (r.id == id)
            return r;
    fail(Error::NoSuchRun, QStringLiteral("run database '%1' has no run %2").arg(m_path).arg(id));
    return std::nullopt;
}

std::optional<RunStore::RowCounts> RunStore::rowCounts(qint64 runId)
{
    RowCounts counts;
    const std::pair<const char *, qint64 *> tables[] = {{"node_samples", &counts.nodes},
                                                        {"lag_samples", &counts.lags},
                                                        {"order_samples", &counts.orders},
                                                        {"events", &counts.events}};
    for (const auto &[table, target] : tables) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT count(*) FROM %1 WHERE run_id = ?").arg(QLatin1String(table)));
        q.addBindValue(runId);
        if (!q.exec() || !q.next()) {
            fail(Error::Io, QStringLiteral("count its rows"), q.lastError());
            return std::nullopt;
        }
        *target = q.value(0).toLongLong();
    }
    return counts;
}

namespace {

struct SeriesName
{
    QString architecture;
    QString name;
};

// A forward-only walk over one sample table of a run in (t_s, series) key order; the first two
// columns of its query are t_s and series_id.
class SampleCursor
{
public:
    SampleCursor(const QSqlDatabase &db, const QString &sql, qint64 runId) : m_query(db)
    {
        m_query.setForwardOnly(true);
        m_ok = m_query.prepare(sql);
        m_query.addBindValue(runId);
        m_ok = m_ok && m_query.exec();
        advance();
    }
    bool failed() const { return !m_ok || m_query.lastError().isValid(); }
    QSqlError error() const { return m_query.lastError(); }
    bool at(qint64 t) const { return m_has && m_t == t; }
    bool atEnd() const { return !m_has; }
    qint64 t() const { return m_t; }
    const QSqlQuery &row() const { return m_query; }
    qint64 series() const { return m_query.value(1).toLongLong(); }
    void advance()
    {
        m_has = m_ok && m_query.next();
        if (m_has)
            m_t = m_query.value(0).toLongLong();
    }

private:
    QSqlQuery m_query;
    bool m_ok = false;
    bool m_has = false;
    qint64 m_t = 0;
};

float real(const QVariant &v)
{
    return v.isNull() ? std::numeric_limits<float>::quiet_NaN() : v.toFloat();
}

RunStore::NodeRow nodeRow(const SampleCursor &c, const SeriesName &name)
{
    const QSqlQuery &q = c.row();
    RunStore::NodeRow row;
    row.t_s = c.t();
    row.architecture = name.architecture;
    row.node = name.name;
    row.sample.arrivals = q.value(2).toUInt();
    row.sample.completions = q.value(3).toUInt();
    row.sample.failures = q.value(4).toUInt();
    row.sample.timeouts = q.value(5).toUInt();
    row.sample.retries = q.value(6).toUInt();
    row.sample.queue_len = q.value(7).toUInt();
    row.sample.busy = q.value(8).toUInt();
    row.sample.p50_ms = real(q.value(9));
    row.sample.p95_ms = real(q.value(10));
    row.sample.p99_ms = real(q.value(11));
    return row;
}

RunStore::LagRow lagRow(const SampleCursor &c, const SeriesName &name)
{
    RunStore::LagRow row;
    row.t_s = c.t();
    row.architecture = name.architecture;
    row.group = name.name;
    row.partition = c.row().value(2).toInt();
    row.lag = c.row().value(3).toLongLong();
    return row;
}

RunStore::OrderRow orderRow(const SampleCursor &c, const SeriesName &name)
{
    const QSqlQuery &q = c.row();
    RunStore::OrderRow row;
    row.t_s = c.t();
    row.architecture = name.architecture;
    row.orders.placed = quint64(q.value(2).toLongLong());
    row.orders.completed = quint64(q.value(3).toLongLong());
    row.orders.failed = quint64(q.value(4).toLongLong());
    row.orders.lost = quint64(q.value(5).toLongLong());
    row.orders.in_flight = quint64(q.value(6).toLongLong());
    row.orders.e2e_p95_ms = real(q.value(7));
    row.orders.response_p95_ms = real(q.value(8));
    return row;
}

} // namespace

// Walks the three sample tables in lockstep by second. Names come from the small series table
// read once, which is far cheaper than joining and converting strings per row.
bool RunStore::forEachSecond(qint64 runId, const std::function<bool(const Second &)> &visit)
{
    m_error = Error::None;
    m_errorString.clear();
    const QString what = QStringLiteral("read its samples");
    if (!m_open)
        return fail(Error::Io, QStringLiteral("run database '%1' is not open").arg(m_path));
    QHash<qint64, SeriesName> series;
    {
        QSqlQuery s(m_db);
        s.setForwardOnly(true);
        s.prepare(QStringLiteral("SELECT id, architecture, name FROM series WHERE run_id = ?"));
        s.addBindValue(runId);
        if (!s.exec())
            return fail(Error::Io, what, s.lastError());
        while (s.next())
            series.insert(s.value(0).toLongLong(), {s.value(1).toString(), s.value(2).toString()});
    }
    SampleCursor nodes(
        m_db,
        QStringLiteral("SELECT t_s, series_id, arrivals, completions, failures, timeouts, retries, "
                       "queue_len, busy, p50_ms, p95_ms, p99_ms FROM node_samples WHERE run_id = ? "
                       "ORDER BY t_s, series_id"),
        runId);
    SampleCursor lags(
        m_db,
        QStringLiteral("SELECT t_s, series_id, partition, lag FROM lag_samples WHERE run_id = ? "
                       "ORDER BY t_s, series_id, partition"),
        runId);
    SampleCursor orders(
        m_db,
        QStringLiteral("SELECT t_s, series_id, placed, completed, failed, lost, in_flight, e2e_p95_ms, %1 "
                       "FROM order_samples WHERE run_id = ? ORDER BY t_s, series_id")
            .arg(m_hasResponseP95 ? QStringLiteral("response_p95_ms") : QStringLiteral("NULL")),
        runId);
    const SampleCursor *cursors[] = {&nodes, &lags, &orders};
    auto firstError = [&]() -> const SampleCursor * {
        for (const SampleCursor *c : cursors)
            if (c->failed())
                return c;
        return nullptr;
    };

    Second second;
    while (!firstError()) {
        std::optional<qint64> t;
        for (const SampleCursor *c : cursors)
            if (!c->atEnd() && (!t || c->t() < *t))
                t = c->t();
        if (!t)
            break;
        second.t_s = *t;
        second.nodes.clear();
        second.lags.clear();
        second.orders.clear();
        for (; nodes.at(*t); nodes.advance())
            second.nodes.push_back(nodeRow(nodes, series.value(nodes.series())));
        for (; lags.at(*t); lags.advance())
            second.lags.push_back(lagRow(lags, series.value(lags.series())));
        for (; orders.at(*t); orders.advance())
            second.orders.push_back(orderRow(orders, series.value(orders.series())));
        if (!visit(second))
            return false;
    }
    if (const SampleCursor *c = firstError())
        return fail(Error::Io, what, c->error());
    return true;
}

bool RunStore::forEachEvent(qint64 runId, const std::function<bool(const EventRow &)> &visit)
{
    m_errorString.clear();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Read-only opens of an older database lack the added columns: they read as "not a fault" and
    // as a rebalance whose figures are not known.
    q.prepare(QStringLiteral("SELECT t_s, architecture, kind, node, text, count, %1, %2 FROM events "
                             "WHERE run_id = ? ORDER BY t_s, id")
                  .arg(columnsOrNull(m_hasFaultColumns,
                                     {QStringLiteral("fault_kind"), QStringLiteral("fault_peer")}),
                       columnsOrNull(m_hasRebalanceColumns,
                                     {QStringLiteral("members"), QStringLiteral("partitions"),
                                      QStringLiteral("moved")})));
    q.addBindValue(runId);
    if (!q.exec())
        return fail(Error::Io, QStringLiteral("read its events"), q.lastError());
    EventRow row;
    while (q.next()) {
        row.t_s = q.value(0).toDouble();
        row.architecture = q.value(1).toString();
        row.kind = q.value(2).toString();
        row.node = q.value(3).toString();
        row.text = q.value(4).toString();
        row.count = q.value(5).toLongLong();
        row.faultKind = q.value(6).toString();
        row.faultPeer = q.value(7).toString();
        row.members = figure(q.value(8));
        row.partitions = figure(q.value(9));
        row.moved = figure(q.value(10));
        if (!visit(row))
            return false;
    }
    if (q.lastError().isValid())
        return fail(Error::Io, QStringLiteral("read its events"), q.lastError());
    return true;
}

std::optional<QString> RunStore::integrityCheck()
{
    QSqlQuery q(m_db);
    if (!m_open || !q.exec(QStringLiteral("PRAGMA integrity_check"))) {
        fail(Error::Io, QStringLiteral("check its integrity"), q.lastError());
        return std::nullopt;
    }
    QStringList lines;
    while (q.next())
        lines << q.value(0).toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace postoffice::app
