#pragma once

// What the rest of a scenario file may refer to, and the checks of every reference to it: node
// ids (from edges and faults), the cluster's brokers (from topics and broker nodes), the run's
// duration (from every time) and architecture names (from faults).
//
// Each part is marked known only once it could be read as a whole: a check that depends on a
// part that was itself broken is skipped, so one mistake does not echo as dozens of follow-up
// messages ("unknown node" for every edge after a broken `nodes` array).

#include "Scenario.h"

#include <QString>
#include <QStringList>

#include <map>

namespace postoffice::app {

class ScenarioReaderIssues;

class ScenarioReferenceCheck
{
public:
    // `scenario` is the one being read; it grows while the readers walk the file.
    ScenarioReferenceCheck(ScenarioReaderIssues &issues, const Scenario &scenario)
        : m_issues(issues), m_scenario(scenario)
    {}

    void setBrokersKnown(bool known) { m_brokersKnown = known; }
    void setDurationKnown() { m_durationKnown = true; }
    void setNodesKnown() { m_nodesKnown = true; }
    void setArchitecturesKnown(bool known) { m_architecturesKnown = known; }
    bool architecturesKnown() const { return m_architecturesKnown; }

    // Records a node read at `path` as the next one of Scenario::nodes. Reports an id used twice
    // (then the node is to be dropped: returns false) and a broker id shown by two nodes.
    bool addNode(const NodeSpec &node, const QString &path, bool kindKnown);
    bool knows(const QString &id) const { return m_nodes.count(id) != 0; }
    const QStringList &nodeIds() const { return m_nodeIds; } // in file order
    QString nodePath(const QString &id) const;

    // A reference to a node: reported when unknown; returns the node when its kind is known.
    const NodeSpec *reference(const QString &id, const QString &path);
    // A moment of the run: reported unless before its end (or at it, when `endInclusive`).
    bool withinRun(double at_s, const QString &path, bool endInclusive);
    void architecture(const QString &name, const QString &path);
    // Numbers bounded by cluster.brokers.
    void replicationFactor(int factor, const QString &path);
    void brokerId(int id, const QString &path);

private:
    struct NodeInfo
    {
        QString path;
        size_t index = 0; // in Scenario::nodes
        bool kindKnown = false;
    };

    ScenarioReaderIssues &m_issues;
    const Scenario &m_scenario;
    std::map<QString, NodeInfo> m_nodes; // by id: where defined, whether its kind could be read
    QStringList m_nodeIds;               // in file order, for suggestions
    std::map<int, QString> m_brokerIds;  // broker_id → path of the node that shows it
    bool m_brokersKnown = true;          // the default cluster is known
    bool m_durationKnown = false;
    bool m_nodesKnown = false;
    bool m_architecturesKnown = false;
};

} // namespace postoffice::app
