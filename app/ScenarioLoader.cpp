#include "ScenarioLoader.h"

#include "JsonKeyScan.h"
#include "JsonPath.h"
#include "ScenarioKeys.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

namespace postoffice::app {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Integers beyond 2^53 do not survive a trip through a JSON double.
constexpr qint64 kMaxJsonInteger = qint64(1) << 53;
// Caps that keep a typo (workers: 1e9) from exhausting memory in the engine.
constexpr qint64 kMaxCount = 10000;
constexpr qint64 kMaxBrokers = 100;
constexpr qint64 kMaxRetries = 100;
constexpr qsizetype kMaxNodes = 10000;

enum class Need { Optional, Required };

struct NumberRule
{
    double min;
    double max;
    bool minExclusive;
    bool maxExclusive;
    const char *text;

    bool accepts(double v) const
    {
        return std::isfinite(v) && (minExclusive ? v > min : v >= min) && (maxExclusive ? v < max : v <= max);
    }
};

constexpr NumberRule kPositive{0, kInf, true, false, "a positive number"};
constexpr NumberRule kNonNegative{0, kInf, false, false, "a number >= 0"};
constexpr NumberRule kProbability{0, 1, false, false, "a number between 0 and 1"};
constexpr NumberRule kAtLeastOne{1, kInf, false, false, "a number >= 1"};
constexpr NumberRule kHourOfDay{0, 24, false, true, "an hour of the day, >= 0 and < 24"};

QString quoted(const QString &text)
{
    constexpr qsizetype kMaxShown = 60;
    return u'"' + (text.size() > kMaxShown ? text.left(kMaxShown) + QStringLiteral("...") : text) + u'"';
}

QString formatNumber(double v)
{
    return QString::number(v, 'g', 15);
}

// What was found, for "expected X, got Y".
QString describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return formatNumber(v.toDouble());
    case QJsonValue::String:
        return QStringLiteral("the string ") + quoted(v.toString());
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString oneOf(const QStringList &choices)
{
    QStringList q;
    for (const QString &c : choices)
        q << quoted(c);
    if (q.size() == 1)
        return q.first();
    return QStringLiteral("one of ") + q.mid(0, q.size() - 1).join(QStringLiteral(", ")) +
           QStringLiteral(" or ") + q.last();
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// " (did you mean "x"?)" for a near miss, so a typo is found at a glance.
QString suggestion(const QString &wrong, const QStringList &candidates)
{
    constexpr qsizetype kMaxCompared = 64; // names longer than this are no typo of ours
    if (wrong.size() > kMaxCompared)
        return {};
    QString best;
    int bestDistance = 3; // at most two edits
    for (const QString &c : candidates) {
        const int d = editDistance(wrong, c);
        if (d < bestDistance && d < c.size()) {
            bestDistance = d;
            best = c;
        }
    }
    return best.isEmpty() ? QString()
                          : QStringLiteral(" (did you mean ") + quoted(best) + QStringLiteral("?)");
}

class Parser;

// Reads the keys of one JSON object with type and range checks, remembering which keys it read so
// that the rest can be reported (wrong kind) or kept (unknown).
class Fields
{
public:
    Fields(Parser &parser, const QJsonObject &object, QString path)
        : m_parser(parser), m_object(object), m_path(std::move(path))
    {}

    const QString &path() const { return m_path; }
    QString at(const QString &key) const { return JsonPath::member(m_path, key); }
    bool has(const QString &key) const { return m_object.contains(key); }

    std::optional<QJsonValue> take(const QString &key, Need need, const QString &expected);
    std::optional<double> number(const QString &key, Need need, const NumberRule &rule);
    std::optional<qint64> integer(const QString &key, Need need, qint64 min, qint64 max, const QString &text);
    std::optional<QString> string(const QString &key, Need need, bool allowEmpty = false);
    std::optional<QString> choice(const QString &key, Need need, const QStringList &choices);
    template<class Enum>
    std::optional<Enum> enumeration(const QString &key, Need need, const QStringList &names)
    {
        if (auto v = choice(key, need, names))
            return static_cast<Enum>(names.indexOf(*v));
        return std::nullopt;
    }
    std::optional<bool> boolean(const QString &key, Need need);
    std::optional<QJsonObject> object(const QString &key, Need need);
    std::optional<QJsonArray> array(const QString &key, Need need);

    // The keys not read: those that another kind of the family uses are errors; unknown ones are
    // warnings and come back to be kept in `extra`. `kind` may be empty for families without
    // kinds; `noun` names the family in messages ("edges", "nodes").
    QJsonObject leftovers(const QString &family, const QString &kind, const QString &noun);

private:
    void expected(const QString &key, const QString &what, const QJsonValue &got);

    Parser &m_parser;
    QJsonObject m_object;
    QString m_path;
    QSet<QString> m_used;
};

struct NodeInfo
{
    QString path;
    size_t index = 0; // in Scenario::nodes
    bool kindKnown = false;
};

class Parser
{
public:
    explicit Parser(QString file) : m_file(std::move(file)) {}

    void error(const QString &path, const QString &message)
    {
        m_issues.append({ScenarioIssue::Severity::Error, m_file, path, message, 0, 0});
    }
    void warning(const QString &path, const QString &message)
    {
        m_issues.append({ScenarioIssue::Severity::Warning, m_file, path, message, 0, 0});
    }
    void fileError(const QString &message, int line = 0, int column = 0)
    {
        m_issues.append({ScenarioIssue::Severity::Error, m_file, QString(), message, line, column});
    }
    const QList<ScenarioIssue> &issues() const { return m_issues; }
    bool hasErrors() const
    {
        return std::any_of(m_issues.begin(), m_issues.end(),
                           [](const ScenarioIssue &i) { return i.isError(); });
    }

    // The raw-byte scan of the same text: it knows the order keys were written in.
    void setKeyScan(const JsonKeyScan *scan) { m_keyScan = scan; }
    Scenario parseRoot(const QJsonObject &root);

private:
    void parseCluster(const QJsonObject &object, const QString &path);
    void parseConfig(const QJsonObject &object, const QString &path,
                     const std::vector<ScenarioKeys::ConfigKey> &table, std::map<QString, QString> &out);
    void parseNodes(const QJsonArray &nodes, const QString &path);
    bool parseNode(const QJsonValue &value, const QString &path, NodeSpec &node);
    void parseKindFields(Fields &f, NodeSpec &node);
    void parseTraffic(const QJsonObject &object, const QString &path, TrafficSpec &traffic);
    void parseServiceTime(const QJsonObject &object, const QString &path, ServiceTimeSpec &spec);
    void parseStock(const QJsonObject &object, const QString &path, StockSpec &stock);
    void parseArchitectures(const QJsonObject &object, const QString &path);
    void parseEdge(const QJsonValue &value, const QString &path, EdgeSpec &edge);
    void parseCircuitBreaker(const QJsonObject &object, const QString &path, CircuitBreakerSpec &spec);
    void checkEdgeEnds(const EdgeSpec &edge, const NodeSpec &from, const NodeSpec &to, const QString &path);
    void checkCallCycles(const ArchitectureSpec &architecture, const QString &path);
    void parseFaults(const QJsonArray &faults, const QString &path);
    void parseFault(const QJsonValue &value, const QString &path, FaultSpec &fault);
    void checkFaultTarget(const FaultSpec &fault, Fields &f);
    void parseNarration(const QJsonArray &steps, const QString &path);

    // A reference to a node: reported when unknown; returns the node when its kind is known.
    const NodeSpec *reference(const QString &id, const QString &path);
    bool checkWithinRun(double at_s, const QString &path, bool endInclusive);

    QString m_file;
    QList<ScenarioIssue> m_issues;
    Scenario m_scenario;
    std::map<QString, NodeInfo> m_nodes; // by id: where defined, whether its kind could be read
    QStringList m_nodeIds;               // in file order, for suggestions
    // Set once the part could be read as a whole: checks that depend on it are skipped otherwise,
    // so one mistake does not echo as dozens of follow-up messages.
    bool m_brokersKnown = true;
    bool m_durationKnown = false;
    bool m_nodesKnown = false;
    bool m_architecturesKnown = false;
    const JsonKeyScan *m_keyScan = nullptr;
};

// ---- Fields ---------------------------------------------------------------------------------

void Fields::expected(const QString &key, const QString &what, const QJsonValue &got)
{
    m_parser.error(at(key), QStringLiteral("expected ") + what + QStringLiteral(", got ") + describe(got));
}

std::optional<QJsonValue> Fields::take(const QString &key, Need need, const QString &expectedWhat)
{
    m_used.insert(key);
    auto it = m_object.constFind(key);
    if (it == m_object.constEnd()) {
        if (need == Need::Required)
            m_parser.error(at(key),
                           QStringLiteral("required key is missing (expected ") + expectedWhat + u')');
        return std::nullopt;
    }
    return it.value();
}

std::optional<double> Fields::number(const QString &key, Need need, const NumberRule &rule)
{
    const QString text = QString::fromLatin1(rule.text);
    auto v = take(key, need, text);
    if (!v)
        return std::nullopt;
    if (!v->isDouble() || !rule.accepts(v->toDouble())) {
        expected(key, text, *v);
        return std::nullopt;
    }
    return v->toDouble();
}

std::optional<qint64> Fields::integer(const QString &key, Need need, qint64 min, qint64 max,
                                      const QString &text)
{
    auto v = take(key, need, text);
    if (!v)
        return std::nullopt;
    const double d = v->toDouble();
    if (!v->isDouble() || !std::isfinite(d) || std::floor(d) != d || d < double(min)) {
        expected(key, text, *v);
        return std::nullopt;
    }
    if (d > double(max)) {
        expected(key, text + QStringLiteral(" no greater than ") + QString::number(max), *v);
        return std::nullopt;
    }
    return qint64(d);
}

std::optional<QString> Fields::string(const QString &key, Need need, bool allowEmpty)
{
    const QString text = allowEmpty ? QStringLiteral("a string") : QStringLiteral("a non-empty string");
    auto v = take(key, need, text);
    if (!v)
        return std::nullopt;
    if (!v->isString() || (!allowEmpty && v->toString().isEmpty())) {
        expected(key, text, *v);
        return std::nullopt;
    }
    return v->toString();
}

std::optional<QString> Fields::choice(const QString &key, Need need, const QStringList &choices)
{
    // The list of choices is only spelled out when a message needs it.
    auto v = take(key, need, has(key) ? QString() : oneOf(choices));
    if (!v)
        return std::nullopt;
    if (!v->isString() || !choices.contains(v->toString())) {
        expected(key, oneOf(choices), *v);
        return std::nullopt;
    }
    return v->toString();
}

std::optional<bool> Fields::boolean(const QString &key, Need need)
{
    auto v = take(key, need, QStringLiteral("true or false"));
    if (!v)
        return std::nullopt;
    if (!v->isBool()) {
        expected(key, QStringLiteral("true or false"), *v);
        return std::nullopt;
    }
    return v->toBool();
}

std::optional<QJsonObject> Fields::object(const QString &key, Need need)
{
    auto v = take(key, need, QStringLiteral("an object"));
    if (!v)
        return std::nullopt;
    if (!v->isObject()) {
        expected(key, QStringLiteral("an object"), *v);
        return std::nullopt;
    }
    return v->toObject();
}

std::optional<QJsonArray> Fields::array(const QString &key, Need need)
{
    auto v = take(key, need, QStringLiteral("an array"));
    if (!v)
        return std::nullopt;
    if (!v->isArray()) {
        expected(key, QStringLiteral("an array"), *v);
        return std::nullopt;
    }
    return v->toArray();
}

QJsonObject Fields::leftovers(const QString &family, const QString &kind, const QString &noun)
{
    const QStringList allowed = ScenarioKeys::keys(kind.isEmpty() ? family : family + u'.' + kind);
    const QStringList familyKeys = ScenarioKeys::familyKeys(family);
    QJsonObject extra;
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        const QString &key = it.key();
        if (m_used.contains(key) || allowed.contains(key))
            continue;
        if (familyKeys.contains(key)) {
            QStringList owners;
            for (const QString &context : ScenarioKeys::contexts()) {
                if (context.startsWith(family + u'.') && ScenarioKeys::keys(context).contains(key))
                    owners << context.mid(family.size() + 1);
            }
            m_parser.error(at(key), QStringLiteral("not used by ") + kind + u' ' + noun +
                                        QStringLiteral(", only by ") + owners.join(QStringLiteral(" or ")) +
                                        u' ' + noun);
            continue;
        }
        m_parser.warning(at(key), QStringLiteral("unknown key, kept as is") + suggestion(key, allowed));
        extra.insert(key, it.value());
    }
    return extra;
}

// ---- Parser ---------------------------------------------------------------------------------

Scenario Parser::parseRoot(const QJsonObject &root)
{
    Scenario &s = m_scenario;
    Fields f(*this, root, QStringLiteral("$"));

    if (auto schema = f.string(QStringLiteral("schema"), Need::Required)) {
        if (*schema != ScenarioLoader::SchemaVersion) {
            // A different version may mean anything; checking it against version 1 would only
            // bury this one message under many wrong ones.
            error(f.at(QStringLiteral("schema")), QStringLiteral("unsupported schema version ") +
                                                      quoted(*schema) + QStringLiteral("; expected ") +
                                                      quoted(ScenarioLoader::SchemaVersion));
            return s;
        }
        s.schema = *schema;
    }
    if (auto v = f.string(QStringLiteral("name"), Need::Required))
        s.name = *v;
    if (auto v = f.string(QStringLiteral("description"), Need::Optional, true))
        s.description = *v;
    if (auto v = f.integer(QStringLiteral("seed"), Need::Optional, 0, kMaxJsonInteger,
                           QStringLiteral("a non-negative integer")))
        s.seed = quint64(*v);
    if (auto v = f.number(QStringLiteral("duration_s"), Need::Required, kPositive)) {
        s.duration_s = *v;
        m_durationKnown = true;
    }
    if (auto v = f.object(QStringLiteral("cluster"), Need::Optional))
        parseCluster(*v, f.at(QStringLiteral("cluster")));
    if (auto v = f.array(QStringLiteral("nodes"), Need::Required))
        parseNodes(*v, f.at(QStringLiteral("nodes")));
    if (auto v = f.object(QStringLiteral("architectures"), Need::Required))
        parseArchitectures(*v, f.at(QStringLiteral("architectures")));
    if (auto v = f.array(QStringLiteral("faults"), Need::Optional))
        parseFaults(*v, f.at(QStringLiteral("faults")));
    if (auto v = f.array(QStringLiteral("narration"), Need::Optional))
        parseNarration(*v, f.at(QStringLiteral("narration")));
    s.extra = f.leftovers(QStringLiteral("root"), QString(), QString());
    return s;
}

void Parser::parseCluster(const QJsonObject &object, const QString &path)
{
    ClusterSpec &c = m_scenario.cluster;
    Fields f(*this, object, path);
    m_brokersKnown = false;
    if (auto v = f.integer(QStringLiteral("brokers"), Need::Optional, 1, kMaxBrokers,
                           QStringLiteral("a positive integer"))) {
        c.brokers = int(*v);
        m_brokersKnown = true;
    } else {
        m_brokersKnown = !f.has(QStringLiteral("brokers"));
    }
    if (auto v = f.number(QStringLiteral("network_latency_ms"), Need::Optional, kNonNegative))
        c.network_latency_ms = *v;
    if (auto v = f.number(QStringLiteral("replica_fetch_delay_ms"), Need::Optional, kNonNegative))
        c.replica_fetch_delay_ms = *v;
    if (auto v = f.number(QStringLiteral("replica_lag_time_max_ms"), Need::Optional, kPositive))
        c.replica_lag_time_max_ms = *v;
    if (auto v = f.object(QStringLiteral("config"), Need::Optional))
        parseConfig(*v, f.at(QStringLiteral("config")), ScenarioKeys::clusterConfigKeys(), c.config);
    c.extra = f.leftovers(QStringLiteral("cluster"), QString(), QString());
}

void Parser::parseConfig(const QJsonObject &object, const QString &path,
                         const std::vector<ScenarioKeys::ConfigKey> &table, std::map<QString, QString> &out)
{
    QStringList known;
    for (const auto &k : table)
        known << k.name;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString at = JsonPath::member(path, it.key());
        const auto key = ScenarioKeys::configKey(table, it.key());
        if (!key) {
            const QString hint = suggestion(it.key(), known);
            error(at, QStringLiteral("unknown Kafka config ") + quoted(it.key()) +
                          (hint.isEmpty()
                               ? QStringLiteral(" (known here: ") + known.join(QStringLiteral(", ")) + u')'
                               : hint));
            continue;
        }
        const QJsonValue v = it.value();
        switch (key->type) {
        case ScenarioKeys::ConfigType::Integer: {
            const double d = v.toDouble();
            if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || d < double(key->minimum) ||
                d > double(key->maximum)) {
                error(at, QStringLiteral("expected an integer from ") + QString::number(key->minimum) +
                              QStringLiteral(" to ") + QString::number(key->maximum) +
                              QStringLiteral(", got ") + describe(v));
                continue;
            }
            out[it.key()] = QString::number(qint64(d));
            break;
        }
        case ScenarioKeys::ConfigType::Boolean:
            if (!v.isBool()) {
                error(at, QStringLiteral("expected true or false, got ") + describe(v));
                continue;
            }
            out[it.key()] = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            break;
        case ScenarioKeys::ConfigType::Choice:
            if (!v.isString() || !key->choices.contains(v.toString())) {
                error(at, QStringLiteral("expected ") + oneOf(key->choices) + QStringLiteral(", got ") +
                              describe(v));
                continue;
            }
            out[it.key()] = v.toString();
            break;
        }
    }
}

void Parser::parseNodes(const QJsonArray &nodes, const QString &path)
{
    if (nodes.isEmpty()) {
        error(path, QStringLiteral("expected at least one node, got an empty array"));
        return;
    }
    if (nodes.size() > kMaxNodes) {
        error(path, QStringLiteral("expected at most ") + QString::number(kMaxNodes) +
                        QStringLiteral(" nodes, got ") + QString::number(nodes.size()));
        return;
    }
    m_nodesKnown = true;
    std::map<int, QString> brokerIds; // broker_id → path of the node that claims it
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const QString at = JsonPath::element(path, i);
        NodeSpec node;
        const bool kindKnown = parseNode(nodes.at(i), at, node);
        if (node.id.isEmpty())
            continue; // reported by parseNode; references to it are reported where they occur
        if (auto first = m_nodes.find(node.id); first != m_nodes.end()) {
            error(JsonPath::member(at, QStringLiteral("id")),
                  QStringLiteral("duplicate node id ") + quoted(node.id) +
                      QStringLiteral(" (first defined at ") + first->second.path + u')');
            continue;
        }
        if (kindKnown && node.kind == NodeKind::Broker) {
            auto [it, inserted] = brokerIds.emplace(node.broker_id, at);
            if (!inserted)
                error(JsonPath::member(at, QStringLiteral("broker_id")),
                      QStringLiteral("broker ") + QString::number(node.broker_id) +
                          QStringLiteral(" is already shown by ") + it->second);
        }
        m_nodes[node.id] = {at, m_scenario.nodes.size(), kindKnown};
        m_nodeIds << node.id;
        m_scenario.nodes.push_back(std::move(node));
    }
}

// Returns whether the node's kind could be read (then its kind-specific fields were checked).
bool Parser::parseNode(const QJsonValue &value, const QString &path, NodeSpec &node)
{
    if (!value.isObject()) {
        error(path, QStringLiteral("expected a node object, got ") + describe(value));
        return false;
    }
    Fields f(*this, value.toObject(), path);
    if (auto v = f.string(QStringLiteral("id"), Need::Required))
        node.id = *v;
    const auto kind =
        f.enumeration<NodeKind>(QStringLiteral("kind"), Need::Required, ScenarioKeys::nodeKinds());
    if (auto v = f.take(QStringLiteral("pos"), Need::Optional, QStringLiteral("[x, y]"))) {
        const QJsonArray a = v->toArray();
        if (!v->isArray() || a.size() != 2 || !a.at(0).isDouble() || !a.at(1).isDouble() ||
            !std::isfinite(a.at(0).toDouble()) || !std::isfinite(a.at(1).toDouble()))
            error(f.at(QStringLiteral("pos")),
                  QStringLiteral("expected [x, y], an array of two numbers, got ") + describe(*v));
        else
            node.pos = QPointF(a.at(0).toDouble(), a.at(1).toDouble());
    }
    if (auto v = f.string(QStringLiteral("label"), Need::Optional, true))
        node.label = *v;
    if (!kind)
        return false; // without a kind, which other keys belong here is unknown
    node.kind = *kind;
    parseKindFields(f, node);
    node.extra = f.leftovers(QStringLiteral("node"), ScenarioKeys::name(node.kind, ScenarioKeys::nodeKinds()),
                             QStringLiteral("nodes"));
    return true;
}

void Parser::parseKindFields(Fields &f, NodeSpec &node)
{
    const QString positive = QStringLiteral("a positive integer");
    switch (node.kind) {
    case NodeKind::Producer:
        if (auto v = f.object(QStringLiteral("traffic"), Need::Required))
            parseTraffic(*v, f.at(QStringLiteral("traffic")), node.traffic);
        if (auto v = f.string(QStringLiteral("event_type"), Need::Optional))
            node.event_type = *v;
        break;
    case NodeKind::Service:
        if (auto v = f.integer(QStringLiteral("workers"), Need::Optional, 1, kMaxCount, positive))
            node.workers = int(*v);
        if (auto v = f.object(QStringLiteral("service_time"), Need::Required))
            parseServiceTime(*v, f.at(QStringLiteral("service_time")), node.service_time);
        if (auto v = f.integer(QStringLiteral("queue_limit"), Need::Optional, 0, kMaxJsonInteger,
                               QStringLiteral("a non-negative integer")))
            node.queue_limit = int(std::min<qint64>(*v, std::numeric_limits<int>::max()));
        if (auto v = f.number(QStringLiteral("error_rate"), Need::Optional, kProbability))
            node.error_rate = *v;
        if (auto v = f.object(QStringLiteral("stock"), Need::Optional)) {
            node.stock.emplace();
            parseStock(*v, f.at(QStringLiteral("stock")), *node.stock);
        }
        break;
    case NodeKind::Stream:
        if (auto v = f.object(QStringLiteral("service_time"), Need::Required))
            parseServiceTime(*v, f.at(QStringLiteral("service_time")), node.service_time);
        if (auto v = f.enumeration<StreamOperation>(QStringLiteral("operation"), Need::Optional,
                                                    ScenarioKeys::streamOperations()))
            node.operation = *v;
        if (auto v = f.number(QStringLiteral("keep_ratio"), Need::Optional, kProbability))
            node.keep_ratio = *v;
        if (auto v = f.number(QStringLiteral("window_s"), Need::Optional, kPositive))
            node.window_s = *v;
        break;
    case NodeKind::Topic: {
        if (auto v = f.integer(QStringLiteral("partitions"), Need::Optional, 1, kMaxCount, positive))
            node.partitions = int(*v);
        if (auto v =
                f.integer(QStringLiteral("replication_factor"), Need::Optional, 1, kMaxBrokers, positive)) {
            node.replication_factor = int(*v);
            if (m_brokersKnown && node.replication_factor > m_scenario.cluster.brokers)
                error(f.at(QStringLiteral("replication_factor")),
                      QStringLiteral("expected at most cluster.brokers (") +
                          QString::number(m_scenario.cluster.brokers) + QStringLiteral("), got ") +
                          QString::number(node.replication_factor));
        }
        if (auto v = f.object(QStringLiteral("config"), Need::Optional)) {
            const QString at = f.at(QStringLiteral("config"));
            parseConfig(*v, at, ScenarioKeys::topicConfigKeys(), node.config);
            // min.insync.replicas above the replication factor makes every acks=all write fail.
            auto isr = node.config.find(QStringLiteral("min.insync.replicas"));
            if (isr != node.config.end() && isr->second.toLongLong() > node.replication_factor)
                error(JsonPath::member(at, isr->first),
                      QStringLiteral("expected at most replication_factor (") +
                          QString::number(node.replication_factor) + QStringLiteral("), got ") + isr->second);
        }
        break;
    }
    case NodeKind::Broker:
        if (auto v = f.integer(QStringLiteral("broker_id"), Need::Required, 0, kMaxBrokers - 1,
                               QStringLiteral("a non-negative integer"))) {
            node.broker_id = int(*v);
            if (m_brokersKnown && node.broker_id >= m_scenario.cluster.brokers)
                error(f.at(QStringLiteral("broker_id")),
                      QStringLiteral("expected a broker of the cluster, 0 to ") +
                          QString::number(m_scenario.cluster.brokers - 1) + QStringLiteral(", got ") +
                          QString::number(node.broker_id));
        }
        break;
    }
}

void Parser::parseTraffic(const QJsonObject &object, const QString &path, TrafficSpec &t)
{
    Fields f(*this, object, path);
    const auto pattern = f.enumeration<TrafficPattern>(QStringLiteral("pattern"), Need::Required,
                                                       ScenarioKeys::trafficPatterns());
    // A ramp may start (or end) at zero; every other pattern needs traffic to flow.
    const bool ramp = pattern == TrafficPattern::Ramp;
    if (auto v = f.number(QStringLiteral("rate_per_s"), Need::Required, ramp ? kNonNegative : kPositive))
        t.rate_per_s = *v;
    if (!pattern)
        return;
    t.pattern = *pattern;
    switch (t.pattern) {
    case TrafficPattern::Constant:
    case TrafficPattern::Poisson:
        break;
    case TrafficPattern::Ramp: {
        auto to = f.number(QStringLiteral("to_rate_per_s"), Need::Required, kNonNegative);
        if (to)
            t.to_rate_per_s = *to;
        if (auto v = f.number(QStringLiteral("ramp_s"), Need::Required, kPositive))
            t.ramp_s = *v;
        if (to && *to == 0 && t.rate_per_s == 0)
            error(path, QStringLiteral("a ramp from 0 to 0 per second sends nothing; expected rate_per_s or "
                                       "to_rate_per_s to be positive"));
        break;
    }
    case TrafficPattern::Spike:
        if (auto v = f.number(QStringLiteral("spike_rate_per_s"), Need::Required, kPositive))
            t.spike_rate_per_s = *v;
        if (auto v = f.number(QStringLiteral("spike_at_s"), Need::Required, kNonNegative)) {
            t.spike_at_s = *v;
            checkWithinRun(*v, f.at(QStringLiteral("spike_at_s")), false);
        }
        if (auto v = f.number(QStringLiteral("spike_duration_s"), Need::Required, kPositive))
            t.spike_duration_s = *v;
        break;
    case TrafficPattern::Daily:
        if (auto v = f.number(QStringLiteral("peak_factor"), Need::Optional, kAtLeastOne))
            t.peak_factor = *v;
        if (auto v = f.number(QStringLiteral("peak_at_h"), Need::Optional, kHourOfDay))
            t.peak_at_h = *v;
        break;
    }
    t.extra =
        f.leftovers(QStringLiteral("traffic"), ScenarioKeys::name(t.pattern, ScenarioKeys::trafficPatterns()),
                    QStringLiteral("traffic"));
}

void Parser::parseServiceTime(const QJsonObject &object, const QString &path, ServiceTimeSpec &s)
{
    Fields f(*this, object, path);
    const auto dist = f.enumeration<ServiceTimeDist>(QStringLiteral("dist"), Need::Required,
                                                     ScenarioKeys::serviceTimeDists());
    if (auto v = f.number(QStringLiteral("mean_ms"), Need::Required, kPositive))
        s.mean_ms = *v;
    if (!dist)
        return;
    s.dist = *dist;
    if (s.dist == ServiceTimeDist::Lognormal) {
        if (auto v = f.number(QStringLiteral("sigma"), Need::Optional, kPositive))
            s.sigma = *v;
    }
    s.extra = f.leftovers(QStringLiteral("service_time"),
                          ScenarioKeys::name(s.dist, ScenarioKeys::serviceTimeDists()),
                          QStringLiteral("service times"));
}

void Parser::parseStock(const QJsonObject &object, const QString &path, StockSpec &stock)
{
    Fields f(*this, object, path);
    const auto initial = f.integer(QStringLiteral("initial"), Need::Required, 1, kMaxJsonInteger,
                                   QStringLiteral("a positive integer"));
    const auto threshold = f.integer(QStringLiteral("threshold"), Need::Required, 0, kMaxJsonInteger,
                                     QStringLiteral("a non-negative integer"));
    if (initial)
        stock.initial = int(std::min<qint64>(*initial, std::numeric_limits<int>::max()));
    if (threshold) {
        stock.threshold = int(std::min<qint64>(*threshold, std::numeric_limits<int>::max()));
        if (initial && *threshold >= *initial)
            error(f.at(QStringLiteral("threshold")),
                  QStringLiteral("expected less than stock.initial (") + QString::number(*initial) +
                      QStringLiteral("), got ") + QString::number(*threshold));
    }
    stock.extra = f.leftovers(QStringLiteral("stock"), QString(), QString());
}

void Parser::parseArchitectures(const QJsonObject &object, const QString &path)
{
    m_architecturesKnown = !object.isEmpty();
    if (object.isEmpty()) {
        error(path, QStringLiteral(
                        "expected at least one architecture (such as \"tight\" or \"decoupled\"), got an "
                        "empty object"));
        return;
    }
    // QJsonObject sorts its keys; the author's order comes from the key scan, so that the first
    // architecture listed (tight, in every shipped scenario) is the first column everywhere.
    QStringList names = m_keyScan ? m_keyScan->keys(path) : QStringList();
    names.removeIf([&](const QString &name) { return !object.contains(name); });
    for (const QString &name : object.keys())
        if (!names.contains(name))
            names << name;
    for (const QString &name : std::as_const(names)) {
        const auto it = object.constFind(name);
        const QString at = JsonPath::member(path, it.key());
        if (it.key().isEmpty()) {
            error(at, QStringLiteral("expected a non-empty architecture name"));
            m_architecturesKnown = false;
            continue;
        }
        if (!it.value().isObject()) {
            error(at, QStringLiteral("expected an architecture object, got ") + describe(it.value()));
            m_architecturesKnown = false;
            continue;
        }
        ArchitectureSpec arch;
        arch.name = it.key();
        Fields f(*this, it.value().toObject(), at);
        if (auto v = f.string(QStringLiteral("description"), Need::Optional, true))
            arch.description = *v;
        if (auto edges = f.array(QStringLiteral("edges"), Need::Required)) {
            const QString edgesPath = f.at(QStringLiteral("edges"));
            for (qsizetype i = 0; i < edges->size(); ++i) {
                EdgeSpec edge;
                parseEdge(edges->at(i), JsonPath::element(edgesPath, i), edge);
                arch.edges.push_back(std::move(edge));
            }
            checkCallCycles(arch, edgesPath);
        } else {
            m_architecturesKnown = false;
        }
        arch.extra = f.leftovers(QStringLiteral("architecture"), QString(), QString());
        m_scenario.architectures.push_back(std::move(arch));
    }
}

const NodeSpec *Parser::reference(const QString &id, const QString &path)
{
    if (!m_nodesKnown)
        return nullptr;
    auto it = m_nodes.find(id);
    if (it == m_nodes.end()) {
        error(path, QStringLiteral("unknown node ") + quoted(id) + suggestion(id, m_nodeIds));
        return nullptr;
    }
    return it->second.kindKnown ? &m_scenario.nodes[it->second.index] : nullptr;
}

void Parser::parseEdge(const QJsonValue &value, const QString &path, EdgeSpec &e)
{
    if (!value.isObject()) {
        error(path, QStringLiteral("expected an edge object, got ") + describe(value));
        return;
    }
    Fields f(*this, value.toObject(), path);
    const auto kind =
        f.enumeration<EdgeKind>(QStringLiteral("kind"), Need::Required, ScenarioKeys::edgeKinds());
    const auto from = f.string(QStringLiteral("from"), Need::Required);
    const auto to = f.string(QStringLiteral("to"), Need::Required);
    if (from)
        e.from = *from;
    if (to)
        e.to = *to;
    if (!kind)
        return;
    e.kind = *kind;
    const QString positive = QStringLiteral("a positive integer");
    switch (e.kind) {
    case EdgeKind::Call:
        if (auto v = f.choice(QStringLiteral("trigger"), Need::Optional, ScenarioKeys::triggers()))
            e.trigger = *v;
        if (auto v = f.number(QStringLiteral("timeout_ms"), Need::Optional, kPositive))
            e.timeout_ms = *v;
        if (auto v = f.integer(QStringLiteral("retries"), Need::Optional, 0, kMaxRetries,
                               QStringLiteral("a non-negative integer")))
            e.retries = int(*v);
        if (auto v = f.number(QStringLiteral("backoff_ms"), Need::Optional, kNonNegative))
            e.backoff_ms = *v;
        if (auto v = f.object(QStringLiteral("circuit_breaker"), Need::Optional)) {
            e.circuit_breaker.emplace();
            parseCircuitBreaker(*v, f.at(QStringLiteral("circuit_breaker")), *e.circuit_breaker);
        }
        if (auto v = f.integer(QStringLiteral("bulkhead"), Need::Optional, 1, kMaxJsonInteger, positive))
            e.bulkhead = int(std::min<qint64>(*v, std::numeric_limits<int>::max()));
        break;
    case EdgeKind::Publish:
        if (auto v = f.choice(QStringLiteral("trigger"), Need::Optional, ScenarioKeys::triggers()))
            e.trigger = *v;
        if (auto v = f.string(QStringLiteral("event_type"), Need::Optional))
            e.event_type = *v;
        if (auto v = f.choice(QStringLiteral("acks"), Need::Optional, ScenarioKeys::acksValues()))
            e.acks = *v;
        if (auto v = f.string(QStringLiteral("key"), Need::Optional, true))
            e.key = *v;
        break;
    case EdgeKind::Subscribe:
        if (auto v = f.string(QStringLiteral("group"), Need::Optional))
            e.group = *v;
        if (auto v = f.integer(QStringLiteral("consumers"), Need::Optional, 1, kMaxCount, positive))
            e.consumers = int(*v);
        if (auto v = f.choice(QStringLiteral("assignor"), Need::Optional, ScenarioKeys::assignors()))
            e.assignor = *v;
        if (auto v = f.boolean(QStringLiteral("enable_auto_commit"), Need::Optional))
            e.enable_auto_commit = *v;
        if (auto v = f.number(QStringLiteral("auto_commit_interval_ms"), Need::Optional, kPositive))
            e.auto_commit_interval_ms = *v;
        if (auto v = f.number(QStringLiteral("session_timeout_ms"), Need::Optional, kPositive))
            e.session_timeout_ms = *v;
        if (auto v =
                f.choice(QStringLiteral("auto_offset_reset"), Need::Optional, ScenarioKeys::offsetResets()))
            e.auto_offset_reset = *v;
        break;
    }
    e.extra = f.leftovers(QStringLiteral("edge"), ScenarioKeys::name(e.kind, ScenarioKeys::edgeKinds()),
                          QStringLiteral("edges"));

    const NodeSpec *source = from ? reference(e.from, f.at(QStringLiteral("from"))) : nullptr;
    const NodeSpec *target = to ? reference(e.to, f.at(QStringLiteral("to"))) : nullptr;
    if (source && target)
        checkEdgeEnds(e, *source, *target, path);
    if (source && e.trigger == u"low_stock" && !source->stock)
        error(f.at(QStringLiteral("trigger")),
              QStringLiteral("\"low_stock\" needs a stock on node ") + quoted(e.from) +
                  QStringLiteral(" (add ") + JsonPath::member(m_nodes[e.from].path, QStringLiteral("stock")) +
                  u')');
}

void Parser::parseCircuitBreaker(const QJsonObject &object, const QString &path, CircuitBreakerSpec &cb)
{
    Fields f(*this, object, path);
    const QString positive = QStringLiteral("a positive integer");
    if (auto v = f.integer(QStringLiteral("failure_threshold"), Need::Optional, 1, kMaxCount, positive))
        cb.failure_threshold = int(*v);
    if (auto v = f.number(QStringLiteral("open_ms"), Need::Optional, kPositive))
        cb.open_ms = *v;
    if (auto v = f.integer(QStringLiteral("half_open_probes"), Need::Optional, 1, kMaxCount, positive))
        cb.half_open_probes = int(*v);
    cb.extra = f.leftovers(QStringLiteral("circuit_breaker"), QString(), QString());
}

void Parser::checkEdgeEnds(const EdgeSpec &e, const NodeSpec &from, const NodeSpec &to, const QString &path)
{
    auto is = [](const NodeSpec &n, std::initializer_list<NodeKind> kinds) {
        return std::find(kinds.begin(), kinds.end(), n.kind) != kinds.end();
    };
    bool ok = false;
    QString rule;
    switch (e.kind) {
    case EdgeKind::Call:
        ok = is(from, {NodeKind::Producer, NodeKind::Service}) && is(to, {NodeKind::Service});
        rule = QStringLiteral("call edges go from a producer or service to a service");
        break;
    case EdgeKind::Publish:
        ok = is(from, {NodeKind::Producer, NodeKind::Service, NodeKind::Stream}) && is(to, {NodeKind::Topic});
        rule = QStringLiteral("publish edges go from a producer, service or stream to a topic");
        break;
    case EdgeKind::Subscribe:
        ok = is(from, {NodeKind::Topic}) && is(to, {NodeKind::Service, NodeKind::Stream});
        rule = QStringLiteral("subscribe edges go from a topic to a service or stream");
        break;
    }
    if (!ok) {
        const QStringList &kinds = ScenarioKeys::nodeKinds();
        error(path, QStringLiteral("a ") + ScenarioKeys::name(e.kind, ScenarioKeys::edgeKinds()) +
                        QStringLiteral(" edge cannot go from ") + ScenarioKeys::name(from.kind, kinds) +
                        u' ' + quoted(from.id) + QStringLiteral(" to ") + ScenarioKeys::name(to.kind, kinds) +
                        u' ' + quoted(to.id) + QStringLiteral("; ") + rule);
    }
}

// Synchronous calls that come back to a caller deadlock its workers; report each cycle at the
// edge that closes it, naming the whole loop.
void Parser::checkCallCycles(const ArchitectureSpec &arch, const QString &path)
{
    std::map<QString, std::vector<size_t>> out; // node → indices of its call edges
    for (size_t i = 0; i < arch.edges.size(); ++i) {
        const EdgeSpec &e = arch.edges[i];
        if (e.kind == EdgeKind::Call && m_nodes.count(e.from) && m_nodes.count(e.to))
            out[e.from].push_back(i);
    }
    enum class Colour { White, Grey, Black };
    std::map<QString, Colour> colour;
    struct Frame
    {
        QString node;
        size_t next = 0;
    };
    for (const QString &start : m_nodeIds) {
        if (colour[start] != Colour::White)
            continue;
        std::vector<Frame> stack{{start, 0}};
        colour[start] = Colour::Grey;
        while (!stack.empty()) {
            Frame &top = stack.back();
            const auto &edges = out[top.node];
            if (top.next == edges.size()) {
                colour[top.node] = Colour::Black;
                stack.pop_back();
                continue;
            }
            const size_t edgeIndex = edges[top.next++];
            const QString next = arch.edges[edgeIndex].to;
            if (colour[next] == Colour::Grey) {
                auto first = std::find_if(stack.begin(), stack.end(),
                                          [&](const Frame &fr) { return fr.node == next; });
                QStringList loop;
                for (auto it = first; it != stack.end(); ++it)
                    loop << quoted(it->node);
                loop << quoted(next);
                error(JsonPath::element(path, qsizetype(edgeIndex)),
                      QStringLiteral("synchronous calls form a cycle: ") + loop.join(QStringLiteral(" -> ")));
            } else if (colour[next] == Colour::White) {
                colour[next] = Colour::Grey;
                stack.push_back({next, 0}); // invalidates `top`, which is not used again
            }
        }
    }
}

void Parser::parseFaults(const QJsonArray &faults, const QString &path)
{
    for (qsizetype i = 0; i < faults.size(); ++i) {
        FaultSpec fault;
        parseFault(faults.at(i), JsonPath::element(path, i), fault);
        m_scenario.faults.push_back(std::move(fault));
    }
}

bool Parser::checkWithinRun(double at_s, const QString &path, bool endInclusive)
{
    const double end = m_scenario.duration_s;
    if (!m_durationKnown || at_s < end || (endInclusive && at_s == end))
        return true;
    error(path, QStringLiteral("expected a time within the run (duration_s = ") + formatNumber(end) +
                    QStringLiteral("), got ") + formatNumber(at_s));
    return false;
}

void Parser::parseFault(const QJsonValue &value, const QString &path, FaultSpec &fault)
{
    if (!value.isObject()) {
        error(path, QStringLiteral("expected a fault object, got ") + describe(value));
        return;
    }
    Fields f(*this, value.toObject(), path);
    const auto kind =
        f.enumeration<FaultKind>(QStringLiteral("kind"), Need::Required, ScenarioKeys::faultKinds());
    const auto target = f.string(QStringLiteral("target"), Need::Required);
    if (target)
        fault.target = *target;
    if (auto v = f.number(QStringLiteral("at_s"), Need::Required, kNonNegative)) {
        fault.at_s = *v;
        checkWithinRun(*v, f.at(QStringLiteral("at_s")), false);
    }
    if (auto v = f.number(QStringLiteral("duration_s"), Need::Required, kPositive))
        fault.duration_s = *v;
    if (auto v = f.string(QStringLiteral("architecture"), Need::Optional)) {
        fault.architecture = *v;
        if (m_architecturesKnown && !m_scenario.architecture(*v)) {
            QStringList names;
            for (const auto &a : m_scenario.architectures)
                names << a.name;
            error(f.at(QStringLiteral("architecture")),
                  QStringLiteral("unknown architecture ") + quoted(*v) + suggestion(*v, names));
        }
    }
    if (!kind)
        return;
    fault.kind = *kind;
    switch (fault.kind) {
    case FaultKind::Down:
    case FaultKind::BrokerDown:
        break;
    case FaultKind::Slow: {
        auto factor = f.number(QStringLiteral("factor"), Need::Optional, kAtLeastOne);
        auto add = f.number(QStringLiteral("add_ms"), Need::Optional, kNonNegative);
        if (factor)
            fault.factor = *factor;
        if (add)
            fault.add_ms = *add;
        if (!f.has(QStringLiteral("factor")) && !f.has(QStringLiteral("add_ms")))
            error(path, QStringLiteral("a slow fault needs \"factor\" (service time x factor) or \"add_ms\" "
                                       "(+ milliseconds per request)"));
        break;
    }
    case FaultKind::ErrorRate:
        if (auto v = f.number(QStringLiteral("rate"), Need::Required, kProbability))
            fault.rate = *v;
        break;
    case FaultKind::ConsumerCrash:
        if (auto v = f.integer(QStringLiteral("consumers"), Need::Optional, 1, kMaxCount,
                               QStringLiteral("a positive integer")))
            fault.consumers = int(*v);
        break;
    case FaultKind::NetworkCut:
        if (auto v = f.string(QStringLiteral("peer"), Need::Required)) {
            fault.peer = *v;
            reference(*v, f.at(QStringLiteral("peer")));
            if (target && *v == *target)
                error(f.at(QStringLiteral("peer")),
                      QStringLiteral("expected a node other than the target, got ") + quoted(*v));
        }
        break;
    case FaultKind::Spike:
        if (auto v = f.number(QStringLiteral("factor"), Need::Required, kPositive))
            fault.factor = *v;
        break;
    }
    fault.extra =
        f.leftovers(QStringLiteral("fault"), ScenarioKeys::name(fault.kind, ScenarioKeys::faultKinds()),
                    QStringLiteral("faults"));
    if (target)
        checkFaultTarget(fault, f);
}

void Parser::checkFaultTarget(const FaultSpec &fault, Fields &f)
{
    const QString at = f.at(QStringLiteral("target"));
    const NodeSpec *node = reference(fault.target, at);
    if (!node)
        return;
    const QString kindName = ScenarioKeys::name(fault.kind, ScenarioKeys::faultKinds());
    auto wrongKind = [&](const QString &wanted) {
        error(at, QStringLiteral("expected ") + wanted + QStringLiteral(" for a ") + quoted(kindName) +
                      QStringLiteral(" fault, got ") +
                      ScenarioKeys::name(node->kind, ScenarioKeys::nodeKinds()) + u' ' + quoted(node->id));
    };
    const bool worker = node->kind == NodeKind::Service || node->kind == NodeKind::Stream;
    switch (fault.kind) {
    case FaultKind::Down:
    case FaultKind::Slow:
    case FaultKind::ErrorRate:
        if (!worker)
            wrongKind(QStringLiteral("a service or stream node"));
        break;
    case FaultKind::ConsumerCrash: {
        if (!worker) {
            wrongKind(QStringLiteral("a service or stream node"));
            break;
        }
        // Only members of a consumer group can crash out of it.
        const bool consumes = std::any_of(
            m_scenario.architectures.begin(), m_scenario.architectures.end(), [&](const ArchitectureSpec &a) {
                return (fault.architecture.isEmpty() || a.name == fault.architecture) &&
                       std::any_of(a.edges.begin(), a.edges.end(), [&](const EdgeSpec &e) {
                           return e.kind == EdgeKind::Subscribe && e.to == fault.target;
                       });
            });
        if (!consumes && m_architecturesKnown)
            error(at,
                  QStringLiteral("node ") + quoted(fault.target) +
                      QStringLiteral(" consumes no topic (a consumer_crash needs a subscribe edge to it)"));
        break;
    }
    case FaultKind::BrokerDown:
        if (node->kind != NodeKind::Broker)
            wrongKind(QStringLiteral("a broker node"));
        break;
    case FaultKind::NetworkCut:
        break;
    case FaultKind::Spike:
        if (node->kind != NodeKind::Producer)
            wrongKind(QStringLiteral("a producer node"));
        break;
    }
}

void Parser::parseNarration(const QJsonArray &steps, const QString &path)
{
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QString at = JsonPath::element(path, i);
        if (!steps.at(i).isObject()) {
            error(at, QStringLiteral("expected a narration object, got ") + describe(steps.at(i)));
            continue;
        }
        NarrationStep step;
        Fields f(*this, steps.at(i).toObject(), at);
        if (auto v = f.number(QStringLiteral("at_s"), Need::Required, kNonNegative)) {
            step.at_s = *v;
            checkWithinRun(*v, f.at(QStringLiteral("at_s")), true);
        }
        if (auto v = f.string(QStringLiteral("text"), Need::Required))
            step.text = *v;
        if (auto v = f.boolean(QStringLiteral("pause"), Need::Optional))
            step.pause = *v;
        step.extra = f.leftovers(QStringLiteral("narration"), QString(), QString());
        m_scenario.narration.push_back(std::move(step));
    }
}

// QJsonParseError gives a byte offset; people need a line and a column (in characters).
std::pair<int, int> lineAndColumn(const QByteArray &bytes, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, bytes.size());
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        const char c = bytes.at(i);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column; // count UTF-8 lead bytes only
        }
    }
    return {line, column};
}

// 1-based line of each byte offset, for findings that come by the hundred (a line index built once
// rather than a scan from the top per finding).
class LineIndex
{
public:
    explicit LineIndex(const QByteArray &bytes)
    {
        for (qsizetype i = 0; i < bytes.size(); ++i)
            if (bytes.at(i) == '\n')
                m_newlines.push_back(i);
    }
    qsizetype line(qsizetype offset) const
    {
        return 1 + (std::lower_bound(m_newlines.begin(), m_newlines.end(), offset) - m_newlines.begin());
    }

private:
    std::vector<qsizetype> m_newlines;
};

// QJsonDocument keeps the last of two equal keys without a word; a hand-edited file must hear of it.
void reportDuplicateKeys(Parser &p, const QByteArray &bytes, const JsonKeyScan &scan)
{
    if (scan.duplicates().empty())
        return;
    const LineIndex lines(bytes);
    for (const JsonKeyScan::Duplicate &d : scan.duplicates())
        p.error(d.path, QStringLiteral("duplicate key ") + quoted(d.key) + QStringLiteral(" (line ") +
                            QString::number(lines.line(d.offset)) + QStringLiteral(", first at line ") +
                            QString::number(lines.line(d.first)) +
                            QStringLiteral("); expected each key once in an object: JSON keeps only the "
                                           "last value, so the other is silently ignored"));
}

} // namespace

QStringList ScenarioLoader::Result::messages() const
{
    return ScenarioIssue::toStrings(issues);
}

QStringList ScenarioLoader::Result::errors() const
{
    QList<ScenarioIssue> onlyErrors;
    std::copy_if(issues.begin(), issues.end(), std::back_inserter(onlyErrors),
                 [](const ScenarioIssue &i) { return i.isError(); });
    return ScenarioIssue::toStrings(onlyErrors);
}

ScenarioLoader::Result ScenarioLoader::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Parser p(path);
        p.fileError(QStringLiteral("cannot open: ") + file.errorString());
        return {std::nullopt, p.issues()};
    }
    if (file.size() > MaxFileBytes) {
        Parser p(path);
        p.fileError(QStringLiteral("file too large (") + QString::number(file.size()) +
                    QStringLiteral(" bytes); a scenario is at most ") + QString::number(MaxFileBytes) +
                    QStringLiteral(" bytes"));
        return {std::nullopt, p.issues()};
    }
    return parse(file.readAll(), path);
}

ScenarioLoader::Result ScenarioLoader::parse(const QByteArray &bytes, const QString &fileName)
{
    Parser p(fileName);
    Result result;
    if (bytes.trimmed().isEmpty()) {
        p.fileError(QStringLiteral("the file is empty; expected a JSON object with \"schema\": ") +
                    quoted(SchemaVersion));
        result.issues = p.issues();
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(bytes, parseError.offset);
        p.fileError(QStringLiteral("invalid JSON: ") + parseError.errorString(), line, column);
        result.issues = p.issues();
        return result;
    }
    if (!doc.isObject()) {
        const QJsonValue got = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(QJsonValue::Undefined);
        p.error(QStringLiteral("$"), QStringLiteral("expected a JSON object, got ") + describe(got));
        result.issues = p.issues();
        return result;
    }
    const JsonKeyScan keyScan = JsonKeyScan::scan(bytes);
    reportDuplicateKeys(p, bytes, keyScan);
    p.setKeyScan(&keyScan);
    Scenario scenario = p.parseRoot(doc.object());
    result.issues = p.issues();
    if (!p.hasErrors())
        result.scenario = std::move(scenario);
    return result;
}

} // namespace postoffice::app
