#include "RunTableReader.h"

#include "RunDatabase.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <limits>

namespace postoffice::app {

namespace {

using Error = RunDatabase::Error;

QDateTime fromIso(const QVariant &v)
{
    if (v.isNull())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t;
}

std::optional<RunStore::Status> statusFromName(const QString &name)
{
    for (auto s : {RunStore::Status::Running, RunStore::Status::Finished, RunStore::Status::Aborted})
        if (RunStore::statusName(s) == name)
            return s;
    return std::nullopt;
}

// The columns a query reads, or as many NULLs when an older database read-only lacks them.
QString columnsOrNull(bool present, const QStringList &columns)
{
    return present ? columns.join(QStringLiteral(", "))
                   : QStringList(columns.size(), QStringLiteral("NULL")).join(QStringLiteral(", "));
}

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

std::optional<QList<RunStore::RunInfo>> RunTableReader::runs()
{
    if (!m_db.isOpen()) {
        m_db.fail(Error::Io, QStringLiteral("run database '%1' is not open").arg(m_db.path()));
        return std::nullopt;
    }
    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    if (!q.exec(
            QStringLiteral("SELECT id, scenario, scenario_text, seed, duration_s, architectures, started_at, "
                           "ended_at, status, flushed_s, summary FROM runs ORDER BY id"))) {
        m_db.fail(Error::Io, QStringLiteral("list its runs"), q.lastError());
        return std::nullopt;
    }
    QList<RunStore::RunInfo> result;
    while (q.next()) {
        RunStore::RunInfo r;
        r.id = q.value(0).toLongLong();
        r.scenario = q.value(1).toString();
        r.scenarioText = q.value(2).toString();
        r.seed = quint64(q.value(3).toLongLong());
        r.duration_s = q.value(4).toDouble();
        for (const auto &a : QJsonDocument::fromJson(q.value(5).toString().toUtf8()).array())
            r.architectures << a.toString();
        r.startedAt = fromIso(q.value(6));
        r.endedAt = fromIso(q.value(7));
        r.status = statusFromName(q.value(8).toString()).value_or(RunStore::Status::Aborted);
        r.flushedSeconds = q.value(9).toLongLong();
        if (!q.value(10).isNull())
            r.summary = QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object();
        result << r;
    }
    if (q.lastError().isValid()) {
        m_db.fail(Error::Io, QStringLiteral("list its runs"), q.lastError());
        return std::nullopt;
    }
    return result;
}

std::optional<qint64> RunTableReader::latestRunId()
{
    QSqlQuery q(m_db.db());
    if (!m_db.isOpen() || !q.exec(QStringLiteral("SELECT max(id) FROM runs")) || !q.next()) {
        m_db.fail(Error::Io, QStringLiteral("find its latest run"), q.lastError());
        return std::nullopt;
    }
    if (q.value(0).isNull()) {
        m_db.fail(Error::NoSuchRun, QStringLiteral("run database '%1' holds no runs").arg(m_db.path()));
        return std::nullopt;
    }
    return q.value(0).toLongLong();
}

std::optional<RunStore::RowCounts> RunTableReader::rowCounts(qint64 runId)
{
    RunStore::RowCounts counts;
    const std::pair<const char *, qint64 *> tables[] = {{"node_samples", &counts.nodes},
                                                        {"lag_samples", &counts.lags},
                                                        {"order_samples", &counts.orders},
                                                        {"events", &counts.events}};
    for (const auto &[table, target] : tables) {
        QSqlQuery q(m_db.db());
        q.prepare(QStringLiteral("SELECT count(*) FROM %1 WHERE run_id = ?").arg(QLatin1String(table)));
        q.addBindValue(runId);
        if (!q.exec() || !q.next()) {
            m_db.fail(Error::Io, QStringLiteral("count its rows"), q.lastError());
            return std::nullopt;
        }
        *target = q.value(0).toLongLong();
    }
    return counts;
}

// Walks the three sample tables in lockstep by second. Names come from the small series table
// read once, which is far cheaper than joining and converting strings per row.
bool RunTableReader::forEachSecond(qint64 runId, const std::function<bool(const RunStore::Second &)> &visit)
{
    m_db.clearError();
    const QString what = QStringLiteral("read its samples");
    if (!m_db.isOpen())
        return m_db.fail(Error::Io, QStringLiteral("run database '%1' is not open").arg(m_db.path()));
    QSqlDatabase &db = m_db.db();
    QHash<qint64, SeriesName> series;
    {
        QSqlQuery s(db);
        s.setForwardOnly(true);
        s.prepare(QStringLiteral("SELECT id, architecture, name FROM series WHERE run_id = ?"));
        s.addBindValue(runId);
        if (!s.exec())
            return m_db.fail(Error::Io, what, s.lastError());
        while (s.next())
            series.insert(s.value(0).toLongLong(), {s.value(1).toString(), s.value(2).toString()});
    }
    SampleCursor nodes(
        db,
        QStringLiteral("SELECT t_s, series_id, arrivals, completions, failures, timeouts, retries, "
                       "queue_len, busy, p50_ms, p95_ms, p99_ms FROM node_samples WHERE run_id = ? "
                       "ORDER BY t_s, series_id"),
        runId);
    SampleCursor lags(
        db,
        QStringLiteral("SELECT t_s, series_id, partition, lag FROM lag_samples WHERE run_id = ? "
                       "ORDER BY t_s, series_id, partition"),
        runId);
    SampleCursor orders(
        db,
        QStringLiteral("SELECT t_s, series_id, placed, completed, failed, lost, in_flight, e2e_p95_ms, %1 "
                       "FROM order_samples WHERE run_id = ? ORDER BY t_s, series_id")
            .arg(m_columns.responseP95 ? QStringLiteral("response_p95_ms") : QStringLiteral("NULL")),
        runId);
    const SampleCursor *cursors[] = {&nodes, &lags, &orders};
    auto firstError = [&]() -> const SampleCursor * {
        for (const SampleCursor *c : cursors)
            if (c->failed())
                return c;
        return nullptr;
    };

    RunStore::Second second;
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
        return m_db.fail(Error::Io, what, c->error());
    return true;
}

bool RunTableReader::forEachEvent(qint64 runId, const std::function<bool(const RunStore::EventRow &)> &visit)
{
    m_db.clearError();
    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    // Read-only opens of an older database lack the added columns: they read as "not a fault" and
    // as a rebalance whose figures are not known.
    q.prepare(
        QStringLiteral("SELECT t_s, architecture, kind, node, text, count, %1, %2 FROM events "
                       "WHERE run_id = ? ORDER BY t_s, id")
            .arg(columnsOrNull(m_columns.fault, {QStringLiteral("fault_kind"), QStringLiteral("fault_peer")}),
                 columnsOrNull(m_columns.rebalance, {QStringLiteral("members"), QStringLiteral("partitions"),
                                                     QStringLiteral("moved")})));
    q.addBindValue(runId);
    if (!q.exec())
        return m_db.fail(Error::Io, QStringLiteral("read its events"), q.lastError());
    RunStore::EventRow row;
    while (q.next()) {
        row.t_s = q.value(0).toDouble();
        row.architecture = q.value(1).toString();
        row.kind = q.value(2).toString();
        row.node = q.value(3).toString();
        row.text = q.value(4).toString();
        row.count = q.value(5).toLongLong();
        row.faultKind = q.value(6).toString();
        row.faultPeer = q.value(7).toString();
        row.members = RunStoreSchema::figure(q.value(8));
        row.partitions = RunStoreSchema::figure(q.value(9));
        row.moved = RunStoreSchema::figure(q.value(10));
        if (!visit(row))
            return false;
    }
    if (q.lastError().isValid())
        return m_db.fail(Error::Io, QStringLiteral("read its events"), q.lastError());
    return true;
}

} // namespace postoffice::app
