#pragma once

// An edge of one architecture on its canvas: a line from card border to card border with an
// arrowhead, styled by kind so it reads on a projector even in greyscale: call solid,
// publish dashed, subscribe dotted (and each its own colour). During a run the line thickens
// with the flow rate (DESIGN §9: when there are too many messages to draw one by one), and
// animators move messages along path() using pointAt().

#include "Scenario.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace postoffice::ui {

class NodeItem;

class EdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };

    EdgeItem(NodeItem *source, NodeItem *target, const app::EdgeSpec &edge);
    ~EdgeItem() override;
    int type() const override { return Type; }

    NodeItem *source() const { return m_source; }
    NodeItem *target() const { return m_target; }
    const app::EdgeSpec &spec() const { return m_edge; }
    void setSpec(const app::EdgeSpec &edge);
    app::EdgeKind kind() const { return m_edge.kind; }

    // Where the edge is in its architecture's edge list (kept current by GraphScene).
    int index() const { return m_index; }
    void setIndex(int index) { m_index = index; }

    // The route in scene coordinates, from the source card's border to the tip of the arrow.
    QPainterPath path() const { return m_path; }
    // A point along the route; fraction 0 = source border, 1 = target border.
    QPointF pointAt(qreal fraction) const;
    // Messages per second flowing now; 0 draws the plain edge.
    void setFlowRate(double perSecond);
    double flowRate() const { return m_flowRate; }
    qreal penWidth() const;

    // Recomputes the route after a node moved or resized.
    void adjust();

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    NodeItem *m_source;
    NodeItem *m_target;
    app::EdgeSpec m_edge;
    int m_index = -1;
    QPainterPath m_path;
    QPointF m_from;
    QPointF m_to;
    double m_flowRate = 0.0;
};

} // namespace postoffice::ui
