#include "ScenarioReferenceCheck.h"

#include "JsonPath.h"
#include "ScenarioReaderIssues.h"
#include "ScenarioReaderText.h"

namespace postoffice::app {

using Text = ScenarioReaderText;

bool ScenarioReferenceCheck::addNode(const NodeSpec &node, const QString &path, bool kindKnown)
{
    if (auto first = m_nodes.find(node.id); first != m_nodes.end()) {
        m_issues.error(JsonPath::member(path, QStringLiteral("id")),
                       QStringLiteral("duplicate node id ") + Text::quoted(node.id) +
                           QStringLiteral(" (first defined at ") + first->second.path + u')');
        return false;
    }
    if (kindKnown && node.kind == NodeKind::Broker) {
        auto [it, inserted] = m_brokerIds.emplace(node.broker_id, path);
        if (!inserted)
            m_issues.error(JsonPath::member(path, QStringLiteral("broker_id")),
                           QStringLiteral("broker ") + QString::number(node.broker_id) +
                               QStringLiteral(" is already shown by ") + it->second);
    }
    m_nodes[node.id] = {path, m_scenario.nodes.size(), kindKnown};
    m_nodeIds << node.id;
    return true;
}

QString ScenarioReferenceCheck::nodePath(const QString &id) const
{
    auto it = m_nodes.find(id);
    return it == m_nodes.end() ? QString() : it->second.path;
}

const NodeSpec *ScenarioReferenceCheck::reference(const QString &id, const QString &path)
{
    if (!m_nodesKnown)
        return nullptr;
    auto it = m_nodes.find(id);
    if (it == m_nodes.end()) {
        m_issues.error(path,
                       QStringLiteral("unknown node ") + Text::quoted(id) + Text::suggestion(id, m_nodeIds));
        return nullptr;
    }
    return it->second.kindKnown ? &m_scenario.nodes[it->second.index] : nullptr;
}

bool ScenarioReferenceCheck::withinRun(double at_s, const QString &path, bool endInclusive)
{
    const double end = m_scenario.duration_s;
    if (!m_durationKnown || at_s < end || (endInclusive && at_s == end))
        return true;
    m_issues.error(path, QStringLiteral("expected a time within the run (duration_s = ") +
                             Text::formatNumber(end) + QStringLiteral("), got ") + Text::formatNumber(at_s));
    return false;
}

void ScenarioReferenceCheck::architecture(const QString &name, const QString &path)
{
    if (!m_architecturesKnown || m_scenario.architecture(name))
        return;
    QStringList names;
    for (const auto &a : m_scenario.architectures)
        names << a.name;
    m_issues.error(path, QStringLiteral("unknown architecture ") + Text::quoted(name) +
                             Text::suggestion(name, names));
}

void ScenarioReferenceCheck::replicationFactor(int factor, const QString &path)
{
    if (m_brokersKnown && factor > m_scenario.cluster.brokers)
        m_issues.error(path, QStringLiteral("expected at most cluster.brokers (") +
                                 QString::number(m_scenario.cluster.brokers) + QStringLiteral("), got ") +
                                 QString::number(factor));
}

void ScenarioReferenceCheck::brokerId(int id, const QString &path)
{
    if (m_brokersKnown && id >= m_scenario.cluster.brokers)
        m_issues.error(path, QStringLiteral("expected a broker of the cluster, 0 to ") +
                                 QString::number(m_scenario.cluster.brokers - 1) + QStringLiteral(", got ") +
                                 QString::number(id));
}

} // namespace postoffice::app
