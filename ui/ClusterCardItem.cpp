#include "ClusterCardItem.h"

#include "InkContrast.h"
#include "Theme.h"

#include <QFontMetricsF>
#include <QPainter>

namespace postoffice::ui {

namespace {

constexpr qreal radius = 10.0;
constexpr qreal letterPx = 17.0;

} // namespace

ClusterCardItem::ClusterCardItem(QChar letter, const QColor &kindColor, qreal width, qreal height)
    : m_letter(letter), m_kindColor(kindColor), m_card(0, 0, width, height)
{
    // The card's text is laid out in scene units; the cache keeps a still cluster cheap to show.
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
}

QFont ClusterCardItem::pixelFont(qreal px, bool bold)
{
    QFont f;
    f.setPixelSize(std::max(1, qRound(px)));
    f.setBold(bold);
    return f;
}

void ClusterCardItem::setTitle(const QString &title)
{
    if (title == m_title)
        return;
    m_title = title;
    update();
}

void ClusterCardItem::setSubtitle(const QString &subtitle)
{
    if (subtitle == m_subtitle)
        return;
    m_subtitle = subtitle;
    update();
}

void ClusterCardItem::setHealth(std::optional<app::NodeHealth> health)
{
    if (health == m_health)
        return;
    m_health = health;
    update();
}

void ClusterCardItem::setCardHeight(qreal height)
{
    if (qFuzzyCompare(height, m_card.height()))
        return;
    prepareGeometryChange();
    // The item's origin is the card's top left: cards grow downwards.
    m_card.setHeight(height);
}

QRectF ClusterCardItem::boundingRect() const
{
    return m_card.adjusted(-3, -3, 3, 3);
}

QColor ClusterCardItem::fillColor() const
{
    const QColor fill = Theme::cardFill();
    if (!m_health || *m_health == app::NodeHealth::Ok)
        return fill;
    const QColor h = Theme::healthColor(*m_health);
    const float a = *m_health == app::NodeHealth::Down ? 0.22f : 0.10f;
    return QColor::fromRgbF(fill.redF() * (1 - a) + h.redF() * a, fill.greenF() * (1 - a) + h.greenF() * a,
                            fill.blueF() * (1 - a) + h.blueF() * a);
}

QColor ClusterCardItem::inkOn(const QColor &meaning) const
{
    return InkContrast::readable(meaning, fillColor());
}

void ClusterCardItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const bool ok = !m_health || *m_health == app::NodeHealth::Ok;
    painter->setPen(Qt::NoPen);
    painter->setBrush(fillColor());
    painter->drawRoundedRect(m_card, radius, radius);
    if (!ok && *m_health == app::NodeHealth::Down) {
        // Only "down" is hatched: a group's or topic's rows of figures must stay readable.
        QColor hatch = Theme::healthColor(*m_health);
        hatch.setAlphaF(0.30);
        painter->setBrush(QBrush(hatch, Theme::healthFillPattern(*m_health)));
        painter->drawRoundedRect(m_card, radius, radius);
    }

    const QRectF disc(m_card.left() + 10, m_card.top() + 10, 28, 28);
    painter->setBrush(m_kindColor);
    painter->drawEllipse(disc);
    painter->setFont(pixelFont(letterPx, true));
    painter->setPen(Qt::white);
    painter->drawText(disc, Qt::AlignCenter, QString(m_letter));

    const QPen border = m_health ? QPen(Theme::healthColor(*m_health), ok ? 2.0 : 3.5,
                                        Theme::healthBorderStyle(*m_health), Qt::RoundCap)
                                 : QPen(Theme::cardBorder(), 1.5);
    painter->setPen(border);
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(m_card, radius, radius);

    const qreal textLeft = disc.right() + 8;
    const qreal textWidth = m_card.right() - 10 - textLeft;
    const QFont name = pixelFont(namePx, true);
    painter->setFont(name);
    painter->setPen(Theme::text());
    const QFontMetricsF nm(name);
    painter->drawText(QRectF(textLeft, m_card.top() + 7, textWidth, nm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, nm.elidedText(m_title, Qt::ElideRight, textWidth));
    const QFont small = pixelFont(smallPx, false);
    painter->setFont(small);
    painter->setPen(Theme::mutedText());
    const QFontMetricsF sm(small);
    painter->drawText(QRectF(textLeft, m_card.top() + 8 + nm.height(), textWidth, sm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, sm.elidedText(m_subtitle, Qt::ElideRight, textWidth));
    paintBody(painter, m_card);
}

} // namespace postoffice::ui
