#pragma once

// A real Kafka client on a canvas (see ExternalClientsOverlay): an external producer (named by its
// client.id) or an external consumer group (named by its group id), drawn like a scenario node's
// card but with a dashed teal border and an "EXTERNAL" pill, so that nobody takes it for part of
// the scenario. It is not in the scenario document: not selectable, not movable, not saved.
// A client that disconnected (a group left empty) stays, faded, with what happened as subtitle.

#include <QGraphicsItem>
#include <QString>

namespace postoffice::ui {

class ExternalClientItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 40 };
    enum class Kind { Producer, ConsumerGroup };

    ExternalClientItem(Kind kind, const QString &name);
    int type() const override { return Type; }

    Kind kind() const { return m_kind; }
    QString name() const { return m_name; }
    // The line under the name ("writes to orders", "Stable · 2 members") and whether the client
    // is connected (a group: has members). Repaints only when one changes.
    void setState(const QString &subtitle, bool active);
    QString subtitle() const { return m_subtitle; }
    bool isActive() const { return m_active; }

    QRectF cardRect() const;
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // The colour that marks what is outside the scenario (border, pill, edges).
    static QColor accent();
    static constexpr qreal cardWidth = 176.0;
    static constexpr qreal cardHeight = 60.0;

private:
    Kind m_kind;
    QString m_name;
    QString m_subtitle;
    bool m_active = true;
};

} // namespace postoffice::ui
