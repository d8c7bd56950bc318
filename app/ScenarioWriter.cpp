#include "ScenarioWriter.h"

#include "ScenarioKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace postoffice::app {

namespace {

// Inserts `value` under `key` unless it equals the default, keeping files as short as written.
template<class T> void putIfChanged(QJsonObject &o, const QString &key, const T &value, const T &defaultValue)
{
    if (value != defaultValue)
        o.insert(key, value);
}

// An element's JSON starts from the unknown keys the loader kept, plus the key naming its kind.
template<class Enum>
QJsonObject startedWith(const QJsonObject &extra, const QString &kindKey, Enum kind, const QStringList &names)
{
    QJsonObject o = extra;
    o.insert(kindKey, ScenarioKeys::name(kind, names));
    return o;
}

QJsonValue configValue(const std::vector<ScenarioKeys::ConfigKey> &table, const QString &name,
                       const QString &text)
{
    const auto key = ScenarioKeys::configKey(table, name);
    if (!key)
        return text; // not from the loader (it rejects unknown names): keep the text as given
    switch (key->type) {
    case ScenarioKeys::ConfigType::Integer:
        return text.toLongLong();
    case ScenarioKeys::ConfigType::Boolean:
        return text == u"true";
    case ScenarioKeys::ConfigType::Choice:
        break;
    }
    return text;
}

QJsonObject configJson(const std::vector<ScenarioKeys::ConfigKey> &table,
                       const std::map<QString, QString> &config)
{
    QJsonObject o;
    for (const auto &[name, text] : config)
        o.insert(name, configValue(table, name, text));
    return o;
}

QJsonObject clusterJson(const ClusterSpec &c)
{
    const ClusterSpec d;
    QJsonObject o = c.extra;
    o.insert(QStringLiteral("brokers"), c.brokers);
    putIfChanged(o, QStringLiteral("network_latency_ms"), c.network_latency_ms, d.network_latency_ms);
    putIfChanged(o, QStringLiteral("replica_fetch_delay_ms"), c.replica_fetch_delay_ms,
                 d.replica_fetch_delay_ms);
    putIfChanged(o, QStringLiteral("replica_lag_time_max_ms"), c.replica_lag_time_max_ms,
                 d.replica_lag_time_max_ms);
    if (!c.config.empty())
        o.insert(QStringLiteral("config"), configJson(ScenarioKeys::clusterConfigKeys(), c.config));
    return o;
}

QJsonObject trafficJson(const TrafficSpec &t)
{
    const TrafficSpec d;
    QJsonObject o =
        startedWith(t.extra, QStringLiteral("pattern"), t.pattern, ScenarioKeys::trafficPatterns());
    o.insert(QStringLiteral("rate_per_s"), t.rate_per_s);
    switch (t.pattern) {
    case TrafficPattern::Constant:
    case TrafficPattern::Poisson:
        break;
    case TrafficPattern::Ramp:
        o.insert(QStringLiteral("to_rate_per_s"), t.to_rate_per_s);
        o.insert(QStringLiteral("ramp_s"), t.ramp_s);
        break;
    case TrafficPattern::Spike:
        o.insert(QStringLiteral("spike_rate_per_s"), t.spike_rate_per_s);
        o.insert(QStringLiteral("spike_at_s"), t.spike_at_s);
        o.insert(QStringLiteral("spike_duration_s"), t.spike_duration_s);
        break;
    case TrafficPattern::Daily:
        putIfChanged(o, QStringLiteral("peak_factor"), t.peak_factor, d.peak_factor);
        putIfChanged(o, QStringLiteral("peak_at_h"), t.peak_at_h, d.peak_at_h);
        break;
    }
    return o;
}

QJsonObject serviceTimeJson(const ServiceTimeSpec &s)
{
    const ServiceTimeSpec d;
    QJsonObject o = startedWith(s.extra, QStringLiteral("dist"), s.dist, ScenarioKeys::serviceTimeDists());
    o.insert(QStringLiteral("mean_ms"), s.mean_ms);
    if (s.dist == ServiceTimeDist::Lognormal)
        putIfChanged(o, QStringLiteral("sigma"), s.sigma, d.sigma);
    return o;
}

QJsonObject nodeJson(const NodeSpec &n)
{
    const NodeSpec d;
    QJsonObject o = startedWith(n.extra, QStringLiteral("kind"), n.kind, ScenarioKeys::nodeKinds());
    o.insert(QStringLiteral("id"), n.id);
    o.insert(QStringLiteral("pos"), QJsonArray{n.pos.x(), n.pos.y()});
    putIfChanged(o, QStringLiteral("label"), n.label, d.label);
    switch (n.kind) {
    case NodeKind::Producer:
        o.insert(QStringLiteral("traffic"), trafficJson(n.traffic));
        putIfChanged(o, QStringLiteral("event_type"), n.event_type, d.event_type);
        break;
    case NodeKind::Service:
        o.insert(QStringLiteral("workers"), n.workers);
        o.insert(QStringLiteral("service_time"), serviceTimeJson(n.service_time));
        if (n.queue_limit)
            o.insert(QStringLiteral("queue_limit"), *n.queue_limit);
        putIfChanged(o, QStringLiteral("error_rate"), n.error_rate, d.error_rate);
        if (n.stock) {
            QJsonObject stock = n.stock->extra;
            stock.insert(QStringLiteral("initial"), n.stock->initial);
            stock.insert(QStringLiteral("threshold"), n.stock->threshold);
            o.insert(QStringLiteral("stock"), stock);
        }
        break;
    case NodeKind::Stream:
        o.insert(QStringLiteral("service_time"), serviceTimeJson(n.service_time));
        o.insert(QStringLiteral("operation"),
                 ScenarioKeys::name(n.operation, ScenarioKeys::streamOperations()));
        if (n.operation == StreamOperation::Filter || n.keep_ratio != d.keep_ratio)
            o.insert(QStringLiteral("keep_ratio"), n.keep_ratio);
        if (n.operation == StreamOperation::Aggregate || n.window_s != d.window_s)
            o.insert(QStringLiteral("window_s"), n.window_s);
        break;
    case NodeKind::Topic:
        o.insert(QStringLiteral("partitions"), n.partitions);
        o.insert(QStringLiteral("replication_factor"), n.replication_factor);
        if (!n.config.empty())
            o.insert(QStringLiteral("config"), configJson(ScenarioKeys::topicConfigKeys(), n.config));
        break;
    case NodeKind::Broker:
        o.insert(QStringLiteral("broker_id"), n.broker_id);
        break;
    }
    return o;
}

QJsonObject edgeJson(const EdgeSpec &e)
{
    const EdgeSpec d;
    QJsonObject o = startedWith(e.extra, QStringLiteral("kind"), e.kind, ScenarioKeys::edgeKinds());
    o.insert(QStringLiteral("from"), e.from);
    o.insert(QStringLiteral("to"), e.to);
    switch (e.kind) {
    case EdgeKind::Call:
        putIfChanged(o, QStringLiteral("trigger"), e.trigger, d.trigger);
        if (e.timeout_ms)
            o.insert(QStringLiteral("timeout_ms"), *e.timeout_ms);
        putIfChanged(o, QStringLiteral("retries"), e.retries, d.retries);
        putIfChanged(o, QStringLiteral("backoff_ms"), e.backoff_ms, d.backoff_ms);
        if (e.circuit_breaker) {
            const CircuitBreakerSpec &cb = *e.circuit_breaker;
            QJsonObject c = cb.extra;
            c.insert(QStringLiteral("failure_threshold"), cb.failure_threshold);
            c.insert(QStringLiteral("open_ms"), cb.open_ms);
            c.insert(QStringLiteral("half_open_probes"), cb.half_open_probes);
            o.insert(QStringLiteral("circuit_breaker"), c);
        }
        if (e.bulkhead)
            o.insert(QStringLiteral("bulkhead"), *e.bulkhead);
        break;
    case EdgeKind::Publish:
        putIfChanged(o, QStringLiteral("trigger"), e.trigger, d.trigger);
        putIfChanged(o, QStringLiteral("event_type"), e.event_type, d.event_type);
        o.insert(QStringLiteral("acks"), e.acks); // always: durability is the point of a publish edge
        putIfChanged(o, QStringLiteral("key"), e.key, d.key);
        break;
    case EdgeKind::Subscribe:
        putIfChanged(o, QStringLiteral("group"), e.group, d.group);
        o.insert(QStringLiteral("consumers"), e.consumers);
        putIfChanged(o, QStringLiteral("assignor"), e.assignor, d.assignor);
        putIfChanged(o, QStringLiteral("enable_auto_commit"), e.enable_auto_commit, d.enable_auto_commit);
        putIfChanged(o, QStringLiteral("auto_commit_interval_ms"), e.auto_commit_interval_ms,
                     d.auto_commit_interval_ms);
        putIfChanged(o, QStringLiteral("session_timeout_ms"), e.session_timeout_ms, d.session_timeout_ms);
        putIfChanged(o, QStringLiteral("auto_offset_reset"), e.auto_offset_reset, d.auto_offset_reset);
        break;
    }
    return o;
}

QJsonObject faultJson(const FaultSpec &f)
{
    const FaultSpec d;
    QJsonObject o = startedWith(f.extra, QStringLiteral("kind"), f.kind, ScenarioKeys::faultKinds());
    o.insert(QStringLiteral("target"), f.target);
    o.insert(QStringLiteral("at_s"), f.at_s);
    o.insert(QStringLiteral("duration_s"), f.duration_s);
    putIfChanged(o, QStringLiteral("architecture"), f.architecture, d.architecture);
    switch (f.kind) {
    case FaultKind::Down:
    case FaultKind::BrokerDown:
        break;
    case FaultKind::Slow:
        // At least one of the two is needed for the file to load again.
        if (f.factor != d.factor || f.add_ms == d.add_ms)
            o.insert(QStringLiteral("factor"), f.factor);
        putIfChanged(o, QStringLiteral("add_ms"), f.add_ms, d.add_ms);
        break;
    case FaultKind::ErrorRate:
        o.insert(QStringLiteral("rate"), f.rate);
        break;
    case FaultKind::ConsumerCrash:
        o.insert(QStringLiteral("consumers"), f.consumers);
        break;
    case FaultKind::NetworkCut:
        o.insert(QStringLiteral("peer"), f.peer);
        break;
    case FaultKind::Spike:
        o.insert(QStringLiteral("factor"), f.factor);
        break;
    }
    return o;
}

} // namespace

QJsonObject ScenarioWriter::toJson(const Scenario &s)
{
    QJsonObject o = s.extra;
    o.insert(QStringLiteral("schema"), s.schema);
    o.insert(QStringLiteral("name"), s.name);
    if (!s.description.isEmpty())
        o.insert(QStringLiteral("description"), s.description);
    o.insert(QStringLiteral("seed"), qint64(s.seed));
    o.insert(QStringLiteral("duration_s"), s.duration_s);
    if (s.cluster != ClusterSpec())
        o.insert(QStringLiteral("cluster"), clusterJson(s.cluster));

    QJsonArray nodes;
    for (const NodeSpec &n : s.nodes)
        nodes.append(nodeJson(n));
    o.insert(QStringLiteral("nodes"), nodes);

    QJsonObject architectures;
    for (const ArchitectureSpec &a : s.architectures) {
        QJsonObject arch = a.extra;
        if (!a.description.isEmpty())
            arch.insert(QStringLiteral("description"), a.description);
        QJsonArray edges;
        for (const EdgeSpec &e : a.edges)
            edges.append(edgeJson(e));
        arch.insert(QStringLiteral("edges"), edges);
        architectures.insert(a.name, arch);
    }
    o.insert(QStringLiteral("architectures"), architectures);

    if (!s.faults.empty()) {
        QJsonArray faults;
        for (const FaultSpec &f : s.faults)
            faults.append(faultJson(f));
        o.insert(QStringLiteral("faults"), faults);
    }
    if (!s.narration.empty()) {
        QJsonArray steps;
        for (const NarrationStep &n : s.narration) {
            QJsonObject step = n.extra;
            step.insert(QStringLiteral("at_s"), n.at_s);
            step.insert(QStringLiteral("text"), n.text);
            if (n.pause)
                step.insert(QStringLiteral("pause"), true);
            steps.append(step);
        }
        o.insert(QStringLiteral("narration"), steps);
    }
    return o;
}

QByteArray ScenarioWriter::toBytes(const Scenario &scenario)
{
    // QJsonDocument writes every object's keys sorted; the architectures must keep the scenario's
    // order (the author's: the first is the reference column), so that one object is written here,
    // first, in QJsonDocument's indented layout (4 spaces a level), and the rest by QJsonDocument.
    QJsonObject root = toJson(scenario);
    const QJsonObject architectures = root.take(QStringLiteral("architectures")).toObject();
    const auto nested = [](const QJsonObject &o) {
        QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Indented).trimmed();
        return text.replace('\n', QByteArray("\n        ")); // two levels in; strings hold no raw newline
    };
    QByteArray member = "    \"architectures\": {";
    QStringList written;
    for (const ArchitectureSpec &a : scenario.architectures) {
        if (written.contains(a.name))
            continue; // one member per name, as toJson() holds it
        const QByteArray key = QJsonDocument(QJsonArray{a.name}).toJson(QJsonDocument::Compact);
        member += (written.isEmpty() ? "\n        " : ",\n        ") + key.mid(1, key.size() - 2) + ": " +
                  nested(architectures.value(a.name).toObject());
        written << a.name;
    }
    member += written.isEmpty() ? "}" : "\n    }";
    QByteArray out = QJsonDocument(root).toJson(QJsonDocument::Indented); // "{\n" members "}\n"
    out.insert(2, member + (root.isEmpty() ? "\n" : ",\n"));
    return out;
}

bool ScenarioWriter::save(const Scenario &scenario, const QString &path, QString *errorString)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toBytes(scenario)) < 0 || !file.commit()) {
        if (errorString)
            *errorString = path + QStringLiteral(": cannot save: ") + file.errorString();
        return false;
    }
    return true;
}

} // namespace postoffice::app
