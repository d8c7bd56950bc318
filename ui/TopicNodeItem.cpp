#include "TopicNodeItem.h"

#include "Theme.h"

#include <QFontMetricsF>
#include <QPainter>

namespace postoffice::ui {

namespace {

constexpr qreal headerHeight = 50.0;
constexpr qreal legendHeight = 18.0;
constexpr qreal rowGap = 2.0;
constexpr int maxRows = 12;
constexpr qint64 minSpan = 50;

} // namespace

TopicNodeItem::TopicNodeItem(const app::NodeSpec &node) : NodeItem(node)
{
    relayout();
}

void TopicNodeItem::setSpec(const app::NodeSpec &node)
{
    NodeItem::setSpec(node);
}

int TopicNodeItem::rows() const
{
    const int n = m_partitions.empty() ? m_node.partitions : static_cast<int>(m_partitions.size());
    return std::clamp(n, 1, maxRows);
}

qreal TopicNodeItem::rowHeight() const
{
    return rows() <= 6 ? 7.0 : 4.0;
}

qreal TopicNodeItem::bodyHeight() const
{
    return headerHeight + rows() * (rowHeight() + rowGap) + legendHeight;
}

qint64 TopicNodeItem::totalLag() const
{
    qint64 lag = 0;
    for (const app::PartitionState &p : m_partitions) {
        qint64 slowest = p.log_end;
        for (const app::GroupOffset &g : p.groups)
            slowest = std::min(slowest, std::max(g.committed, p.log_start));
        lag += p.log_end - slowest;
    }
    return lag;
}

void TopicNodeItem::setPartitions(const std::vector<app::PartitionState> &partitions)
{
    const bool relayoutNeeded = partitions.size() != m_partitions.size();
    m_partitions = partitions;
    for (const app::PartitionState &p : m_partitions) {
        for (const app::GroupOffset &g : p.groups) {
            if (!m_groups.contains(g.group))
                m_groups.append(g.group);
            m_span = std::max(m_span, (p.log_end - g.committed) * 5 / 4);
        }
    }
    m_span = std::max(m_span, minSpan);
    if (relayoutNeeded)
        relayout();
    update();
}

void TopicNodeItem::clearPartitions()
{
    m_partitions.clear();
    m_groups.clear();
    m_span = 0;
    relayout();
}

void TopicNodeItem::paintBody(QPainter *painter, const QRectF &card)
{
    const qreal left = card.left() + 12;
    const qreal width = card.width() - 24;
    const qreal h = rowHeight();
    qreal y = card.top() + headerHeight;
    const QColor logColor = Theme::nodeKindColor(app::NodeKind::Topic);
    const QColor lagColor(0xd62828);

    for (int r = 0; r < rows(); ++r, y += h + rowGap) {
        const QRectF bar(left, y, width, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::gridLine());
        painter->drawRect(bar);
        if (static_cast<std::size_t>(r) >= m_partitions.size())
            continue;
        const app::PartitionState &p = m_partitions[static_cast<std::size_t>(r)];
        // The bar shows offsets [end - span, end] with end = this partition's log end.
        const qint64 end = p.log_end;
        const qint64 from = end - m_span;
        const auto xOf = [&](qint64 offset) {
            return left + width * static_cast<qreal>(std::clamp(offset, from, end) - from) /
                              static_cast<qreal>(m_span);
        };
        const qreal stored = xOf(p.log_start);
        painter->setBrush(logColor);
        painter->drawRect(QRectF(stored, y, left + width - stored, h));
        qint64 slowest = end;
        for (const app::GroupOffset &g : p.groups)
            slowest = std::min(slowest, std::max(g.committed, p.log_start));
        if (slowest < end) {
            painter->setBrush(lagColor);
            painter->drawRect(QRectF(xOf(slowest), y, left + width - xOf(slowest), h));
        }
        for (const app::GroupOffset &g : p.groups) {
            const qreal x = xOf(g.committed);
            painter->setPen(QPen(Theme::groupColor(static_cast<int>(m_groups.indexOf(g.group))), 2.5));
            painter->drawLine(QPointF(x, y - 1.5), QPointF(x, y + h + 1.5));
        }
    }

    QFont font = painter->font();
    font.setPointSizeF(9.5); // the lag figure is the point of the card: readable from the back
    font.setBold(false);
    painter->setFont(font);
    const QFontMetricsF fm(font);
    const QRectF legend(left, y, width, legendHeight);
    if (m_groups.isEmpty()) {
        painter->setPen(Theme::mutedText());
        painter->drawText(legend, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("log → newest offsets"));
        return;
    }
    const qint64 lag = totalLag();
    QString lagText = lag > 0 ? QStringLiteral("lag %L1").arg(lag) : QStringLiteral("no lag");
    painter->setPen(lag > 0 ? lagColor : Theme::mutedText());
    QFont bold = font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->drawText(legend, Qt::AlignRight | Qt::AlignVCenter, lagText);
    const qreal lagWidth = QFontMetricsF(bold).horizontalAdvance(lagText) + 8;
    painter->setFont(font);
    qreal x = left;
    for (int i = 0; i < m_groups.size(); ++i) {
        const QString name = m_groups.at(i);
        const qreal w = fm.horizontalAdvance(name) + 14;
        if (x + w > left + width - lagWidth)
            break;
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::groupColor(i));
        painter->drawRect(QRectF(x, legend.center().y() - 4, 3, 8));
        painter->setPen(Theme::text());
        painter->drawText(QRectF(x + 6, legend.top(), w, legendHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          name);
        x += w;
    }
}

} // namespace postoffice::ui
