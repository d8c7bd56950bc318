#pragma once

// The canvas of a watched cluster: brokers in a column on the left; then, from left to right, a
// producers' stand-in per topic (its ingress rate), the topics with their partitions as logs, and
// the consumer groups, joined topic → group where the group committed offsets or was assigned
// partitions (Kafka names no producers and no edges: the graph is inferred). Each observation
// updates the items in place; topics and groups that vanish leave, brokers that leave the
// metadata stay, marked down (a lost broker is news, not something to hide).

#include "ClusterObservation.h"

#include <QGraphicsScene>
#include <QMap>

class QGraphicsPathItem;
class QGraphicsSimpleTextItem;

namespace postoffice::ui {

class ClusterBrokerItem;
class ClusterGroupItem;
class ClusterIngressItem;
class ClusterTopicItem;

class ClusterScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit ClusterScene(QObject *parent = nullptr);

    void showObservation(const app::ClusterObservation &observation);
    // Takes the current palette's colours (Theme) after the theme changed: the background and
    // headings here, the cards (cached as pixmaps) repaint.
    void applyTheme();

    ClusterBrokerItem *brokerItem(int id) const { return m_brokers.value(id); }
    ClusterTopicItem *topicItem(const QString &topic) const { return m_topics.value(topic); }
    ClusterIngressItem *ingressItem(const QString &topic) const { return m_ingress.value(topic); }
    ClusterGroupItem *groupItem(const QString &group) const { return m_groups.value(group); }
    QList<ClusterBrokerItem *> brokerItems() const { return m_brokers.values(); }
    QList<ClusterTopicItem *> topicItems() const { return m_topics.values(); }
    QList<ClusterGroupItem *> groupItems() const { return m_groups.values(); }
    // The inferred topology: (topic, group) pairs joined by an edge.
    QList<QPair<QString, QString>> topicGroupEdges() const { return m_edgePairs; }
    // The stable colour index of a group (order of first appearance in this session).
    int groupColorIndex(const QString &group);

private:
    void layout();
    void rebuildEdges(const app::ClusterObservation &observation);
    QGraphicsSimpleTextItem *heading(const QString &text);

    QMap<int, ClusterBrokerItem *> m_brokers;
    QMap<QString, ClusterTopicItem *> m_topics;
    QMap<QString, ClusterIngressItem *> m_ingress;
    QMap<QString, ClusterGroupItem *> m_groups;
    QStringList m_groupOrder;
    QList<QGraphicsPathItem *> m_edges;
    QList<QPair<QString, QString>> m_edgePairs;
    QGraphicsSimpleTextItem *m_brokersHeading = nullptr;
    QGraphicsSimpleTextItem *m_producersHeading = nullptr;
    QGraphicsSimpleTextItem *m_topicsHeading = nullptr;
    QGraphicsSimpleTextItem *m_groupsHeading = nullptr;
};

} // namespace postoffice::ui
