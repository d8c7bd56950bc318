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

NodeBadgesItem::NodeBadgesItem(QGraphicsItem *card) : QGraphicsItem(card)
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
    // Large enough for the largest text scale: the bounds cannot depend on the view's zoom.
    m_bounds = QRectF();
    for (const QRectF &r : pillRects(NodeItem::maxTextScale))
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
    const qreal scale = NodeItem::textScale(option->levelOfDetailFromTransform(painter->worldTransform()));
    const QList<QRectF> rects = pillRects(scale);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(pillFont(scale));
    const qreal h = pillHeight(scale);
    for (qsizetype i = 0; i < rects.size(); ++i) {
        const Badge &b = i < m_top.size() ? m_top[i] : m_bottom[i - m_top.size()];
        painter->setPen(QPen(Theme::cardFill(), 1.5 * scale));
        painter->setBrush(b.color);
        painter->drawRoundedRect(rects[i], h / 2, h / 2);
        painter->setPen(Qt::white);
        painter->drawText(rects[i], Qt::AlignCenter, b.text);
    }
}

} // namespace postoffice::ui
