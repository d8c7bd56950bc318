#pragma once

// A card on the cluster view's canvas (File ▸ Connect to Cluster…), drawn like the simulator's
// node cards (NodeItem) so that a watched cluster reads like a scenario: a rounded card, a kind
// disc with its letter in the kind's colour, a name and a muted line under it, and a health
// border (colour, width, line style and fill pattern from Theme, never colour alone). Brokers,
// topics, consumer groups and the producers' stand-in derive from it and draw their body below
// the title.
//
// Items own no data: the ClusterScene hands each one the part of the latest ClusterObservation it
// shows, and the card is repainted only when that text or state changed.

#include "LiveState.h"

#include <QColor>
#include <QGraphicsItem>
#include <QString>

#include <optional>

namespace postoffice::ui {

class ClusterCardItem : public QGraphicsItem
{
public:
    ClusterCardItem(QChar letter, const QColor &kindColor, qreal width, qreal height);

    QString title() const { return m_title; }
    QString subtitle() const { return m_subtitle; }
    // Ok draws a plain card; other states tint, frame and (down) hatch it as the simulator does.
    std::optional<app::NodeHealth> health() const { return m_health; }
    QRectF cardRect() const { return m_card; }
    // The card's fill as painted in the current palette (tinted by its health).
    QColor fillColor() const;
    // A colour that carries meaning (lag's red, a status colour) as text that reads on this card
    // in the current palette (see InkContrast).
    QColor inkOn(const QColor &meaning) const;
    // Records not read yet: the red of the simulator's topic cards.
    static QColor lagColor() { return QColor(0xd62828); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static constexpr qreal headerHeight = 48.0;
    static constexpr qreal namePx = 15.0;
    static constexpr qreal smallPx = 12.0;
    static QFont pixelFont(qreal px, bool bold);

protected:
    // Each setter repaints only on a change (a poll a second must not repaint a still cluster).
    void setTitle(const QString &title);
    void setSubtitle(const QString &subtitle);
    void setHealth(std::optional<app::NodeHealth> health);
    void setCardHeight(qreal height);
    virtual void paintBody(QPainter *painter, const QRectF &card) = 0;

private:
    QChar m_letter;
    QColor m_kindColor;
    QRectF m_card;
    QString m_title;
    QString m_subtitle;
    std::optional<app::NodeHealth> m_health;
};

} // namespace postoffice::ui
