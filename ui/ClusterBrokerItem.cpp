#include "ClusterBrokerItem.h"

#include "InkContrast.h"
#include "Theme.h"

#include <QFontMetricsF>
#include <QPainter>

namespace postoffice::ui {

ClusterBrokerItem::ClusterBrokerItem(int id)
    : ClusterCardItem(u'B', Theme::nodeKindColor(app::NodeKind::Broker), width, height), m_id(id)
{
    setTitle(QStringLiteral("broker %1").arg(id));
}

void ClusterBrokerItem::setBroker(const app::BrokerObservation &broker, bool controller)
{
    if (broker.up != m_up || controller != m_controller)
        update();
    m_up = broker.up;
    m_controller = controller;
    setSubtitle(QStringLiteral("%1:%2").arg(broker.host).arg(broker.port));
    setHealth(m_up ? app::NodeHealth::Ok : app::NodeHealth::Down);
    setToolTip(QStringLiteral("broker %1 at %2:%3 — %4%5")
                   .arg(m_id)
                   .arg(broker.host)
                   .arg(broker.port)
                   .arg(m_up ? QStringLiteral("up") : QStringLiteral("down: refuses connections"))
                   .arg(controller ? QStringLiteral(", controller") : QString()));
}

void ClusterBrokerItem::paintBody(QPainter *painter, const QRectF &card)
{
    // Pills along the bottom: the state in words (never colour alone), then "controller".
    const QFont font = pixelFont(11, true);
    painter->setFont(font);
    const QFontMetricsF fm(font);
    qreal x = card.left() + 48;
    const qreal y = card.bottom() - 22;
    const auto pill = [&](const QString &text, const QColor &fill) {
        const QRectF r(x, y, fm.horizontalAdvance(text) + 12, 16);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(r, 8, 8);
        painter->setPen(InkContrast::textOn(fill));
        painter->drawText(r, Qt::AlignCenter, text);
        x = r.right() + 6;
    };
    pill(m_up ? QStringLiteral("UP") : QStringLiteral("DOWN"),
         Theme::healthColor(m_up ? app::NodeHealth::Ok : app::NodeHealth::Down));
    if (m_controller)
        pill(QStringLiteral("controller"), Theme::nodeKindColor(app::NodeKind::Broker));
}

} // namespace postoffice::ui
