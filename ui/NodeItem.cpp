#include "NodeItem.h"

#include "EdgeItem.h"
#include "Theme.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace postoffice::ui {

namespace {

constexpr qreal radius = 10.0;
constexpr qreal portRadius = 7.0;
constexpr qreal badgeHeight = 22.0;

QString compactNumber(quint64 n)
{
    if (n >= 10'000'000)
        return QStringLiteral("%1M").arg(n / 1'000'000);
    if (n >= 10'000)
        return QStringLiteral("%1k").arg(n / 1000);
    return QString::number(n);
}

} // namespace

NodeItem::NodeItem(const app::NodeSpec &node) : m_node(node)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    // Cards move but never scale between frames: cache them in device pixels (elasticnodes).
    setCacheMode(DeviceCoordinateCache);
    setZValue(1.0);
    setPos(node.pos);
    relayout();
}

void NodeItem::setSpec(const app::NodeSpec &node)
{
    m_node = node;
    if (pos() != node.pos)
        setPos(node.pos);
    relayout();
}

void NodeItem::relayout()
{
    prepareGeometryChange();
    const qreal h = bodyHeight();
    m_card = QRectF(-cardWidth / 2, -h / 2, cardWidth, h);
    for (EdgeItem *e : std::as_const(m_edges))
        e->adjust();
    update();
}

void NodeItem::setLiveState(app::NodeHealth health, int queueLength, int busyWorkers, int workers,
                            quint64 failures)
{
    app::NodeState s;
    s.health = health;
    s.queue_len = queueLength;
    s.busy = busyWorkers;
    s.workers = workers;
    s.failures = failures;
    setLiveState(s);
}

void NodeItem::setLiveState(const app::NodeState &state)
{
    if (m_live && m_live->health == state.health && m_live->queue_len == state.queue_len &&
        m_live->busy == state.busy && m_live->workers == state.workers && m_live->failures == state.failures)
        return; // unchanged: keep the cached pixmap
    m_live = state;
    update();
}

void NodeItem::clearLiveState()
{
    m_live.reset();
    update();
}

QRectF NodeItem::portRect() const
{
    return QRectF(m_card.right() - portRadius, -portRadius, 2 * portRadius, 2 * portRadius);
}

bool NodeItem::portContains(QPointF scenePos) const
{
    // A little slack around the handle: it is a small target for a mouse on a projector.
    return portRect().adjusted(-4, -4, 4, 4).contains(mapFromScene(scenePos));
}

void NodeItem::addEdge(EdgeItem *edge)
{
    m_edges.append(edge);
}

void NodeItem::removeEdge(EdgeItem *edge)
{
    m_edges.removeAll(edge);
}

QRectF NodeItem::boundingRect() const
{
    // Badges hang above the card's top edge; the port sticks out on the right.
    return m_card.adjusted(-3, -badgeHeight / 2 - 3, portRadius + 3, 3);
}

QPainterPath NodeItem::shape() const
{
    QPainterPath p;
    p.setFillRule(Qt::WindingFill); // the port overlaps the card: both must count as inside
    p.addRoundedRect(m_card, radius, radius);
    p.addEllipse(portRect());
    return p;
}

QString NodeItem::subtitle() const
{
    const auto ms = [](double v) { return QStringLiteral("%1 ms").arg(v, 0, 'g', 4); };
    switch (m_node.kind) {
    case app::NodeKind::Producer: {
        static const char *patterns[] = {"constant", "poisson", "ramp", "spike", "daily"};
        return QStringLiteral("%1 · %2/s")
            .arg(QLatin1String(patterns[static_cast<int>(m_node.traffic.pattern)]))
            .arg(m_node.traffic.rate_per_s, 0, 'g', 4);
    }
    case app::NodeKind::Service:
        return QStringLiteral("%1 worker%2 · %3")
            .arg(m_node.workers)
            .arg(m_node.workers == 1 ? "" : "s", ms(m_node.service_time.mean_ms));
    case app::NodeKind::Stream: {
        static const char *ops[] = {"filter", "map", "aggregate"};
        return QStringLiteral("%1 · %2 ms")
            .arg(QLatin1String(ops[static_cast<int>(m_node.operation)]))
            .arg(m_node.service_time.mean_ms, 0, 'g', 4);
    }
    case app::NodeKind::Topic:
        return QStringLiteral("%1 partition%2 · rf %3")
            .arg(m_node.partitions)
            .arg(m_node.partitions == 1 ? "" : "s")
            .arg(m_node.replication_factor);
    case app::NodeKind::Broker:
        return QStringLiteral("broker %1").arg(m_node.broker_id);
    }
    return {};
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor kindColor = Theme::nodeKindColor(m_node.kind);
    const bool down = m_live && m_live->health == app::NodeHealth::Down;

    // Card: the fill tints with health so that a red node is visible even when tiny on screen.
    QColor fill = Theme::cardFill();
    if (m_live && m_live->health != app::NodeHealth::Ok) {
        const QColor h = Theme::healthColor(m_live->health);
        const qreal a = down ? 0.30 : 0.16;
        fill =
            QColor::fromRgbF(fill.redF() * (1 - a) + h.redF() * a, fill.greenF() * (1 - a) + h.greenF() * a,
                             fill.blueF() * (1 - a) + h.blueF() * a);
    }
    QPen border(Theme::cardBorder(), 1.5);
    if (m_live)
        border = QPen(Theme::healthColor(m_live->health), m_live->health == app::NodeHealth::Ok ? 2.5 : 4.0,
                      Theme::healthBorderStyle(m_live->health), Qt::RoundCap);
    if (isSelected())
        border = QPen(Theme::selection(), 3.5);
    painter->setPen(border);
    painter->setBrush(fill);
    painter->drawRoundedRect(m_card, radius, radius);
    if (m_live && Theme::healthFillPattern(m_live->health) != Qt::NoBrush) {
        QColor hatch = Theme::healthColor(m_live->health);
        hatch.setAlphaF(0.35);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QBrush(hatch, Theme::healthFillPattern(m_live->health)));
        painter->drawRoundedRect(m_card, radius, radius);
    }

    // Kind disc with its letter.
    // Title block starts below the badges that hang over the top edge (badgeHeight / 2).
    const qreal titleTop = m_card.top() + badgeHeight / 2 + 2;
    const QRectF disc(m_card.left() + 8, titleTop + 2, 26, 26);
    painter->setPen(Qt::NoPen);
    painter->setBrush(kindColor);
    painter->drawEllipse(disc);
    QFont letterFont = painter->font();
    letterFont.setPointSizeF(13);
    letterFont.setBold(true);
    painter->setFont(letterFont);
    painter->setPen(Qt::white);
    painter->drawText(disc, Qt::AlignCenter, QString(Theme::nodeKindLetter(m_node.kind)));

    // Name (≥ 11 pt at 100 % zoom) and one line of settings.
    const qreal textLeft = disc.right() + 7;
    const qreal textWidth = m_card.right() - textLeft - 8;
    QFont nameFont = painter->font();
    nameFont.setPointSizeF(11);
    nameFont.setBold(true);
    painter->setFont(nameFont);
    painter->setPen(Theme::text());
    const QString name = m_node.label.isEmpty() ? m_node.id : m_node.label;
    const QFontMetricsF nameMetrics(nameFont);
    painter->drawText(QRectF(textLeft, titleTop, textWidth, nameMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(name, Qt::ElideRight, textWidth));

    QFont smallFont = painter->font();
    smallFont.setPointSizeF(9);
    smallFont.setBold(down);
    painter->setFont(smallFont);
    const QFontMetricsF smallMetrics(smallFont);
    QString second = subtitle();
    if (m_live && m_live->health != app::NodeHealth::Ok) {
        painter->setPen(Theme::healthColor(m_live->health));
        second = Theme::healthName(m_live->health).toUpper();
    } else {
        painter->setPen(Theme::mutedText());
    }
    painter->drawText(QRectF(textLeft, titleTop + 1 + nameMetrics.height(), textWidth, smallMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      smallMetrics.elidedText(second, Qt::ElideRight, textWidth));

    paintBody(painter, m_card);

    // Connection port.
    if (m_node.kind != app::NodeKind::Broker) {
        const QRectF port = portRect();
        painter->setPen(QPen(Theme::cardFill(), 2));
        painter->setBrush(m_hovered ? Theme::selection() : kindColor);
        painter->drawEllipse(m_hovered ? port : port.adjusted(1.5, 1.5, -1.5, -1.5));
    }

    if (m_live)
        paintBadges(painter);
}

void NodeItem::paintBody(QPainter *, const QRectF &) {}

void NodeItem::paintBadges(QPainter *painter) const
{
    // Pills along the top edge, right-aligned: failures (red), busy/workers, queue.
    struct Badge
    {
        QString text;
        QColor color;
    };
    QList<Badge> badges;
    if (m_node.kind == app::NodeKind::Service || m_node.kind == app::NodeKind::Stream) {
        if (m_live->queue_len > 0)
            badges.append({QStringLiteral("Q %1").arg(compactNumber(static_cast<quint64>(m_live->queue_len))),
                           QColor(0x0072B2)});
        if (m_live->workers > 0)
            badges.append({QStringLiteral("%1/%2").arg(m_live->busy).arg(m_live->workers), QColor(0x4a5568)});
    }
    if (m_live->failures > 0)
        badges.append({QStringLiteral("✕ %1").arg(compactNumber(m_live->failures)), QColor(0xd62828)});

    QFont font = painter->font();
    font.setPointSizeF(10);
    font.setBold(true);
    painter->setFont(font);
    const QFontMetricsF fm(font);
    qreal right = m_card.right() - 10;
    for (auto it = badges.crbegin(); it != badges.crend(); ++it) {
        const qreal w = fm.horizontalAdvance(it->text) + 14;
        const QRectF pill(right - w, m_card.top() - badgeHeight / 2, w, badgeHeight);
        painter->setPen(QPen(Theme::cardFill(), 1.5));
        painter->setBrush(it->color);
        painter->drawRoundedRect(pill, badgeHeight / 2, badgeHeight / 2);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, it->text);
        right = pill.left() - 4;
    }
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        for (EdgeItem *e : std::as_const(m_edges))
            e->adjust();
    }
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace postoffice::ui
