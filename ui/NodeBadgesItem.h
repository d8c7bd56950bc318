#pragma once

// The live part of a node card: pills for queue length, busy workers and failures along its top
// edge (right-aligned) and the health word (DOWN, SLOW, FAILING) on its bottom edge (left). A child item with
// its own device-pixel cache, so that a queue length changing every second repaints a few small pills, not
// the whole card (whose text and antialiased outline were a third of a canvas frame). It repaints only when a
// pill's text or colour — what one sees — changes, not when a counter moves behind a "12k".

#include <QColor>
#include <QGraphicsItem>
#include <QList>
#include <QString>

namespace postoffice::ui {

class NodeBadgesItem : public QGraphicsItem
{
public:
    struct Badge
    {
        QString text;
        QColor color;
        bool operator==(const Badge &) const = default;
    };

    explicit NodeBadgesItem(QGraphicsItem *card);

    // The card's rectangle in the parent's coordinates; pills hang over its top edge.
    void setCardRect(const QRectF &card);
    // The largest text scale the pills will be painted at (the one view's zoom, see
    // GraphView): the bounds, and so the cached pixmap, are no larger than that needs. Until a
    // view says, the largest scale there is.
    void setBoundsScale(qreal scale);
    // Replaces the pills; returns whether anything visible changed (and a repaint was asked for).
    bool setBadges(const QList<Badge> &top, const QList<Badge> &bottom);
    const QList<Badge> &topBadges() const { return m_top; }
    const QList<Badge> &bottomBadges() const { return m_bottom; }
    // Repaints asked for since construction (a test hook: unchanged values must not repaint).
    int invalidations() const { return m_invalidations; }

    // Pill height and text pixel size in scene units at a text scale (see NodeItem::textScale).
    static qreal pillHeight(qreal scale);
    static int pillPixelSize(qreal scale);
    // Pill rectangles (parent coordinates) at a text scale, top ones then bottom ones.
    QList<QRectF> pillRects(qreal scale) const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void invalidate();

    QRectF m_card;
    QList<Badge> m_top;
    QList<Badge> m_bottom;
    QRectF m_bounds;
    qreal m_boundsScale;
    int m_invalidations = 0;
};

} // namespace postoffice::ui
