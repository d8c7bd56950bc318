#pragma once

// The canvas of one architecture: one NodeItem per scenario node (nodes are shared by all
// architectures) and one EdgeItem per edge of this architecture. It mirrors the
// ScenarioDocument through its signals and turns mouse gestures into document edits:
// dragging from a node's port to another node connects them, releasing a moved selection is
// one undoable move. Refused edits are reported through statusMessage(), never silently.

#include "Scenario.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>

#include <map>
#include <optional>
#include <vector>

class QGraphicsLineItem;

namespace postoffice::ui {

class EdgeItem;
class NodeItem;
class ScenarioDocument;
class TopicNodeItem;

class GraphScene : public QGraphicsScene
{
    Q_OBJECT
public:
    GraphScene(ScenarioDocument *document, const QString &architecture, QObject *parent = nullptr);
    ~GraphScene() override;

    ScenarioDocument *document() const { return m_document; }
    QString architecture() const { return m_architecture; }

    // Item lookup for the live view: null if there is no such node / edge.
    NodeItem *nodeItem(const QString &id) const;
    TopicNodeItem *topicItem(const QString &id) const;
    EdgeItem *edgeItem(int index) const;
    const std::vector<EdgeItem *> &edgeItems() const { return m_edges; }
    QList<NodeItem *> nodeItems() const;
    // Clears every node's live state, topic partitions and edge flow (back to the editing look).
    void clearLiveState();

    QStringList selectedNodeIds() const;
    QList<int> selectedEdgeIndices() const;

    // Kind of the edges made by dragging; nothing = follow the node kinds (EdgeRules::inferKind).
    void setConnectKind(std::optional<app::EdgeKind> kind) { m_connectKind = kind; }
    std::optional<app::EdgeKind> connectKind() const { return m_connectKind; }

    // Bounding box (with badges and a small margin) of the nodes this architecture shows in a
    // run — its own and those no architecture uses yet; views fit to it.
    // Badges grow when the view is small (NodeItem::textScale): levelOfDetail is the zoom they
    // are measured at.
    QRectF contentRect(qreal levelOfDetail = 1.0) const;

    // Which nodes the canvas draws. Nodes are scenario-level and an architecture uses a subset
    // (the tight shop has no topics). While a run is watched (traffic has been shown since the
    // last clearLiveState) a node used only by other architectures is hidden, so the tight canvas
    // does not show the orders topic under its call edges. Editing needs them: at 0:00 (every
    // edit restarts the run) they are shown (topics and brokers faded), so that a trainer can
    // connect them here; a node used by no architecture (e.g. just added from the palette) is
    // always shown. A run counts as watched once a node reports completed work or a topic holds
    // records (a state set by hand, as an editor test does, does not hide anything).
    bool usesNode(const QString &id) const;
    bool isWatchingRun() const { return m_watching; }
    // Called by the items when a live value shows traffic.
    void noteTraffic();

signals:
    void statusMessage(const QString &message);
    void nodeActivated(const QString &id); // double click: rename

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void rebuild();
    void addNodeItem(const QString &id);
    void removeNodeItem(const QString &id);
    void updateNodeItem(const QString &id);
    void addEdgeItem(const QString &architecture, int index);
    void removeEdgeItem(const QString &architecture, int index);
    void updateEdgeItem(const QString &architecture, int index);
    void renumberEdges();
    void updateVisibility();
    void updateSceneRect();
    bool usedByAnyArchitecture(const NodeItem *node) const;
    NodeItem *nodeItemAt(QPointF scenePos) const;

    ScenarioDocument *m_document;
    QString m_architecture;
    QHash<QString, NodeItem *> m_nodes;
    std::vector<EdgeItem *> m_edges;
    std::optional<app::EdgeKind> m_connectKind;
    NodeItem *m_connectFrom = nullptr;
    QGraphicsLineItem *m_rubberEdge = nullptr;
    bool m_watching = false;
};

} // namespace postoffice::ui
