#include "NodeBadgesItem.h"

#include "NodeItem.h"
#include "Theme.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace postoffice::ui {

namespace {

constexpr qreal designPillHeight = 22.0;
constexpr qreal designPillPx = 13.0; // pill text in scene pixels at 100 % zoom
constexpr qreal pillGap = 4.0;
constexpr qreal pillInset = 10.0; // from the card's corner

QFont pillFont(qreal scale)
{
    QFont f;
    f.setPixelSize(NodeBadgesItem::pillPixelSize(scale));
    f.setBold(true);
    return f;
}

} // namespace

NodeBadgesItem::NodeBadgesItem(QGraphicsItem *card)
    : QGraphicsItem(card), m_boundsScale(NodeItem::maxTextScale)
{
    setCacheMode(DeviceCoordinateCache);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

qreal NodeBadgesItem::pillHeight(qreal scale)
{
    return designPillHeight * scale;
}

int NodeBadgesItem::pillPixelSize(qreal scale)
{
    return std::max(1, qRound(designPillPx * scale));
}

void NodeBadgesItem::setCardRect(const QRectF &card)
{
    if (card == m_card)
        return;
    m_card = card;
    invalidate();
}

void NodeBadgesItem::setBoundsScale(qreal scale)
{
    scale = std::clamp(scale, 1.0, NodeItem::maxTextScale);
    if (qFuzzyCompare(scale, m_boundsScale))
        return;
    m_boundsScale = scale;
    invalidate();
}

bool NodeBadgesItem::setBadges(const QList<Badge> &top, const QList<Badge> &bottom)
{
    if (top == m_top && bottom == m_bottom)
        return false;
    m_top = top;
    m_bottom = bottom;
    invalidate();
    return true;
}

QList<QRectF> NodeBadgesItem::pillRects(qreal scale) const
{
    const QFontMetricsF fm(pillFont(scale));
    const qreal h = pillHeight(scale);
    QList<QRectF> rects;
    // Top edge, right-aligned, three quarters above the card: the name below stays clear.
    qreal right = m_card.right() - pillInset;
    QList<QRectF> top;
    for (auto it = m_top.crbegin(); it != m_top.crend(); ++it) {
        const qreal w = fm.horizontalAdvance(it->text) + 14 * scale;
        top.prepend(QRectF(right - w, m_card.top() - 0.75 * h, w, h));
        right -= w + pillGap;
    }
    rects << top;
    qreal left = m_card.left() + pillInset;
    for (const Badge &b : m_bottom) {
        const qreal w = fm.horizontalAdvance(b.text) + 14 * scale;
        rects << QRectF(left, m_card.bottom() - 0.25 * h, w, h);
        left += w + pillGap;
    }
    return rects;
}

void NodeBadgesItem::invalidate()
{
    prepareGeometryChange();
    m_bounds = QRectF();
    for (const QRectF &r : pillRects(m_boundsScale))
        m_bounds |= r;
    if (!m_bounds.isNull())
        m_bounds.adjust(-2, -2, 2, 2);
    ++m_invalidations;
    update();
}

QRectF NodeBadgesItem::boundingRect() const
{
    return m_bounds;
}

void NodeBadgesItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (m_top.isEmpty() && m_bottom.isEmpty())
        return;
    // Never beyond the bounds (a second view zoomed out further draws the pills smaller).
    const qreal scale = std::min(
        NodeItem::textScale(option->levelOfDetailFromTransform(painter->worldTransform())), m_boundsScale);
    const QList<QRectF> rects = pillRects(scale);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(pillFont(scale));
    const qreal h = pillHeight(scale);
    for (qsizetype i = 0; i < rects.size(); ++i) {
        const Badge &b = i < m_top.size() ? m_top[i] : m_bottom[i - m_top.size()];
        // A rim in the card's colour, then the pill: two fills, not an antialiased stroke of a
        // rounded outline (which was most of a badge repaint).
        const qreal rim = 1.0 * scale;
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::cardFill());
        painter->drawRoundedRect(rects[i].adjusted(-rim, -rim, rim, rim), h / 2 + rim, h / 2 + rim);
        painter->setBrush(b.color);
        painter->drawRoundedRect(rects[i], h / 2, h / 2);
        painter->setPen(Qt::white);
        painter->drawText(rects[i], Qt::AlignCenter, b.text);
    }
}

} // namespace postoffice::ui
