#include "ScenarioFaultReader.h"

#include "JsonPath.h"
#include "ScenarioFieldReader.h"
#include "ScenarioKeys.h"
#include "ScenarioReaderIssues.h"
#include "ScenarioReaderState.h"
#include "ScenarioReaderText.h"

namespace postoffice::app {

using Need = ScenarioFieldReader::Need;
using Rules = ScenarioReaderRules;

void ScenarioFaultReader::read(const QJsonArray &faults, const QString &path)
{
    for (qsizetype i = 0; i < faults.size(); ++i) {
        FaultSpec fault;
        readFault(faults.at(i), JsonPath::element(path, i), fault);
        m_state.scenario.faults.push_back(std::move(fault));
    }
}

void ScenarioFaultReader::readFault(const QJsonValue &value, const QString &path, FaultSpec &fault)
{
    const auto object =
        ScenarioFieldReader::objectAt(m_state.issues, value, path, QStringLiteral("a fault object"));
    if (!object)
        return;
    ScenarioFieldReader f(m_state.issues, *object, path);
    const auto kind =
        f.enumeration<FaultKind>(QStringLiteral("kind"), Need::Required, ScenarioKeys::faultKinds());
    const auto target = f.string(QStringLiteral("target"), Need::Required);
    if (target)
        fault.target = *target;
    if (auto v = f.number(QStringLiteral("at_s"), Need::Required, Rules::NonNegative)) {
        fault.at_s = *v;
        m_state.references.withinRun(*v, f.at(QStringLiteral("at_s")), false);
    }
    if (auto v = f.number(QStringLiteral("duration_s"), Need::Required, Rules::Positive))
        fault.duration_s = *v;
    if (auto v = f.string(QStringLiteral("architecture"), Need::Optional)) {
        fault.architecture = *v;
        m_state.references.architecture(*v, f.at(QStringLiteral("architecture")));
    }
    if (!kind)
        return;
    fault.kind = *kind;
    switch (fault.kind) {
    case FaultKind::Down:
    case FaultKind::BrokerDown:
        break;
    case FaultKind::Slow: {
        auto factor = f.number(QStringLiteral("factor"), Need::Optional, Rules::AtLeastOne);
        auto add = f.number(QStringLiteral("add_ms"), Need::Optional, Rules::NonNegative);
        if (factor)
            fault.factor = *factor;
        if (add)
            fault.add_ms = *add;
        if (!f.has(QStringLiteral("factor")) && !f.has(QStringLiteral("add_ms")))
            m_state.issues.error(path,
                                 QStringLiteral("a slow fault needs \"factor\" (service time x factor) or "
                                                "\"add_ms\" (+ milliseconds per request)"));
        break;
    }
    case FaultKind::ErrorRate:
        if (auto v = f.number(QStringLiteral("rate"), Need::Required, Rules::Probability))
            fault.rate = *v;
        break;
    case FaultKind::ConsumerCrash:
        if (auto v = f.integer(QStringLiteral("consumers"), Need::Optional, 1, Rules::MaxCount,
                               QStringLiteral("a positive integer")))
            fault.consumers = int(*v);
        break;
    case FaultKind::NetworkCut:
        if (auto v = f.string(QStringLiteral("peer"), Need::Required)) {
            fault.peer = *v;
            m_state.references.reference(*v, f.at(QStringLiteral("peer")));
            if (target && *v == *target)
                m_state.issues.error(f.at(QStringLiteral("peer")),
                                     QStringLiteral("expected a node other than the "
                                                    "target, got ") +
                                         ScenarioReaderText::quoted(*v));
        }
        break;
    case FaultKind::Spike:
        if (auto v = f.number(QStringLiteral("factor"), Need::Required, Rules::Positive))
            fault.factor = *v;
        break;
    }
    fault.extra =
        f.leftovers(QStringLiteral("fault"), ScenarioKeys::name(fault.kind, ScenarioKeys::faultKinds()),
                    QStringLiteral("faults"));
    if (target) {
        const QString at = f.at(QStringLiteral("target"));
        if (const NodeSpec *node = m_state.references.reference(fault.target, at))
            m_state.rules.faultTarget(fault, *node, at);
    }
}

} // namespace postoffice::app
