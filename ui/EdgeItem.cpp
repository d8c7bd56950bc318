#include "EdgeItem.h"

#include "NodeItem.h"
#include "Theme.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QtMath>

namespace postoffice::ui {

namespace {

constexpr qreal arrowLength = 14.0;
constexpr qreal basePenWidth = 2.5;

// Where the segment from the card centre towards `towards` leaves the (slightly enlarged) card.
QPointF borderPoint(const NodeItem *node, QPointF towards)
{
    const QRectF card = node->cardRect().adjusted(-3, -3, 3, 3).translated(node->pos());
    const QPointF c = card.center();
    const QPointF d = towards - c;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return c;
    const qreal tx = qFuzzyIsNull(d.x()) ? 1e9 : (card.width() / 2) / qAbs(d.x());
    const qreal ty = qFuzzyIsNull(d.y()) ? 1e9 : (card.height() / 2) / qAbs(d.y());
    return c + d * std::min({tx, ty, 1.0});
}

} // namespace

EdgeItem::EdgeItem(NodeItem *source, NodeItem *target, const app::EdgeSpec &edge)
    : m_source(source), m_target(target), m_edge(edge)
{
    setFlags(ItemIsSelectable);
    setZValue(0.0);
    // Edges stand still during a run and change only with their flow band: cache them like cards
    // (an antialiased dashed line with its arrowhead, per frame, was a tenth of a canvas frame).
    setCacheMode(DeviceCoordinateCache);
    m_source->addEdge(this);
    m_target->addEdge(this);
    adjust();
}

EdgeItem::~EdgeItem()
{
    m_source->removeEdge(this);
    m_target->removeEdge(this);
}

void EdgeItem::setSpec(const app::EdgeSpec &edge)
{
    m_edge = edge;
    update();
}

QPointF EdgeItem::pointAt(qreal fraction) const
{
    return m_path.pointAtPercent(std::clamp(fraction, 0.0, 1.0));
}

void EdgeItem::setFlowRate(double perSecond)
{
    const qreal before = penWidth();
    m_flowRate = std::max(0.0, perSecond);
    if (!qFuzzyCompare(before, penWidth())) {
        prepareGeometryChange();
        update();
    }
}

qreal EdgeItem::penWidth() const
{
    // Logarithmic: 1 msg/s and 1,000 msg/s must both be readable; capped so it stays a line.
    return basePenWidth + std::min(12.0, 2.0 * std::log2(1.0 + m_flowRate / 5.0));
}

void EdgeItem::adjust()
{
    prepareGeometryChange();
    const QPointF a = m_source->pos();
    const QPointF b = m_target->pos();
    m_from = borderPoint(m_source, b);
    m_to = borderPoint(m_target, a);
    m_path = QPainterPath(m_from);
    m_path.lineTo(m_to);
    update();
}

QRectF EdgeItem::boundingRect() const
{
    const qreal margin = arrowLength + penWidth();
    return QRectF(m_from, m_to).normalized().adjusted(-margin, -margin, margin, margin);
}

QPainterPath EdgeItem::shape() const
{
    // Wide enough to click on.
    QPainterPathStroker stroker;
    stroker.setWidth(std::max<qreal>(12.0, penWidth() + 6));
    return stroker.createStroke(m_path);
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QLineF line(m_from, m_to);
    if (line.length() < 1.0)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor color = isSelected() ? Theme::selection() : Theme::edgeColor(m_edge.kind);
    const qreal width = penWidth() + (isSelected() ? 1.5 : 0.0);

    QPen pen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    if (m_edge.kind == app::EdgeKind::Publish)
        pen.setDashPattern({4.0, 2.5});
    else if (m_edge.kind == app::EdgeKind::Subscribe)
        pen.setDashPattern({0.8, 2.2});
    // Stop the line where the arrowhead starts so that a thick line does not poke through it.
    const qreal head = arrowLength + width;
    QLineF shaft = line;
    shaft.setLength(std::max(0.0, line.length() - head * 0.8));
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawLine(shaft);

    const qreal angle = std::atan2(-line.dy(), line.dx());
    const qreal spread = M_PI / 7;
    const QPointF tip = m_to;
    const QPointF left = tip - QPointF(std::cos(angle - spread) * head, -std::sin(angle - spread) * head);
    const QPointF right = tip - QPointF(std::cos(angle + spread) * head, -std::sin(angle + spread) * head);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(QPolygonF({tip, left, right}));
}

} // namespace postoffice::ui
