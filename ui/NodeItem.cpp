#include "NodeItem.h"

#include "EdgeItem.h"
#include "GraphScene.h"
#include "NodeBadgesItem.h"
#include "Theme.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace postoffice::ui {

namespace {

constexpr qreal radius = 10.0;
constexpr qreal portRadius = 7.0;
constexpr qreal designSmallPx = 12.0;
constexpr qreal designLetterPx = 17.0;
// Pills overlap the card's top and bottom edges by this share of their height.
constexpr qreal pillOverlap = 0.25;
// Above this text scale the card is drawn in its far (projector) form.
constexpr qreal farScale = 1.15;
constexpr qreal stripeWidth = 8.0;

QString compactNumber(quint64 n)
{
    if (n >= 10'000'000)
        return QStringLiteral("%1M").arg(n / 1'000'000);
    if (n >= 10'000)
        return QStringLiteral("%1k").arg(n / 1000);
    return QString::number(n);
}

QFont pixelFont(qreal px, bool bold)
{
    QFont f;
    f.setPixelSize(std::max(1, qRound(px)));
    f.setBold(bold);
    return f;
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
    m_badges = new NodeBadgesItem(this);
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
    m_badges->setCardRect(m_card);
    for (EdgeItem *e : std::as_const(m_edges))
        e->adjust();
    invalidateCard();
}

void NodeItem::invalidateCard()
{
    ++m_cardInvalidations;
    update();
}

void NodeItem::setViewLevelOfDetail(qreal levelOfDetail)
{
    m_badges->setBoundsScale(textScale(levelOfDetail));
    // A new zoom re-renders the cached card anyway; a new minimum at the same zoom does not.
    if (m_minTextGeneration != s_minTextGeneration) {
        m_minTextGeneration = s_minTextGeneration;
        invalidateCard();
    }
}

void NodeItem::setMinOnScreenPx(qreal px)
{
    if (px == s_minOnScreenPx)
        return;
    s_minOnScreenPx = px;
    ++s_minTextGeneration;
}

qreal NodeItem::textScale(qreal levelOfDetail)
{
    if (levelOfDetail <= 0)
        return 1.0;
    return std::clamp(s_minOnScreenPx / (designNamePx * levelOfDetail), 1.0, maxTextScale);
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
    // Only the health is drawn on the card itself (border, tint, hatching); the counters are
    // badges, which repaint themselves only when their text changes.
    const bool cardChanged = !m_live || m_live->health != state.health;
    m_live = state;
    if (cardChanged)
        invalidateCard();
    updateBadges();
    // Work done means a run is being shown, not a state set by hand while editing.
    if (state.completions > 0)
        noteTraffic();
}

void NodeItem::noteTraffic()
{
    if (auto *s = qobject_cast<GraphScene *>(scene()))
        s->noteTraffic();
}

void NodeItem::clearLiveState()
{
    if (!m_live)
        return;
    m_live.reset();
    invalidateCard();
    updateBadges();
}

void NodeItem::updateBadges()
{
    QList<NodeBadgesItem::Badge> top;
    QList<NodeBadgesItem::Badge> bottom;
    if (m_live) {
        if (m_node.kind == app::NodeKind::Service || m_node.kind == app::NodeKind::Stream) {
            if (m_live->queue_len > 0)
                top.append(
                    {QStringLiteral("Q %1").arg(compactNumber(static_cast<quint64>(m_live->queue_len))),
                     QColor(0x0072B2)});
            if (m_live->workers > 0)
                top.append(
                    {QStringLiteral("%1/%2").arg(m_live->busy).arg(m_live->workers), QColor(0x4a5568)});
        }
        if (m_live->failures > 0)
            top.append({QStringLiteral("✕ %1").arg(compactNumber(m_live->failures)), QColor(0xd62828)});
        if (m_live->health != app::NodeHealth::Ok)
            bottom.append({Theme::healthName(m_live->health).toUpper(), Theme::healthColor(m_live->health)});
    }
    m_badges->setBadges(top, bottom);
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
    // The port sticks out on the right; the badges are a child item with their own bounds.
    return m_card.adjusted(-3, -3, portRadius + 3, 3);
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

NodeItem::NameLayout NodeItem::nameLayout(qreal levelOfDetail) const
{
    const QString name = m_node.label.isEmpty() ? m_node.id : m_node.label;
    const qreal scale = textScale(levelOfDetail);
    const qreal pill = NodeBadgesItem::pillHeight(scale) * pillOverlap;
    const qreal top = m_card.top() + pill + 3;
    if (scale < farScale) {
        // Near: beside the kind disc, one line, the settings line below.
        const QFont font = pixelFont(designNamePx, true);
        const QFontMetricsF fm(font);
        const qreal left = m_card.left() + 8 + 26 + 7;
        const QRectF box(left, top, m_card.right() - 8 - left, fm.height());
        return {font, box, fm.elidedText(name, Qt::ElideRight, box.width())};
    }
    // Far: the whole card but the stripe, between the pills' overlaps; the largest size up to the
    // scaled one at which the name fits on one line, or on two split at a space.
    const qreal headerBottom = m_card.top() + std::min(headerHeight(), m_card.height());
    const QRectF box(m_card.left() + stripeWidth + 6, top, m_card.width() - stripeWidth - 6 - 8,
                     headerBottom - (headerHeight() >= m_card.height() ? pill : 0) - 3 - top);
    // Condensed letters before smaller ones: a larger, narrower name reads better from afar.
    for (qreal px = designNamePx * scale; px >= designNamePx; px -= 1.0) {
        for (const int stretch : {int(QFont::Unstretched), int(QFont::Condensed)}) {
            QFont font = pixelFont(px, true);
            font.setStretch(stretch);
            const QFontMetricsF fm(font);
            if (fm.height() <= box.height() + 1 && fm.horizontalAdvance(name) <= box.width())
                return {font, box, name};
            if (2 * fm.lineSpacing() > box.height() + 1)
                continue;
            // Two lines: break at the space nearest the middle.
            qsizetype best = -1;
            for (qsizetype i = name.indexOf(QLatin1Char(' ')); i >= 0;
                 i = name.indexOf(QLatin1Char(' '), i + 1))
                if (best < 0 || qAbs(i - name.size() / 2) < qAbs(best - name.size() / 2))
                    best = i;
            if (best < 0)
                continue;
            const QString a = name.left(best);
            const QString b = name.mid(best + 1);
            if (std::max(fm.horizontalAdvance(a), fm.horizontalAdvance(b)) <= box.width())
                return {font, box, a + QLatin1Char('\n') + b};
        }
    }
    const QFont font = pixelFont(designNamePx, true);
    return {font, box, QFontMetricsF(font).elidedText(name, Qt::ElideRight, box.width())};
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const qreal scale = textScale(lod);
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
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(m_card, radius, radius);
    if (m_live && Theme::healthFillPattern(m_live->health) != Qt::NoBrush) {
        QColor hatch = Theme::healthColor(m_live->health);
        hatch.setAlphaF(0.35);
        painter->setBrush(QBrush(hatch, Theme::healthFillPattern(m_live->health)));
        painter->drawRoundedRect(m_card, radius, radius);
    }

    const NameLayout name = nameLayout(lod);
    if (scale >= farScale) {
        // Far: the kind as a stripe along the left edge, under the border.
        QPainterPath card;
        card.addRoundedRect(m_card, radius, radius);
        painter->save();
        painter->setClipPath(card);
        painter->setBrush(kindColor);
        painter->drawRect(QRectF(m_card.left(), m_card.top(), stripeWidth, m_card.height()));
        painter->restore();
    } else {
        // Near: the kind disc with its letter.
        const QRectF disc(m_card.left() + 8, name.box.top() + 2, 26, 26);
        painter->setBrush(kindColor);
        painter->drawEllipse(disc);
        painter->setFont(pixelFont(designLetterPx, true));
        painter->setPen(Qt::white);
        painter->drawText(disc, Qt::AlignCenter, QString(Theme::nodeKindLetter(m_node.kind)));
    }
    painter->setPen(border);
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(m_card, radius, radius);

    painter->setFont(name.font);
    painter->setPen(Theme::text());
    painter->drawText(name.box, Qt::AlignLeft | (scale >= farScale ? Qt::AlignVCenter : Qt::AlignTop),
                      name.text);
    if (scale < farScale) {
        // The settings line, for editing up close (the health word is a badge).
        const QFont small = pixelFont(designSmallPx, false);
        painter->setFont(small);
        painter->setPen(Theme::mutedText());
        const QFontMetricsF sm(small);
        painter->drawText(QRectF(name.box.left(), name.box.bottom() + 1, name.box.width(), sm.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          sm.elidedText(subtitle(), Qt::ElideRight, name.box.width()));
    }

    paintBody(painter, m_card, scale);

    // Connection port.
    if (m_node.kind != app::NodeKind::Broker) {
        const QRectF port = portRect();
        painter->setPen(QPen(Theme::cardFill(), 2));
        painter->setBrush(m_hovered ? Theme::selection() : kindColor);
        painter->drawEllipse(m_hovered ? port : port.adjusted(1.5, 1.5, -1.5, -1.5));
    }
}

void NodeItem::paintBody(QPainter *, const QRectF &, qreal) {}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        for (EdgeItem *e : std::as_const(m_edges))
            e->adjust();
    }
    if (change == ItemSelectedHasChanged)
        ++m_cardInvalidations; // QGraphicsItem repaints a selected item itself
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    invalidateCard();
    QGraphicsItem::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    invalidateCard();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace postoffice::ui
