#include "ClusterIngressItem.h"

#include "Theme.h"

#include <QPainter>

#include <cmath>
#include <limits>

namespace postoffice::ui {

ClusterIngressItem::ClusterIngressItem(const QString &topic)
    : ClusterCardItem(u'P', Theme::nodeKindColor(app::NodeKind::Producer), width, height), m_topic(topic),
      m_rate(std::numeric_limits<double>::quiet_NaN())
{
    setTitle(QStringLiteral("producers"));
    setSubtitle(QStringLiteral("measured ingress"));
    setToolTip(QStringLiteral("Kafka does not name the producers of %1: this stands for all of them, at the "
                              "rate its partitions' high watermarks grow")
                   .arg(topic));
}

QString ClusterIngressItem::rateText() const
{
    if (!std::isfinite(m_rate))
        return QStringLiteral("? rec/s");
    return QStringLiteral("%1 rec/s").arg(m_rate, 0, 'f', m_rate < 10 ? 1 : 0);
}

void ClusterIngressItem::setRate(double perS)
{
    const bool same = (std::isnan(perS) && std::isnan(m_rate)) || perS == m_rate;
    m_rate = perS;
    if (!same)
        update();
}

void ClusterIngressItem::paintBody(QPainter *painter, const QRectF &card)
{
    painter->setFont(pixelFont(14, true));
    painter->setPen(Theme::text());
    painter->drawText(QRectF(card.left() + 48, card.top() + headerHeight - 4, card.width() - 58, 22),
                      Qt::AlignLeft | Qt::AlignVCenter, rateText());
}

} // namespace postoffice::ui
