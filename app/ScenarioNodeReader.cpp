#include "ScenarioNodeReader.h"

#include "JsonPath.h"
#include "ScenarioClusterReader.h"
#include "ScenarioFieldReader.h"
#include "ScenarioKeys.h"
#include "ScenarioReaderIssues.h"
#include "ScenarioReaderState.h"
#include "ScenarioReaderText.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace postoffice::app {

using Need = ScenarioFieldReader::Need;
using Rules = ScenarioReaderRules;

void ScenarioNodeReader::read(const QJsonArray &nodes, const QString &path)
{
    if (nodes.isEmpty()) {
        m_state.issues.error(path, QStringLiteral("expected at least one node, got an empty array"));
        return;
    }
    if (nodes.size() > Rules::MaxNodes) {
        m_state.issues.error(path, QStringLiteral("expected at most ") + QString::number(Rules::MaxNodes) +
                                       QStringLiteral(" nodes, got ") + QString::number(nodes.size()));
        return;
    }
    m_state.references.setNodesKnown();
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const QString at = JsonPath::element(path, i);
        NodeSpec node;
        const bool kindKnown = readNode(nodes.at(i), at, node);
        if (node.id.isEmpty())
            continue; // reported by readNode; references to it are reported where they occur
        if (m_state.references.addNode(node, at, kindKnown))
            m_state.scenario.nodes.push_back(std::move(node));
    }
}

bool ScenarioNodeReader::readNode(const QJsonValue &value, const QString &path, NodeSpec &node)
{
    const auto object =
        ScenarioFieldReader::objectAt(m_state.issues, value, path, QStringLiteral("a node object"));
    if (!object)
        return false;
    ScenarioFieldReader f(m_state.issues, *object, path);
    if (auto v = f.string(QStringLiteral("id"), Need::Required))
        node.id = *v;
    const auto kind =
        f.enumeration<NodeKind>(QStringLiteral("kind"), Need::Required, ScenarioKeys::nodeKinds());
    if (auto v = f.take(QStringLiteral("pos"), Need::Optional, QStringLiteral("[x, y]"))) {
        const QJsonArray a = v->toArray();
        if (!v->isArray() || a.size() != 2 || !a.at(0).isDouble() || !a.at(1).isDouble() ||
            !std::isfinite(a.at(0).toDouble()) || !std::isfinite(a.at(1).toDouble()))
            m_state.issues.error(f.at(QStringLiteral("pos")),
                                 QStringLiteral("expected [x, y], an array of two numbers, got ") +
                                     ScenarioReaderText::describe(*v));
        else
            node.pos = QPointF(a.at(0).toDouble(), a.at(1).toDouble());
    }
    if (auto v = f.string(QStringLiteral("label"), Need::Optional, true))
        node.label = *v;
    if (!kind)
        return false; // without a kind, which other keys belong here is unknown
    node.kind = *kind;
    readKindFields(f, node);
    node.extra = f.leftovers(QStringLiteral("node"), ScenarioKeys::name(node.kind, ScenarioKeys::nodeKinds()),
                             QStringLiteral("nodes"));
    return true;
}

void ScenarioNodeReader::readKindFields(ScenarioFieldReader &f, NodeSpec &node)
{
    const QString positive = QStringLiteral("a positive integer");
    switch (node.kind) {
    case NodeKind::Producer:
        if (auto v = f.object(QStringLiteral("traffic"), Need::Required))
            readTraffic(*v, f.at(QStringLiteral("traffic")), node.traffic);
        if (auto v = f.string(QStringLiteral("event_type"), Need::Optional))
            node.event_type = *v;
        break;
    case NodeKind::Service:
        if (auto v = f.integer(QStringLiteral("workers"), Need::Optional, 1, Rules::MaxCount, positive))
            node.workers = int(*v);
        if (auto v = f.object(QStringLiteral("service_time"), Need::Required))
            readServiceTime(*v, f.at(QStringLiteral("service_time")), node.service_time);
        if (auto v = f.integer(QStringLiteral("queue_limit"), Need::Optional, 0, Rules::MaxJsonInteger,
                               QStringLiteral("a non-negative integer")))
            node.queue_limit = int(std::min<qint64>(*v, std::numeric_limits<int>::max()));
        if (auto v = f.number(QStringLiteral("error_rate"), Need::Optional, Rules::Probability))
            node.error_rate = *v;
        if (auto v = f.object(QStringLiteral("stock"), Need::Optional)) {
            node.stock.emplace();
            readStock(*v, f.at(QStringLiteral("stock")), *node.stock);
        }
        break;
    case NodeKind::Stream:
        if (auto v = f.object(QStringLiteral("service_time"), Need::Required))
            readServiceTime(*v, f.at(QStringLiteral("service_time")), node.service_time);
        if (auto v = f.enumeration<StreamOperation>(QStringLiteral("operation"), Need::Optional,
                                                    ScenarioKeys::streamOperations()))
            node.operation = *v;
        if (auto v = f.number(QStringLiteral("keep_ratio"), Need::Optional, Rules::Probability))
            node.keep_ratio = *v;
        if (auto v = f.number(QStringLiteral("window_s"), Need::Optional, Rules::Positive))
            node.window_s = *v;
        break;
    case NodeKind::Topic: {
        if (auto v = f.integer(QStringLiteral("partitions"), Need::Optional, 1, Rules::MaxCount, positive))
            node.partitions = int(*v);
        if (auto v = f.integer(QStringLiteral("replication_factor"), Need::Optional, 1, Rules::MaxBrokers,
                               positive)) {
            node.replication_factor = int(*v);
            m_state.references.replicationFactor(node.replication_factor,
                                                 f.at(QStringLiteral("replication_factor")));
        }
        if (auto v = f.object(QStringLiteral("config"), Need::Optional)) {
            const QString at = f.at(QStringLiteral("config"));
            m_config.readConfig(*v, at, ScenarioKeys::topicConfigKeys(), node.config);
            // min.insync.replicas above the replication factor makes every acks=all write fail.
            auto isr = node.config.find(QStringLiteral("min.insync.replicas"));
            if (isr != node.config.end() && isr->second.toLongLong() > node.replication_factor)
                m_state.issues.error(JsonPath::member(at, isr->first),
                                     QStringLiteral("expected at most replication_factor (") +
                                         QString::number(node.replication_factor) +
                                         QStringLiteral("), got ") + isr->second);
        }
        break;
    }
    case NodeKind::Broker:
        if (auto v = f.integer(QStringLiteral("broker_id"), Need::Required, 0, Rules::MaxBrokers - 1,
                               QStringLiteral("a non-negative integer"))) {
            node.broker_id = int(*v);
            m_state.references.brokerId(node.broker_id, f.at(QStringLiteral("broker_id")));
        }
        break;
    }
}

void ScenarioNodeReader::readTraffic(const QJsonObject &object, const QString &path, TrafficSpec &t)
{
    ScenarioFieldReader f(m_state.issues, object, path);
    const auto pattern = f.enumeration<TrafficPattern>(QStringLiteral("pattern"), Need::Required,
                                                       ScenarioKeys::trafficPatterns());
    // A ramp may start (or end) at zero; every other pattern needs traffic to flow.
    const bool ramp = pattern == TrafficPattern::Ramp;
    if (auto v = f.number(QStringLiteral("rate_per_s"), Need::Required,
                          ramp ? Rules::NonNegative : Rules::Positive))
        t.rate_per_s = *v;
    if (!pattern)
        return;
    t.pattern = *pattern;
    switch (t.pattern) {
    case TrafficPattern::Constant:
    case TrafficPattern::Poisson:
        break;
    case TrafficPattern::Ramp: {
        auto to = f.number(QStringLiteral("to_rate_per_s"), Need::Required, Rules::NonNegative);
        if (to)
            t.to_rate_per_s = *to;
        if (auto v = f.number(QStringLiteral("ramp_s"), Need::Required, Rules::Positive))
            t.ramp_s = *v;
        if (to && *to == 0 && t.rate_per_s == 0)
            m_state.issues.error(path, QStringLiteral("a ramp from 0 to 0 per second sends nothing; expected "
                                                      "rate_per_s or to_rate_per_s to be positive"));
        break;
    }
    case TrafficPattern::Spike:
        if (auto v = f.number(QStringLiteral("spike_rate_per_s"), Need::Required, Rules::Positive))
            t.spike_rate_per_s = *v;
        if (auto v = f.number(QStringLiteral("spike_at_s"), Need::Required, Rules::NonNegative)) {
            t.spike_at_s = *v;
            m_state.references.withinRun(*v, f.at(QStringLiteral("spike_at_s")), false);
        }
        if (auto v = f.number(QStringLiteral("spike_duration_s"), Need::Required, Rules::Positive))
            t.spike_duration_s = *v;
        break;
    case TrafficPattern::Daily:
        if (auto v = f.number(QStringLiteral("peak_factor"), Need::Optional, Rules::AtLeastOne))
            t.peak_factor = *v;
        if (auto v = f.number(QStringLiteral("peak_at_h"), Need::Optional, Rules::HourOfDay))
            t.peak_at_h = *v;
        break;
    }
    t.extra =
        f.leftovers(QStringLiteral("traffic"), ScenarioKeys::name(t.pattern, ScenarioKeys::trafficPatterns()),
                    QStringLiteral("traffic"));
}

void ScenarioNodeReader::readServiceTime(const QJsonObject &object, const QString &path, ServiceTimeSpec &s)
{
    ScenarioFieldReader f(m_state.issues, object, path);
    const auto dist = f.enumeration<ServiceTimeDist>(QStringLiteral("dist"), Need::Required,
                                                     ScenarioKeys::serviceTimeDists());
    if (auto v = f.number(QStringLiteral("mean_ms"), Need::Required, Rules::Positive))
        s.mean_ms = *v;
    if (!dist)
        return;
    s.dist = *dist;
    if (s.dist == ServiceTimeDist::Lognormal) {
        if (auto v = f.number(QStringLiteral("sigma"), Need::Optional, Rules::Positive))
            s.sigma = *v;
    }
    s.extra = f.leftovers(QStringLiteral("service_time"),
                          ScenarioKeys::name(s.dist, ScenarioKeys::serviceTimeDists()),
                          QStringLiteral("service times"));
}

void ScenarioNodeReader::readStock(const QJsonObject &object, const QString &path, StockSpec &stock)
{
    ScenarioFieldReader f(m_state.issues, object, path);
    const auto initial = f.integer(QStringLiteral("initial"), Need::Required, 1, Rules::MaxJsonInteger,
                                   QStringLiteral("a positive integer"));
    const auto threshold = f.integer(QStringLiteral("threshold"), Need::Required, 0, Rules::MaxJsonInteger,
                                     QStringLiteral("a non-negative integer"));
    if (initial)
        stock.initial = int(std::min<qint64>(*initial, std::numeric_limits<int>::max()));
    if (threshold) {
        stock.threshold = int(std::min<qint64>(*threshold, std::numeric_limits<int>::max()));
        if (initial && *threshold >= *initial)
            m_state.issues.error(f.at(QStringLiteral("threshold")),
                                 QStringLiteral("expected less than stock.initial (") +
                                     QString::number(*initial) + QStringLiteral("), got ") +
                                     QString::number(*threshold));
    }
    stock.extra = f.leftovers(QStringLiteral("stock"), QString(), QString());
}

} // namespace postoffice::app
