#include "GraphScene.h"

#include "EdgeItem.h"
#include "ExternalClientItem.h"
#include "NodeBadgesItem.h"
#include "NodeItem.h"
#include "ScenarioDocument.h"
#include "Theme.h"
#include "TopicNodeItem.h"

#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>

namespace postoffice::ui {

GraphScene::GraphScene(ScenarioDocument *document, const QString &architecture, QObject *parent)
    : QGraphicsScene(parent), m_document(document), m_architecture(architecture)
{
    // Items move every frame during a run: a BSP index would be rebuilt constantly (elasticnodes).
    setItemIndexMethod(NoIndex);
    connect(document, &ScenarioDocument::nodeAdded, this, &GraphScene::addNodeItem);
    connect(document, &ScenarioDocument::nodeRemoved, this, &GraphScene::removeNodeItem);
    connect(document, &ScenarioDocument::nodeChanged, this, &GraphScene::updateNodeItem);
    connect(document, &ScenarioDocument::edgeAdded, this, &GraphScene::addEdgeItem);
    connect(document, &ScenarioDocument::edgeRemoved, this, &GraphScene::removeEdgeItem);
    connect(document, &ScenarioDocument::edgeChanged, this, &GraphScene::updateEdgeItem);
    rebuild();
}

GraphScene::~GraphScene()
{
    // Edges unregister from their nodes when deleted: delete them before the nodes.
    for (EdgeItem *e : m_edges)
        delete e;
    m_edges.clear();
}

void GraphScene::rebuild()
{
    for (EdgeItem *e : m_edges)
        delete e;
    m_edges.clear();
    qDeleteAll(m_nodes);
    m_nodes.clear();
    for (const app::NodeSpec &n : m_document->scenario().nodes)
        addNodeItem(n.id);
    if (const app::ArchitectureSpec *a = m_document->architecture(m_architecture)) {
        for (int i = 0; i < static_cast<int>(a->edges.size()); ++i)
            addEdgeItem(m_architecture, i);
    }
    updateSceneRect();
}

NodeItem *GraphScene::nodeItem(const QString &id) const
{
    return m_nodes.value(id);
}

TopicNodeItem *GraphScene::topicItem(const QString &id) const
{
    NodeItem *n = m_nodes.value(id);
    return n && n->type() == TopicNodeItem::Type ? static_cast<TopicNodeItem *>(n) : nullptr;
}

EdgeItem *GraphScene::edgeItem(int index) const
{
    return index >= 0 && index < static_cast<int>(m_edges.size()) ? m_edges[static_cast<std::size_t>(index)]
                                                                  : nullptr;
}

QList<NodeItem *> GraphScene::nodeItems() const
{
    return m_nodes.values();
}

void GraphScene::clearLiveState()
{
    for (NodeItem *n : std::as_const(m_nodes)) {
        n->clearLiveState();
        if (n->type() == TopicNodeItem::Type)
            static_cast<TopicNodeItem *>(n)->clearPartitions();
    }
    for (EdgeItem *e : m_edges)
        e->setFlowRate(0.0);
    m_watching = false;
    updateVisibility();
}

void GraphScene::noteTraffic()
{
    if (m_watching)
        return;
    m_watching = true;
    updateVisibility();
}

bool GraphScene::usesNode(const QString &id) const
{
    const NodeItem *n = m_nodes.value(id);
    if (!n)
        return false;
    if (!n->edges().isEmpty())
        return true;
    if (n->kind() != app::NodeKind::Broker)
        return false;
    // Brokers have no edges: they serve every architecture that has a topic in use.
    return std::any_of(m_nodes.cbegin(), m_nodes.cend(), [](const NodeItem *t) {
        return t->kind() == app::NodeKind::Topic && !t->edges().isEmpty();
    });
}

bool GraphScene::usedByAnyArchitecture(const NodeItem *node) const
{
    const app::Scenario &s = m_document->scenario();
    const bool anyTopicEdge = node->kind() == app::NodeKind::Broker;
    for (const app::ArchitectureSpec &arch : s.architectures) {
        for (const app::EdgeSpec &e : arch.edges) {
            if (e.from == node->nodeId() || e.to == node->nodeId())
                return true;
            if (anyTopicEdge && e.kind != app::EdgeKind::Call)
                return true;
        }
    }
    return false;
}

QStringList GraphScene::selectedNodeIds() const
{
    QStringList ids;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == NodeItem::Type || item->type() == TopicNodeItem::Type)
            ids << static_cast<NodeItem *>(item)->nodeId();
    }
    ids.sort();
    return ids;
}

QList<int> GraphScene::selectedEdgeIndices() const
{
    QList<int> indices;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == EdgeItem::Type)
            indices << static_cast<EdgeItem *>(item)->index();
    }
    std::sort(indices.begin(), indices.end());
    return indices;
}

QRectF GraphScene::contentRect(qreal levelOfDetail) const
{
    // Only what this architecture shows in a run: fitting frames its own graph as large as it
    // can be (a node used only elsewhere may then sit outside the view at 0:00).
    QRectF r;
    for (const NodeItem *n : std::as_const(m_nodes)) {
        if (!usesNode(n->nodeId()) && usedByAnyArchitecture(n))
            continue;
        // Room for the badges whether or not they show yet: the fit must not change (or clip
        // them) when a run starts.
        const qreal overhang = 0.75 * NodeBadgesItem::pillHeight(NodeItem::textScale(levelOfDetail));
        r |= n->sceneBoundingRect().adjusted(0, -overhang, 0, overhang);
        for (const QRectF &pill : n->badges()->pillRects(NodeItem::textScale(levelOfDetail)))
            r |= n->mapRectToScene(pill);
    }
    // Real Kafka clients shown beside the scenario (ExternalClientsOverlay) are framed too.
    for (const QGraphicsItem *item : items())
        if (item->type() == ExternalClientItem::Type && item->isVisible())
            r |= item->sceneBoundingRect();
    if (r.isNull())
        r = QRectF(-200, -150, 400, 300);
    return r.adjusted(-12, -12, 12, 12);
}

void GraphScene::updateSceneRect()
{
    // Generous room around all nodes so that nodes can be dragged outward and the view can pan.
    QRectF c;
    for (const NodeItem *n : std::as_const(m_nodes))
        c |= n->sceneBoundingRect();
    if (c.isNull())
        c = QRectF(-200, -150, 400, 300);
    setSceneRect(c.adjusted(-c.width() - 400, -c.height() - 400, c.width() + 400, c.height() + 400));
}

void GraphScene::addNodeItem(const QString &id)
{
    const app::NodeSpec *spec = m_document->node(id);
    if (!spec || m_nodes.contains(id))
        return;
    NodeItem *item = spec->kind == app::NodeKind::Topic ? new TopicNodeItem(*spec) : new NodeItem(*spec);
    addItem(item);
    m_nodes.insert(id, item);
    updateVisibility();
    updateSceneRect();
}

void GraphScene::removeNodeItem(const QString &id)
{
    NodeItem *item = m_nodes.take(id);
    if (!item)
        return;
    // The document removes a node's edges first; any left over (not expected) go with it.
    for (EdgeItem *e : QList<EdgeItem *>(item->edges())) {
        m_edges.erase(std::remove(m_edges.begin(), m_edges.end(), e), m_edges.end());
        delete e;
    }
    if (item == m_connectFrom)
        m_connectFrom = nullptr;
    delete item;
    renumberEdges();
    updateVisibility();
}

void GraphScene::updateNodeItem(const QString &id)
{
    NodeItem *item = m_nodes.value(id);
    const app::NodeSpec *spec = m_document->node(id);
    if (!item || !spec)
        return;
    item->setSpec(*spec);
    updateSceneRect();
}

void GraphScene::addEdgeItem(const QString &architecture, int index)
{
    if (architecture != m_architecture)
        return;
    const app::EdgeSpec *spec = m_document->edge(architecture, index);
    NodeItem *from = spec ? m_nodes.value(spec->from) : nullptr;
    NodeItem *to = spec ? m_nodes.value(spec->to) : nullptr;
    if (!from || !to)
        return; // the loader guarantees both ends exist; never draw half an edge
    auto *item = new EdgeItem(from, to, *spec);
    addItem(item);
    m_edges.insert(m_edges.begin() + std::min<std::size_t>(static_cast<std::size_t>(index), m_edges.size()),
                   item);
    renumberEdges();
    updateVisibility();
}

void GraphScene::removeEdgeItem(const QString &architecture, int index)
{
    if (architecture != m_architecture || index < 0 || index >= static_cast<int>(m_edges.size()))
        return;
    EdgeItem *item = m_edges[static_cast<std::size_t>(index)];
    m_edges.erase(m_edges.begin() + index);
    delete item;
    renumberEdges();
    updateVisibility();
}

void GraphScene::updateEdgeItem(const QString &architecture, int index)
{
    if (architecture != m_architecture)
        return;
    if (EdgeItem *item = edgeItem(index))
        item->setSpec(*m_document->edge(architecture, index));
}

void GraphScene::renumberEdges()
{
    for (std::size_t i = 0; i < m_edges.size(); ++i)
        m_edges[i]->setIndex(static_cast<int>(i));
}

void GraphScene::updateVisibility()
{
    // See usesNode() in the header for the rule.
    for (NodeItem *n : std::as_const(m_nodes)) {
        if (n->type() == TopicNodeItem::Type)
            static_cast<TopicNodeItem *>(n)->setExpectedGroups();
        const bool here = usesNode(n->nodeId());
        const bool elsewhere = !here && usedByAnyArchitecture(n);
        n->setVisible(!(elsewhere && m_watching));
        // At 0:00 a topic or broker of another architecture is faded, under the edges that pass
        // over it: the tight canvas reads as "no Kafka here" while it can still be connected.
        const bool fade =
            elsewhere && (n->kind() == app::NodeKind::Topic || n->kind() == app::NodeKind::Broker);
        n->setOpacity(fade ? 0.3 : 1.0);
        n->setZValue(fade ? -1.0 : 1.0);
    }
}

NodeItem *GraphScene::nodeItemAt(QPointF scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (item->type() == NodeItem::Type || item->type() == TopicNodeItem::Type)
            return static_cast<NodeItem *>(item);
    }
    return nullptr;
}

void GraphScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        NodeItem *node = nodeItemAt(event->scenePos());
        if (node && node->kind() != app::NodeKind::Broker && node->portContains(event->scenePos())) {
            m_connectFrom = node;
            m_rubberEdge =
                new QGraphicsLineItem(QLineF(node->mapToScene(node->portRect().center()), event->scenePos()));
            m_rubberEdge->setPen(QPen(Theme::selection(), 2.5, Qt::DashLine, Qt::RoundCap));
            m_rubberEdge->setZValue(10);
            addItem(m_rubberEdge);
            event->accept();
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
}

void GraphScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_rubberEdge) {
        QLineF line = m_rubberEdge->line();
        line.setP2(event->scenePos());
        m_rubberEdge->setLine(line);
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void GraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_rubberEdge) {
        delete m_rubberEdge;
        m_rubberEdge = nullptr;
        NodeItem *from = m_connectFrom;
        m_connectFrom = nullptr;
        NodeItem *to = nodeItemAt(event->scenePos());
        event->accept();
        if (!from || !to || to == from)
            return;
        const QString refused =
            m_document->connectNodes(m_architecture, from->nodeId(), to->nodeId(), m_connectKind);
        if (refused.isEmpty())
            emit statusMessage(tr("Connected %1 → %2").arg(from->nodeId(), to->nodeId()));
        else
            emit statusMessage(tr("Refused: %1").arg(refused));
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    // A drag moved the selected items freely; record the result as one undoable move.
    std::map<QString, QPointF> moved;
    for (NodeItem *n : std::as_const(m_nodes)) {
        const app::NodeSpec *spec = m_document->node(n->nodeId());
        if (spec && spec->pos != n->pos())
            moved[n->nodeId()] = n->pos();
    }
    if (!moved.empty())
        m_document->moveNodes(moved);
}

void GraphScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (NodeItem *node = nodeItemAt(event->scenePos())) {
        emit nodeActivated(node->nodeId());
        event->accept();
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

} // namespace postoffice::ui
