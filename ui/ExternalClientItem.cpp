#include "ExternalClientItem.h"

#include "InkContrast.h"
#include "NodeItem.h"
#include "Theme.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace postoffice::ui {

namespace {

constexpr qreal radius = 10.0;
constexpr qreal farScale = 1.15; // as NodeItem: above it the card is drawn for reading from afar

QFont pixelFont(qreal px, bool bold)
{
    QFont f;
    f.setPixelSize(std::max(1, qRound(px)));
    f.setBold(bold);
    return f;
}

} // namespace

ExternalClientItem::ExternalClientItem(Kind kind, const QString &name) : m_kind(kind), m_name(name)
{
    setFlags({});
    setZValue(1.0);
    setToolTip(
        kind == Kind::Producer
            ? QObject::tr("%1: a real Kafka producer (client.id) connected to the run").arg(name)
            : QObject::tr("%1: a consumer group of real Kafka clients connected to the run").arg(name));
}

QColor ExternalClientItem::accent()
{
    return Theme::mode() == Theme::Mode::Dark ? QColor(0x4D, 0xD0, 0xE1) : QColor(0x00, 0x83, 0x8F);
}

void ExternalClientItem::setState(const QString &subtitle, bool active)
{
    if (subtitle == m_subtitle && active == m_active)
        return;
    m_subtitle = subtitle;
    m_active = active;
    setOpacity(active ? 1.0 : 0.5);
    update();
}

QRectF ExternalClientItem::cardRect() const
{
    return QRectF(-cardWidth / 2, -cardHeight / 2, cardWidth, cardHeight);
}

QRectF ExternalClientItem::boundingRect() const
{
    // The pill sticks out above the card, and grows with the text scale when zoomed out.
    return cardRect().adjusted(-3, -3 - 12 * NodeItem::maxTextScale, 3, 3);
}

void ExternalClientItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const qreal scale = NodeItem::textScale(lod);
    const QRectF card = cardRect();
    const app::NodeKind look = m_kind == Kind::Producer ? app::NodeKind::Producer : app::NodeKind::Service;
    const QColor kindColor = Theme::nodeKindColor(look);

    painter->setPen(Qt::NoPen);
    painter->setBrush(Theme::cardFill());
    painter->drawRoundedRect(card, radius, radius);

    // The name: beside a disc up close, filling the card (one line, elided) from afar.
    const QString letter = m_kind == Kind::Producer ? QStringLiteral("P") : QStringLiteral("C");
    if (scale < farScale) {
        const QRectF disc(card.left() + 8, card.top() + 10, 24, 24);
        painter->setBrush(kindColor);
        painter->drawEllipse(disc);
        painter->setPen(Qt::white);
        painter->setFont(pixelFont(15, true));
        painter->drawText(disc, Qt::AlignCenter, letter);
        const qreal left = disc.right() + 7;
        const QFont nameFont = pixelFont(NodeItem::designNamePx, true);
        const QFontMetricsF fm(nameFont);
        const QRectF nameBox(left, card.top() + 9, card.right() - 8 - left, fm.height());
        painter->setFont(nameFont);
        painter->setPen(Theme::text());
        painter->drawText(nameBox, Qt::AlignLeft | Qt::AlignTop,
                          fm.elidedText(m_name, Qt::ElideRight, nameBox.width()));
        const QFont small = pixelFont(12, false);
        const QFontMetricsF sm(small);
        painter->setFont(small);
        painter->setPen(Theme::mutedText());
        painter->drawText(QRectF(left, nameBox.bottom() + 2, nameBox.width(), sm.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          sm.elidedText(m_subtitle, Qt::ElideRight, nameBox.width()));
    } else {
        QPainterPath clip;
        clip.addRoundedRect(card, radius, radius);
        painter->save();
        painter->setClipPath(clip);
        painter->setBrush(kindColor);
        painter->drawRect(QRectF(card.left(), card.top(), 8, card.height()));
        painter->restore();
        const QRectF box = card.adjusted(14, 4, -8, -4);
        for (qreal px = NodeItem::designNamePx * scale; px >= 9; px -= 1.0) {
            const QFont f = pixelFont(px, true);
            const QFontMetricsF fm(f);
            if (fm.horizontalAdvance(m_name) <= box.width() || px <= NodeItem::designNamePx) {
                painter->setFont(f);
                painter->setPen(Theme::text());
                painter->drawText(box, Qt::AlignLeft | Qt::AlignVCenter,
                                  fm.elidedText(m_name, Qt::ElideRight, box.width()));
                break;
            }
        }
    }

    // Dashed border: outside the scenario, not a node of it.
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(accent(), 2.5, Qt::DashLine, Qt::RoundCap));
    painter->drawRoundedRect(card, radius, radius);

    // The "EXTERNAL" pill straddling the top edge, right-aligned.
    QFont pillFont = pixelFont(9.5 * scale, true);
    const QString label = m_active ? QObject::tr("EXTERNAL") : QObject::tr("EXTERNAL · GONE");
    // Never wider than the card: zoomed out (presenter mode) it would reach over the next card's.
    while (pillFont.pixelSize() > 8 && QFontMetricsF(pillFont).horizontalAdvance(label) + 26 > card.width())
        pillFont.setPixelSize(pillFont.pixelSize() - 1);
    const QFontMetricsF pm(pillFont);
    const qreal h = pm.height() + 2;
    const qreal w = pm.horizontalAdvance(label) + 10;
    const QRectF pill(card.right() - 8 - w, card.top() - h * 0.6, w, h);
    painter->setPen(Qt::NoPen);
    painter->setBrush(accent());
    painter->drawRoundedRect(pill, h / 2, h / 2);
    painter->setFont(pillFont);
    painter->setPen(InkContrast::textOn(accent())); // the dark theme's light teal takes black
    painter->drawText(pill, Qt::AlignCenter, label);
}

} // namespace postoffice::ui
