#include "RunTableWriter.h"

#include "RunDatabase.h"
#include "RunStoreSchema.h"
#include "ScenarioKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QVariant>

#include <cmath>

namespace postoffice::app {

namespace {

using Error = RunDatabase::Error;

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

QString nowIsoUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

bool RunTableWriter::noRun()
{
    return m_db.fail(Error::NoSuchRun, QStringLiteral("run database '%1': no run started").arg(m_db.path()));
}

bool RunTableWriter::prepare()
{
    const QString what = QStringLiteral("prepare its statements");
    auto inserter = [&](Inserter &ins, const char *table, const QStringList &columns) {
        ins.names.clear();
        for (const QString &c : columns)
            ins.names << QLatin1Char(':') + c;
        return m_db.prepare(ins.query,
                            QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                .arg(QLatin1String(table), columns.join(QStringLiteral(", ")),
                                     ins.names.join(QStringLiteral(", "))),
                            what);
    };
    return inserter(m_insertNodes, "node_samples", RunStoreSchema::nodeColumns()) &&
           inserter(m_insertLags, "lag_samples", RunStoreSchema::lagColumns()) &&
           inserter(m_insertOrders, "order_samples", RunStoreSchema::orderColumns()) &&
           m_db.prepare(
               m_insertEvent,
               QStringLiteral("INSERT INTO events (run_id, t_s, architecture, kind, node, text, count, "
                              "fault_kind, fault_peer, members, partitions, moved) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               what) &&
           m_db.prepare(m_updateFlushed, QStringLiteral("UPDATE runs SET flushed_s = ? WHERE id = ?"), what);
}

void RunTableWriter::close()
{
    m_insertNodes.query = QSqlQuery();
    m_insertLags.query = QSqlQuery();
    m_insertOrders.query = QSqlQuery();
    m_insertEvent = QSqlQuery();
    m_updateFlushed = QSqlQuery();
    m_runId = 0;
    clearPending();
}

std::optional<qint64> RunTableWriter::insertSeries(qint64 runId, const QString &architecture,
                                                   const QString &kind, const QString &name)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("INSERT INTO series (run_id, architecture, kind, name) VALUES (?, ?, ?, ?)"));
    q.addBindValue(runId);
    q.addBindValue(text(architecture));
    q.addBindValue(kind);
    q.addBindValue(text(name));
    if (!q.exec()) {
        m_db.fail(Error::Io, QStringLiteral("record the run's series"), q.lastError());
        return std::nullopt;
    }
    return q.lastInsertId().toLongLong();
}

bool RunTableWriter::ensureSeries(qint64 runId)
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
        if (!m_layout.orders)
            continue;
        const auto id = insertSeries(runId, arch, QStringLiteral("orders"), QStringLiteral("orders"));
        if (!id)
            return false;
        m_orderSeries[a] = *id;
    }
    return true;
}

bool RunTableWriter::extendLayout(const RunStore::Layout &layout)
{
    if (m_runId == 0)
        return noRun();
    auto startsWith = [](const QStringList &list, const QStringList &prefix) {
        return list.size() >= prefix.size() && list.mid(0, prefix.size()) == prefix;
    };
    bool extends = layout.architectures == m_layout.architectures &&
                   startsWith(layout.nodes, m_layout.nodes) && layout.groups.size() >= m_layout.groups.size();
    for (size_t a = 0; extends && a < m_layout.groups.size(); ++a)
        extends = startsWith(layout.groups[a], m_layout.groups[a]);
    if (!extends)
        return m_db.fail(
            Error::Io,
            QStringLiteral("run database '%1': a new layout must extend the run's layout").arg(m_db.path()));
    for (int a = 0; a < int(m_layout.architectures.size()); ++a) {
        const QString &arch = m_layout.architectures[a];
        for (qsizetype n = m_layout.nodes.size(); n < layout.nodes.size(); ++n) {
            const auto id = insertSeries(m_runId, arch, QStringLiteral("node"), layout.nodes[n]);
            if (!id)
                return false;
            m_nodeSeries[a].push_back(*id);
        }
        const QStringList none;
        const QStringList &oldGroups = a < int(m_layout.groups.size()) ? m_layout.groups[a] : none;
        const QStringList &newGroups = a < int(layout.groups.size()) ? layout.groups[a] : none;
        for (qsizetype g = oldGroups.size(); g < newGroups.size(); ++g) {
            const auto id = insertSeries(m_runId, arch, QStringLiteral("group"), newGroups[g]);
            if (!id)
                return false;
            m_groupSeries[a].push_back(*id);
        }
    }
    const bool orders = m_layout.orders;
    m_layout = layout;
    m_layout.orders = orders;
    return true;
}

std::optional<qint64> RunTableWriter::beginRun(const RunStore::NewRun &run)
{
    if (m_runId != 0 && !finishRun(RunStore::Status::Aborted, {}))
        return std::nullopt;
    m_db.clearError();

    const QString what = QStringLiteral("start a run");
    if (!m_db.exec(QStringLiteral("BEGIN IMMEDIATE"), what))
        return std::nullopt;
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("INSERT INTO runs (scenario, scenario_text, seed, duration_s, architectures, "
                             "started_at, status) VALUES (?, ?, ?, ?, ?, ?, 'running')"));
    q.addBindValue(text(run.scenario));
    q.addBindValue(text(run.scenarioText));
    q.addBindValue(qint64(run.seed)); // SQLite integers are signed 64-bit; seeds round-trip bitwise
    q.addBindValue(run.duration_s);
    q.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(run.layout.architectures)).toJson(QJsonDocument::Compact)));
    q.addBindValue(nowIsoUtc());
    if (!q.exec()) {
        m_db.fail(Error::Io, what, q.lastError());
        m_db.rollBack();
        return std::nullopt;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    m_layout = run.layout;
    if (!ensureSeries(id)) {
        m_db.rollBack();
        return std::nullopt;
    }
    if (!m_db.exec(QStringLiteral("COMMIT"), what))
        return std::nullopt;
    m_runId = id;
    m_lastSecond = 0;
    clearPending();
    m_sinceFlush.start();
    return id;
}

bool RunTableWriter::addSecond(qint64 second, const std::vector<ArchitectureSample> &samples)
{
    if (m_runId == 0)
        return noRun();
    m_pendingSeconds.emplace_back(second, samples);
    if (int(m_pendingSeconds.size()) >= m_flushEvery || m_sinceFlush.elapsed() >= 1000)
        return flush();
    return true;
}

bool RunTableWriter::addEvent(const SimEvent &event, const QString &kindName)
{
    if (m_runId == 0)
        return noRun();
    m_pendingEvents.emplace_back(event, kindName);
    return true;
}

QString RunTableWriter::architectureName(int index) const
{
    return index >= 0 && index < m_layout.architectures.size() ? m_layout.architectures[index] : QString();
}

bool RunTableWriter::writePending()
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
        return ins.query.exec() || m_db.fail(Error::Io, what, ins.query.lastError());
    };
    auto unknown = [&](const char *thing, int index) {
        return m_db.fail(
            Error::Io, QStringLiteral("run database '%1': a sample names %2 %3, which the run does not have")
                           .arg(m_db.path(), QLatin1String(thing))
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
            if (m_layout.orders &&
                !insert(m_insertOrders,
                        {m_runId, second, m_orderSeries[a], qint64(o.placed), qint64(o.completed),
                         qint64(o.failed), qint64(o.lost), qint64(o.in_flight)},
                        {o.e2e_p95_ms, o.response_p95_ms}))
                return false;
        }
    }

    auto run = [&](QSqlQuery &q) { return q.exec() || m_db.fail(Error::Io, what, q.lastError()); };
    const QVariant nullText(QMetaType(QMetaType::QString));
    for (const auto &[e, kindName] : m_pendingEvents) {
        QSqlQuery &q = m_insertEvent;
        const QString arch = architectureName(e.architecture);
        q.bindValue(0, m_runId);
        q.bindValue(1, e.t_s);
        q.bindValue(2, arch.isEmpty() ? nullText : QVariant(arch));
        q.bindValue(3, kindName.isEmpty() ? simEventKindName(e.kind) : kindName);
        q.bindValue(4, e.node.isEmpty() ? nullText : QVariant(e.node));
        q.bindValue(5, text(e.text));
        q.bindValue(6, e.count);
        const QString faultKind =
            e.fault ? ScenarioKeys::name(e.fault->kind, ScenarioKeys::faultKinds()) : QString();
        q.bindValue(7, faultKind.isEmpty() ? nullText : QVariant(faultKind));
        q.bindValue(8, e.fault && !e.fault->peer.isEmpty() ? QVariant(e.fault->peer) : nullText);
        q.bindValue(9, RunStoreSchema::figure(e.members));
        q.bindValue(10, RunStoreSchema::figure(e.partitions));
        q.bindValue(11, RunStoreSchema::figure(e.moved));
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

bool RunTableWriter::flush()
{
    if (m_runId == 0)
        return true;
    m_sinceFlush.restart();
    if (m_pendingSeconds.empty() && m_pendingEvents.empty())
        return true;
    // One transaction per batch: a kill leaves either all of its seconds or none of them.
    if (!m_db.exec(QStringLiteral("BEGIN IMMEDIATE"), QStringLiteral("store samples")))
        return false;
    if (!writePending() || !m_db.exec(QStringLiteral("COMMIT"), QStringLiteral("store samples")))
        return m_db.rollBack();
    if (!m_pendingSeconds.empty())
        m_lastSecond = m_pendingSeconds.back().first;
    clearPending();
    return true;
}

void RunTableWriter::clearPending()
{
    m_pendingSeconds.clear();
    m_pendingEvents.clear();
}

bool RunTableWriter::saveSummary(const QJsonObject &summary)
{
    if (m_runId == 0)
        return noRun();
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("UPDATE runs SET summary = ? WHERE id = ?"));
    q.addBindValue(summaryText(summary));
    q.addBindValue(m_runId);
    return q.exec() || m_db.fail(Error::Io, QStringLiteral("store the summary so far"), q.lastError());
}

bool RunTableWriter::finishRun(RunStore::Status status, const QJsonObject &summary)
{
    if (m_runId == 0)
        return noRun();
    const bool flushed = flush();
    const auto flushError = m_db.error();
    const auto flushMessage = m_db.errorString();
    // Even when the last batch could not be written, try to mark the run as ended.
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("UPDATE runs SET status = ?, ended_at = ?, summary = ? WHERE id = ?"));
    q.addBindValue(RunStore::statusName(flushed ? status : RunStore::Status::Aborted));
    q.addBindValue(nowIsoUtc());
    q.addBindValue(summaryText(summary));
    q.addBindValue(m_runId);
    const bool updated = q.exec();
    const QSqlError updateError = q.lastError();
    m_runId = 0;
    clearPending();
    if (!flushed)
        return m_db.fail(flushError, flushMessage);
    if (!updated)
        return m_db.fail(Error::Io, QStringLiteral("finish the run"), updateError);
    return true;
}

} // namespace postoffice::app
