#include "Exporter.h"

#include "RunStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <charconv>
#include <cmath>
#include <limits>

namespace postoffice::app {

namespace {

// Buffers output and reports progress; the first write error or a cancel stops everything.
class Sink
{
public:
    Sink(QSaveFile &file, const Exporter::Progress &progress, qint64 total)
        : m_file(file), m_progress(progress), m_total(total)
    {
        m_buffer.reserve(kChunk + 4096);
    }

    QByteArray &buffer() { return m_buffer; }
    bool ok() const { return !m_writeFailed && !m_cancelled; }
    bool cancelled() const { return m_cancelled; }
    bool writeFailed() const { return m_writeFailed; }

    // Call after every logical row; flushes and reports every so often.
    bool rowDone(qint64 rows = 1)
    {
        m_done += rows;
        if (m_buffer.size() >= kChunk)
            drain();
        if (m_progress && m_done - m_reported >= kReportEvery) {
            m_reported = m_done;
            if (!m_progress(m_done, m_total))
                m_cancelled = true;
        }
        return ok();
    }
    bool finish()
    {
        drain();
        if (ok() && m_progress && !m_progress(m_total, m_total))
            m_cancelled = true;
        return ok();
    }

private:
    static constexpr qsizetype kChunk = 256 * 1024;
    static constexpr qint64 kReportEvery = 20000;

    void drain()
    {
        if (!m_buffer.isEmpty() && m_file.write(m_buffer) != m_buffer.size())
            m_writeFailed = true;
        m_buffer.clear();
    }

    QSaveFile &m_file;
    const Exporter::Progress &m_progress;
    qint64 m_total = 0;
    qint64 m_done = 0;
    qint64 m_reported = 0;
    QByteArray m_buffer;
    bool m_writeFailed = false;
    bool m_cancelled = false;
};

void appendNumber(QByteArray &out, qint64 v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr - buf);
}

// Shortest text that reads back as the same float; nothing for "no value".
void appendNumber(QByteArray &out, float v)
{
    if (!std::isfinite(v))
        return;
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr - buf);
}

void appendCsvField(QByteArray &out, const QString &field)
{
    const QByteArray utf8 = field.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r')) {
        out += utf8;
        return;
    }
    out += '"';
    for (char c : utf8) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

QJsonValue jsonReal(float v)
{
    return std::isfinite(v) ? QJsonValue(double(v)) : QJsonValue(QJsonValue::Null);
}

QJsonValue jsonSeed(quint64 seed)
{
    // QJsonValue keeps 64-bit integers exact up to INT64_MAX.
    return seed <= quint64(std::numeric_limits<qint64>::max()) ? QJsonValue(qint64(seed))
                                                               : QJsonValue(double(seed));
}

// Metric names as they appear in the CSV and JSON exports, in column order.
const char *const kNodeCounters[] = {"arrivals", "completions", "failures", "timeouts",
                                     "retries",  "queue_len",   "busy"};

qint64 nodeCounter(const NodeSample &s, int i)
{
    const quint32 values[] = {s.arrivals, s.completions, s.failures, s.timeouts,
                              s.retries,  s.queue_len,   s.busy};
    return values[i];
}

const char *const kNodeLatencies[] = {"p50_ms", "p95_ms", "p99_ms"};

float nodeLatency(const NodeSample &s, int i)
{
    const float values[] = {s.p50_ms, s.p95_ms, s.p99_ms};
    return values[i];
}

const char *const kOrderCounters[] = {"orders_placed", "orders_completed", "orders_failed", "orders_lost",
                                      "orders_in_flight"};

qint64 orderCounter(const OrderSample &o, int i)
{
    const quint64 values[] = {o.placed, o.completed, o.failed, o.lost, o.in_flight};
    return qint64(values[i]);
}

// End-to-end (placed → every consumer done) and the customer's wait (placed → answered).
const char *const kOrderLatencies[] = {"e2e_p95_ms", "response_p95_ms"};

float orderLatency(const OrderSample &o, int i)
{
    const float values[] = {o.e2e_p95_ms, o.response_p95_ms};
    return values[i];
}

class CsvWriter
{
public:
    explicit CsvWriter(QByteArray &out) : m_out(out) {}

    void header() { m_out += "t_s,architecture,node,metric,value\n"; }
    template<typename Number>
    void row(qint64 t, const QString &architecture, const QString &node, QByteArrayView metric, Number value)
    {
        appendNumber(m_out, t);
        m_out += ',';
        appendCsvField(m_out, architecture);
        m_out += ',';
        appendCsvField(m_out, node);
        m_out += ',';
        m_out.append(metric);
        m_out += ',';
        appendNumber(m_out, value);
        m_out += '\n';
    }

private:
    QByteArray &m_out;
};

bool streamCsv(RunStore &store, qint64 runId, Sink &sink)
{
    CsvWriter csv(sink.buffer());
    csv.header();
    const QString none;
    QByteArray partitionMetric;
    return store.forEachSecond(runId, [&](const RunStore::Second &second) {
        const qint64 t = second.t_s;
        for (const auto &row : second.nodes) {
            for (int i = 0; i < int(std::size(kNodeCounters)); ++i)
                csv.row(t, row.architecture, row.node, kNodeCounters[i], nodeCounter(row.sample, i));
            for (int i = 0; i < int(std::size(kNodeLatencies)); ++i)
                csv.row(t, row.architecture, row.node, kNodeLatencies[i], nodeLatency(row.sample, i));
        }
        for (const auto &row : second.lags) {
            if (row.partition >= 0)
                partitionMetric = "lag_partition_" + QByteArray::number(row.partition);
            csv.row(t, row.architecture, row.group,
                    row.partition < 0 ? QByteArrayView("lag") : partitionMetric, row.lag);
        }
        for (const auto &row : second.orders) {
            for (int i = 0; i < int(std::size(kOrderCounters)); ++i)
                csv.row(t, row.architecture, none, kOrderCounters[i], orderCounter(row.orders, i));
            for (int i = 0; i < int(std::size(kOrderLatencies)); ++i)
                csv.row(t, row.architecture, none, kOrderLatencies[i], orderLatency(row.orders, i));
        }
        return sink.rowDone(qint64(second.nodes.size() + second.lags.size() + second.orders.size()));
    });
}

QJsonObject secondJson(const RunStore::Second &second)
{
    QJsonObject archs;
    auto archObject = [&](const QString &name) { return archs.value(name).toObject(); };
    // Rows of one architecture are adjacent in series order, so these objects are built once each.
    std::map<QString, QJsonObject> nodes, groups, orders;
    for (const auto &row : second.nodes) {
        QJsonObject n;
        for (int i = 0; i < int(std::size(kNodeCounters)); ++i)
            n.insert(QLatin1String(kNodeCounters[i]), nodeCounter(row.sample, i));
        for (int i = 0; i < int(std::size(kNodeLatencies)); ++i)
            n.insert(QLatin1String(kNodeLatencies[i]), jsonReal(nodeLatency(row.sample, i)));
        nodes[row.architecture].insert(row.node, n);
    }
    for (const auto &row : second.lags) {
        QJsonObject g = groups[row.architecture].value(row.group).toObject();
        if (row.partition < 0) {
            g.insert(QStringLiteral("lag"), row.lag);
        } else {
            QJsonArray partitions = g.value(QStringLiteral("partitions")).toArray();
            partitions.append(row.lag);
            g.insert(QStringLiteral("partitions"), partitions);
        }
        groups[row.architecture].insert(row.group, g);
    }
    for (const auto &row : second.orders) {
        QJsonObject o;
        for (int i = 0; i < int(std::size(kOrderCounters)); ++i)
            o.insert(QLatin1String(kOrderCounters[i] + qstrlen("orders_")), orderCounter(row.orders, i));
        for (int i = 0; i < int(std::size(kOrderLatencies)); ++i)
            o.insert(QLatin1String(kOrderLatencies[i]), jsonReal(orderLatency(row.orders, i)));
        orders[row.architecture] = o;
    }
    for (const auto &[arch, object] : nodes) {
        QJsonObject a = archObject(arch);
        a.insert(QStringLiteral("nodes"), object);
        archs.insert(arch, a);
    }
    for (const auto &[arch, object] : groups) {
        QJsonObject a = archObject(arch);
        a.insert(QStringLiteral("groups"), object);
        archs.insert(arch, a);
    }
    for (const auto &[arch, object] : orders) {
        QJsonObject a = archObject(arch);
        a.insert(QStringLiteral("orders"), object);
        archs.insert(arch, a);
    }
    return QJsonObject{{QStringLiteral("t_s"), second.t_s}, {QStringLiteral("architectures"), archs}};
}

// A rebalance's figures under the names both exports give them (the store's column names); a
// figure not known (-1) is left out rather than written as a number that would mislead.
QJsonObject rebalanceFigures(const RunStore::EventRow &e)
{
    const std::pair<const char *, int> figures[] = {
        {"members", e.members}, {"partitions", e.partitions}, {"moved", e.moved}};
    QJsonObject o;
    for (const auto &[name, value] : figures)
        if (value >= 0)
            o.insert(QLatin1String(name), value);
    return o;
}

QJsonObject eventJson(const RunStore::EventRow &e)
{
    QJsonObject o{
        {QStringLiteral("t_s"), e.t_s}, {QStringLiteral("kind"), e.kind}, {QStringLiteral("text"), e.text}};
    if (!e.architecture.isEmpty())
        o.insert(QStringLiteral("architecture"), e.architecture);
    if (!e.node.isEmpty())
        o.insert(QStringLiteral("node"), e.node);
    if (e.count != 0)
        o.insert(QStringLiteral("count"), e.count);
    if (!e.faultKind.isEmpty())
        o.insert(QStringLiteral("fault_kind"), e.faultKind);
    if (!e.faultPeer.isEmpty())
        o.insert(QStringLiteral("fault_peer"), e.faultPeer);
    const QJsonObject figures = rebalanceFigures(e);
    for (auto it = figures.begin(); it != figures.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject runJson(const RunStore::RunInfo &run)
{
    QJsonObject o{{QStringLiteral("id"), run.id},
                  {QStringLiteral("scenario"), run.scenario},
                  {QStringLiteral("seed"), jsonSeed(run.seed)},
                  {QStringLiteral("duration_s"), run.duration_s},
                  {QStringLiteral("architectures"), QJsonArray::fromStringList(run.architectures)},
                  {QStringLiteral("started_at"), run.startedAt.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("status"), RunStore::statusName(run.status)},
                  {QStringLiteral("flushed_s"), run.flushedSeconds}};
    if (run.endedAt.isValid())
        o.insert(QStringLiteral("ended_at"), run.endedAt.toString(Qt::ISODateWithMs));
    return o;
}

// The stored §8 summary with two keys of its own: whether it covers the whole run, and the
// simulated time it covers (a paused GUI run's summary stops at the pause).
QJsonObject summaryJson(const RunStore::RunInfo &run)
{
    QJsonObject o = run.summary;
    o.insert(QStringLiteral("complete"), run.status == RunStore::Status::Finished);
    o.insert(QStringLiteral("sim_time_s"), run.summary.value(QStringLiteral("duration_s")));
    return o;
}

void appendJson(QByteArray &out, const QJsonObject &object)
{
    out += QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool streamJson(RunStore &store, const RunStore::RunInfo &run, Sink &sink)
{
    QByteArray &out = sink.buffer();
    out += "{\n\"run\": ";
    appendJson(out, runJson(run));
    // The scenario as it was run, as JSON when it is (it always is when written by `run`).
    QJsonParseError parseError;
    const QJsonDocument scenario = QJsonDocument::fromJson(run.scenarioText.toUtf8(), &parseError);
    out += ",\n\"scenario\": ";
    if (scenario.isObject())
        appendJson(out, scenario.object());
    else
        out += QJsonDocument(QJsonArray{run.scenarioText}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    if (!run.summary.isEmpty()) {
        out += ",\n\"summary\": ";
        appendJson(out, summaryJson(run));
    }
    out += ",\n\"samples\": [";
    bool first = true;
    const bool samplesOk = store.forEachSecond(run.id, [&](const RunStore::Second &second) {
        out += first ? "\n" : ",\n";
        first = false;
        appendJson(out, secondJson(second));
        return sink.rowDone(qint64(second.nodes.size() + second.lags.size() + second.orders.size()));
    });
    if (!samplesOk)
        return false;
    out += "\n],\n\"events\": [";
    first = true;
    const bool eventsOk = store.forEachEvent(run.id, [&](const RunStore::EventRow &e) {
        out += first ? "\n" : ",\n";
        first = false;
        appendJson(out, eventJson(e));
        return sink.rowDone();
    });
    if (!eventsOk)
        return false;
    out += "\n]\n}\n";
    return true;
}

// ECS (Elastic Common Schema) names, so that Filebeat's ndjson parser or Logstash's json codec
// index these lines without a mapping of their own.
QJsonObject ecsEvent(const RunStore::RunInfo &run, const RunStore::EventRow &e)
{
    const QDateTime at = run.startedAt.addMSecs(qRound64(e.t_s * 1000.0));
    QString level = QStringLiteral("info");
    QJsonArray types{QStringLiteral("info")};
    QString kind = QStringLiteral("event");
    if (e.kind == simEventKindName(SimEventKind::FaultStart)) {
        level = QStringLiteral("warning");
        types = {QStringLiteral("start")};
    } else if (e.kind == simEventKindName(SimEventKind::FaultEnd)) {
        types = {QStringLiteral("end")};
    } else if (e.kind == simEventKindName(SimEventKind::RecordsLost)) {
        level = QStringLiteral("error");
        types = {QStringLiteral("error")};
        kind = QStringLiteral("alert");
    } else if (e.kind != simEventKindName(SimEventKind::Narration)) {
        types = {QStringLiteral("change")};
    }
    QJsonObject event{{QStringLiteral("kind"), kind},
                      {QStringLiteral("action"), e.kind},
                      {QStringLiteral("type"), types},
                      {QStringLiteral("dataset"), QStringLiteral("postoffice.events")}};
    QJsonObject labels{
        {QStringLiteral("architecture"), e.architecture.isEmpty() ? QStringLiteral("all") : e.architecture},
        {QStringLiteral("run_id"), QString::number(run.id)},
        {QStringLiteral("scenario"), run.scenario}};
    QJsonObject postoffice{{QStringLiteral("run_id"), run.id},
                           {QStringLiteral("t_s"), e.t_s},
                           {QStringLiteral("count"), e.count}};
    // Fault kind and link end as their own fields, so a Kibana filter need not parse the message.
    if (!e.faultKind.isEmpty()) {
        QJsonObject fault{{QStringLiteral("kind"), e.faultKind}};
        if (!e.node.isEmpty())
            fault.insert(QStringLiteral("target"), e.node);
        if (!e.faultPeer.isEmpty())
            fault.insert(QStringLiteral("peer"), e.faultPeer);
        postoffice.insert(QStringLiteral("fault"), fault);
    }
    // Likewise a rebalance's figures (postoffice.rebalance.members...), so that a dashboard can
    // chart partitions moved per generation; `postoffice.count` is the generation.
    if (const QJsonObject figures = rebalanceFigures(e); !figures.isEmpty())
        postoffice.insert(QStringLiteral("rebalance"), figures);
    QJsonObject o{{QStringLiteral("@timestamp"), at.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("ecs"), QJsonObject{{QStringLiteral("version"), QStringLiteral("8.11.0")}}},
                  {QStringLiteral("event"), event},
                  {QStringLiteral("log"), QJsonObject{{QStringLiteral("level"), level}}},
                  {QStringLiteral("labels"), labels},
                  {QStringLiteral("message"), e.text},
                  {QStringLiteral("postoffice"), postoffice}};
    if (!e.node.isEmpty())
        o.insert(QStringLiteral("service"), QJsonObject{{QStringLiteral("name"), e.node}});
    return o;
}

bool streamNdjson(RunStore &store, const RunStore::RunInfo &run, Sink &sink)
{
    return store.forEachEvent(run.id, [&](const RunStore::EventRow &e) {
        appendJson(sink.buffer(), ecsEvent(run, e));
        sink.buffer() += '\n';
        return sink.rowDone();
    });
}

} // namespace

Exporter::Exporter(RunStore &store) : m_store(store) {}

bool Exporter::write(Format format, qint64 runId, const QString &path)
{
    m_error.clear();
    m_cancelled = false;
    const auto run = m_store.run(runId);
    const auto counts = run ? m_store.rowCounts(runId) : std::nullopt;
    if (!run || !counts) {
        m_error = m_store.errorString();
        return false;
    }
    const qint64 total = format == Format::Ndjson ? counts->events
                                                  : counts->nodes + counts->lags + counts->orders +
                                                        (format == Format::Json ? counts->events : 0);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    Sink sink(file, m_progress, total);
    bool ok = false;
    switch (format) {
    case Format::Csv:
        ok = streamCsv(m_store, runId, sink);
        break;
    case Format::Json:
        ok = streamJson(m_store, *run, sink);
        break;
    case Format::Ndjson:
        ok = streamNdjson(m_store, *run, sink);
        break;
    }
    ok = ok && sink.finish();
    if (sink.cancelled()) {
        m_cancelled = true;
        m_error = QStringLiteral("export to '%1' cancelled").arg(path);
    } else if (sink.writeFailed()) {
        m_error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
    } else if (!ok) {
        m_error = m_store.errorString();
    }
    if (!m_error.isEmpty()) {
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        m_error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace postoffice::app
