#pragma once

// A node of the scenario on a canvas: a rounded card with a kind letter, the node's name, a line
// of key settings and, while a run is shown, its health as the card's border colour and badges
// for queue length, busy workers and failures — sized to be read from the back of a room.
//
// The item owns no data (QtNodes' rule): it mirrors the NodeSpec it is given and is told about
// changes by its GraphScene. Its position is the node's "pos" in the scenario (the card's
// centre).

#include "LiveState.h"
#include "Scenario.h"

#include <QGraphicsItem>

#include <optional>

namespace postoffice::ui {

class EdgeItem;

class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    explicit NodeItem(const app::NodeSpec &node);
    int type() const override { return Type; }

    QString nodeId() const { return m_node.id; }
    app::NodeKind kind() const { return m_node.kind; }
    const app::NodeSpec &spec() const { return m_node; }
    virtual void setSpec(const app::NodeSpec &node);

    // ---- Live run (called by the simulation view, any number of times per frame) ----
    void setLiveState(app::NodeHealth health, int queueLength, int busyWorkers, int workers,
                      quint64 failures);
    void setLiveState(const app::NodeState &state);
    void clearLiveState();
    std::optional<app::NodeState> liveState() const { return m_live; }

    // The connection handle on the card's right edge, in item coordinates.
    QRectF portRect() const;
    bool portContains(QPointF scenePos) const;
    // The card (without badges), in item coordinates; edges end on its border.
    QRectF cardRect() const { return m_card; }

    void addEdge(EdgeItem *edge);
    void removeEdge(EdgeItem *edge);
    const QList<EdgeItem *> &edges() const { return m_edges; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static constexpr qreal cardWidth = 168.0;
    static constexpr qreal cardHeight = 64.0;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;
    // Card height; topics grow with their partitions.
    virtual qreal bodyHeight() const { return cardHeight; }
    // Draws below the title lines, inside the card; topics draw their partition logs here.
    virtual void paintBody(QPainter *painter, const QRectF &card);
    void relayout();
    QString subtitle() const;

    app::NodeSpec m_node;

private:
    void paintBadges(QPainter *painter) const;

    QRectF m_card;
    QList<EdgeItem *> m_edges;
    std::optional<app::NodeState> m_live;
    bool m_hovered = false;
};

} // namespace postoffice::ui
