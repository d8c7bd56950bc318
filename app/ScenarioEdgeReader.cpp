#include "ScenarioEdgeReader.h"

#include "JsonKeyScan.h"
#include "JsonPath.h"
#include "ScenarioFieldReader.h"
#include "ScenarioKeys.h"
#include "ScenarioReaderIssues.h"
#include "ScenarioReaderState.h"

#include <QStringList>

#include <algorithm>
#include <limits>

namespace postoffice::app {

using Need = ScenarioFieldReader::Need;
using Rules = ScenarioReaderRules;

void ScenarioEdgeReader::readArchitectures(const QJsonObject &object, const QString &path)
{
    m_state.references.setArchitecturesKnown(!object.isEmpty());
    if (object.isEmpty()) {
        m_state.issues.error(path, QStringLiteral("expected at least one architecture (such as \"tight\" or "
                                                  "\"decoupled\"), got an empty object"));
        return;
    }
    // QJsonObject sorts its keys; the author's order comes from the key scan, so that the first
    // architecture listed (tight, in every shipped scenario) is the first column everywhere.
    QStringList names = m_state.keyScan ? m_state.keyScan->keys(path) : QStringList();
    names.removeIf([&](const QString &name) { return !object.contains(name); });
    for (const QString &name : object.keys())
        if (!names.contains(name))
            names << name;
    for (const QString &name : std::as_const(names)) {
        const auto it = object.constFind(name);
        const QString at = JsonPath::member(path, it.key());
        if (it.key().isEmpty()) {
            m_state.issues.error(at, QStringLiteral("expected a non-empty architecture name"));
            m_state.references.setArchitecturesKnown(false);
            continue;
        }
        const auto object = ScenarioFieldReader::objectAt(m_state.issues, it.value(), at,
                                                          QStringLiteral("an architecture object"));
        if (!object) {
            m_state.references.setArchitecturesKnown(false);
            continue;
        }
        ArchitectureSpec arch;
        arch.name = it.key();
        ScenarioFieldReader f(m_state.issues, *object, at);
        if (auto v = f.string(QStringLiteral("description"), Need::Optional, true))
            arch.description = *v;
        if (auto edges = f.array(QStringLiteral("edges"), Need::Required)) {
            const QString edgesPath = f.at(QStringLiteral("edges"));
            for (qsizetype i = 0; i < edges->size(); ++i) {
                EdgeSpec edge;
                readEdge(edges->at(i), JsonPath::element(edgesPath, i), edge);
                arch.edges.push_back(std::move(edge));
            }
            m_state.rules.callCycles(arch, edgesPath);
        } else {
            m_state.references.setArchitecturesKnown(false);
        }
        arch.extra = f.leftovers(QStringLiteral("architecture"), QString(), QString());
        m_state.scenario.architectures.push_back(std::move(arch));
    }
}

void ScenarioEdgeReader::readEdge(const QJsonValue &value, const QString &path, EdgeSpec &e)
{
    const auto object =
        ScenarioFieldReader::objectAt(m_state.issues, value, path, QStringLiteral("an edge object"));
    if (!object)
        return;
    ScenarioFieldReader f(m_state.issues, *object, path);
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
        if (auto v = f.number(QStringLiteral("timeout_ms"), Need::Optional, Rules::Positive))
            e.timeout_ms = *v;
        if (auto v = f.integer(QStringLiteral("retries"), Need::Optional, 0, Rules::MaxRetries,
                               QStringLiteral("a non-negative integer")))
            e.retries = int(*v);
        if (auto v = f.number(QStringLiteral("backoff_ms"), Need::Optional, Rules::NonNegative))
            e.backoff_ms = *v;
        if (auto v = f.object(QStringLiteral("circuit_breaker"), Need::Optional)) {
            e.circuit_breaker.emplace();
            readCircuitBreaker(*v, f.at(QStringLiteral("circuit_breaker")), *e.circuit_breaker);
        }
        if (auto v =
                f.integer(QStringLiteral("bulkhead"), Need::Optional, 1, Rules::MaxJsonInteger, positive))
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
        if (auto v = f.integer(QStringLiteral("consumers"), Need::Optional, 1, Rules::MaxCount, positive))
            e.consumers = int(*v);
        if (auto v = f.choice(QStringLiteral("assignor"), Need::Optional, ScenarioKeys::assignors()))
            e.assignor = *v;
        if (auto v = f.boolean(QStringLiteral("enable_auto_commit"), Need::Optional))
            e.enable_auto_commit = *v;
        if (auto v = f.number(QStringLiteral("auto_commit_interval_ms"), Need::Optional, Rules::Positive))
            e.auto_commit_interval_ms = *v;
        if (auto v = f.number(QStringLiteral("session_timeout_ms"), Need::Optional, Rules::Positive))
            e.session_timeout_ms = *v;
        if (auto v =
                f.choice(QStringLiteral("auto_offset_reset"), Need::Optional, ScenarioKeys::offsetResets()))
            e.auto_offset_reset = *v;
        break;
    }
    e.extra = f.leftovers(QStringLiteral("edge"), ScenarioKeys::name(e.kind, ScenarioKeys::edgeKinds()),
                          QStringLiteral("edges"));

    const NodeSpec *source =
        from ? m_state.references.reference(e.from, f.at(QStringLiteral("from"))) : nullptr;
    const NodeSpec *target = to ? m_state.references.reference(e.to, f.at(QStringLiteral("to"))) : nullptr;
    if (source && target)
        m_state.rules.edgeEnds(e, *source, *target, path);
    if (source && e.trigger == u"low_stock")
        m_state.rules.lowStockTrigger(e, *source, f.at(QStringLiteral("trigger")));
}

void ScenarioEdgeReader::readCircuitBreaker(const QJsonObject &object, const QString &path,
                                            CircuitBreakerSpec &cb)
{
    ScenarioFieldReader f(m_state.issues, object, path);
    const QString positive = QStringLiteral("a positive integer");
    if (auto v = f.integer(QStringLiteral("failure_threshold"), Need::Optional, 1, Rules::MaxCount, positive))
        cb.failure_threshold = int(*v);
    if (auto v = f.number(QStringLiteral("open_ms"), Need::Optional, Rules::Positive))
        cb.open_ms = *v;
    if (auto v = f.integer(QStringLiteral("half_open_probes"), Need::Optional, 1, Rules::MaxCount, positive))
        cb.half_open_probes = int(*v);
    cb.extra = f.leftovers(QStringLiteral("circuit_breaker"), QString(), QString());
}

} // namespace postoffice::app
