#include "ClusterTopicItem.h"

#include "Theme.h"

#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace postoffice::ui {

namespace {

constexpr qreal rowHeight = 18.0;
constexpr qreal columnsHeight = 16.0;
constexpr qreal bottomPad = 10.0;
constexpr qreal labelWidth = 30.0;
constexpr qreal barWidth = 130.0;

QString ids(const QList<int> &list)
{
    QStringList parts;
    for (int id : list)
        parts << QString::number(id);
    return parts.join(u',');
}

QString rate(double perS)
{
    if (!std::isfinite(perS))
        return QStringLiteral("in ? rec/s");
    return QStringLiteral("in %1 rec/s").arg(perS, 0, 'f', perS < 10 ? 1 : 0);
}

qreal heightFor(int partitions)
{
    const int shown =
        std::min(partitions, ClusterTopicItem::maxRows) + (partitions > ClusterTopicItem::maxRows);
    return ClusterCardItem::headerHeight + columnsHeight + std::max(1, shown) * rowHeight + bottomPad;
}

} // namespace

ClusterTopicItem::ClusterTopicItem(const QString &name)
    : ClusterCardItem(u'T', Theme::nodeKindColor(app::NodeKind::Topic), width, heightFor(0))
{
    m_topic.name = name;
    setTitle(name);
}

int ClusterTopicItem::underReplicatedCount() const
{
    return int(std::count_if(m_topic.partitions.begin(), m_topic.partitions.end(),
                             [](const auto &p) { return p.underReplicated(); }));
}

void ClusterTopicItem::setTopic(const app::TopicObservation &topic, const std::vector<GroupCommit> &commits)
{
    m_topic = topic;
    m_commits = commits;
    setCardHeight(heightFor(int(topic.partitions.size())));
    QString sub = QStringLiteral("%1 partition%2 · RF %3 · %4")
                      .arg(topic.partitions.size())
                      .arg(topic.partitions.size() == 1 ? QString() : QStringLiteral("s"))
                      .arg(topic.replicationFactor())
                      .arg(rate(topic.ingressPerS));
    setSubtitle(sub);
    const int ur = underReplicatedCount();
    setHealth(!topic.error.isEmpty() ? app::NodeHealth::Failing
              : ur > 0               ? app::NodeHealth::Slow
                                     : app::NodeHealth::Ok);
    setToolTip(topic.error.isEmpty()
                   ? QStringLiteral("%1: %2 under-replicated partition(s)").arg(topic.name).arg(ur)
                   : QStringLiteral("%1: %2").arg(topic.name, topic.error));
    update();
}

QString ClusterTopicItem::rowText(int row) const
{
    if (row < 0 || row >= partitionCount())
        return {};
    const app::PartitionObservation &p = m_topic.partitions[size_t(row)];
    const QString offsets = p.logEnd < 0
                                ? QStringLiteral("? … ?")
                                : QStringLiteral("%L1 … %L2").arg(qMax<qint64>(0, p.logStart)).arg(p.logEnd);
    const QString leader = p.leader < 0 ? QStringLiteral("none") : QString::number(p.leader);
    return QStringLiteral("%1\t%2\t%3 / %4").arg(offsets, leader, ids(p.isr), ids(p.replicas));
}

void ClusterTopicItem::paintBody(QPainter *painter, const QRectF &card)
{
    const qreal left = card.left() + 12;
    const qreal barLeft = left + labelWidth;
    const qreal offsetsLeft = barLeft + barWidth + 8;
    const qreal leaderLeft = offsetsLeft + 104;
    const qreal isrLeft = leaderLeft + 50;
    const qreal right = card.right() - 10;
    qreal y = card.top() + headerHeight;

    const QFont head = pixelFont(10.5, false);
    painter->setFont(head);
    painter->setPen(Theme::mutedText());
    const QFontMetricsF hm(head);
    painter->drawText(QRectF(left, y, labelWidth, columnsHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      QStringLiteral("part."));
    painter->drawText(QRectF(barLeft, y, barWidth, columnsHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      QStringLiteral("log (red: not read yet)"));
    painter->drawText(QRectF(offsetsLeft, y, leaderLeft - offsetsLeft, columnsHeight),
                      Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("start … HW"));
    painter->drawText(QRectF(leaderLeft, y, isrLeft - leaderLeft, columnsHeight),
                      Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("leader"));
    painter->drawText(QRectF(isrLeft, y, right - isrLeft, columnsHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      QStringLiteral("ISR / replicas"));
    y += columnsHeight;

    qint64 maxEnd = 1;
    for (const auto &p : m_topic.partitions)
        maxEnd = std::max(maxEnd, p.logEnd);
    const auto xOf = [&](qint64 offset) {
        return barLeft + barWidth * qreal(std::clamp<qint64>(offset, 0, maxEnd)) / qreal(maxEnd);
    };

    const QFont text = pixelFont(12, false);
    const QFont bold = pixelFont(12, true);
    const QFontMetricsF tm(text);
    const QColor warn = Theme::healthColor(app::NodeHealth::Slow);
    const int shown = std::min(partitionCount(), maxRows);
    for (int r = 0; r < shown; ++r, y += rowHeight) {
        const app::PartitionObservation &p = m_topic.partitions[size_t(r)];
        const QRectF row(card.left() + 4, y, card.width() - 8, rowHeight);
        const bool under = p.underReplicated();
        const bool offline = p.leader < 0;
        if (under || offline) {
            QColor tint = offline ? Theme::healthColor(app::NodeHealth::Down) : warn;
            tint.setAlphaF(0.16);
            painter->setPen(Qt::NoPen);
            painter->setBrush(tint);
            painter->drawRoundedRect(row, 3, 3);
        }
        painter->setFont(text);
        painter->setPen(Theme::text());
        painter->drawText(QRectF(left, y, labelWidth, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          QStringLiteral("p%1").arg(p.partition));

        // The log.
        const QRectF bar(barLeft, y + 4, barWidth, rowHeight - 8);
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::gridLine());
        painter->drawRect(bar);
        if (p.logEnd > 0) {
            const qreal from = xOf(qMax<qint64>(0, p.logStart));
            painter->setBrush(Theme::nodeKindColor(app::NodeKind::Topic));
            painter->drawRect(QRectF(from, bar.top(), xOf(p.logEnd) - from, bar.height()));
            qint64 slowest = p.logEnd;
            for (const GroupCommit &c : m_commits)
                if (c.partition == p.partition && c.committed >= 0)
                    slowest = std::min(slowest, c.committed);
            if (slowest < p.logEnd) {
                painter->setBrush(lagColor());
                painter->drawRect(
                    QRectF(xOf(slowest), bar.top(), xOf(p.logEnd) - xOf(slowest), bar.height()));
            }
        }
        for (const GroupCommit &c : m_commits) {
            if (c.partition != p.partition || c.committed < 0)
                continue;
            const qreal x = xOf(c.committed);
            painter->setPen(QPen(Theme::groupColor(c.colorIndex), 2.5));
            painter->drawLine(QPointF(x, bar.top() - 2.5), QPointF(x, bar.bottom() + 2.5));
        }

        const QStringList cells = rowText(r).split(u'\t');
        painter->setFont(text);
        painter->setPen(Theme::text());
        painter->drawText(QRectF(offsetsLeft, y, leaderLeft - offsetsLeft - 4, rowHeight),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          tm.elidedText(cells.value(0), Qt::ElideMiddle, leaderLeft - offsetsLeft - 4));
        painter->setFont(offline ? bold : text);
        painter->setPen(offline ? inkOn(Theme::healthColor(app::NodeHealth::Down)) : Theme::text());
        painter->drawText(QRectF(leaderLeft, y, isrLeft - leaderLeft, rowHeight),
                          Qt::AlignLeft | Qt::AlignVCenter, cells.value(1));
        painter->setFont(under ? bold : text);
        painter->setPen(under ? inkOn(warn) : Theme::text());
        QString isr = cells.value(2);
        if (under)
            isr = QStringLiteral("⚠ ") + isr;
        painter->drawText(QRectF(isrLeft, y, right - isrLeft, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(painter->font()).elidedText(isr, Qt::ElideRight, right - isrLeft));
    }
    if (partitionCount() > maxRows) {
        painter->setFont(text);
        painter->setPen(Theme::mutedText());
        painter->drawText(QRectF(left, y, right - left, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          QStringLiteral("+ %1 more partitions").arg(partitionCount() - maxRows));
    } else if (partitionCount() == 0) {
        painter->setFont(text);
        painter->setPen(Theme::mutedText());
        painter->drawText(QRectF(left, y, right - left, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          m_topic.error.isEmpty() ? QStringLiteral("no partitions") : m_topic.error);
    }
}

} // namespace postoffice::ui
