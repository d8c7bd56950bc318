#include "ClusterGroupItem.h"

#include "InkContrast.h"
#include "Theme.h"

#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace postoffice::ui {

namespace {

constexpr qreal lineHeight = 18.0;
constexpr qreal rowHeight = 16.0;
constexpr qreal bottomPad = 8.0;

qreal heightFor(int rows)
{
    const int shown = std::min(rows, ClusterGroupItem::maxRows) + (rows > ClusterGroupItem::maxRows);
    return ClusterCardItem::headerHeight + 4 * lineHeight + 3 + shown * rowHeight + bottomPad;
}

QString seconds(double s)
{
    if (!std::isfinite(s))
        return QStringLiteral("? s");
    if (s < 10)
        return QStringLiteral("%1 s").arg(s, 0, 'f', 1);
    if (s < 120)
        return QStringLiteral("%1 s").arg(qRound(s));
    return QStringLiteral("%1 min").arg(s / 60, 0, 'f', 1);
}

} // namespace

ClusterGroupItem::ClusterGroupItem(const QString &id, int colorIndex)
    : ClusterCardItem(u'G', Theme::groupColor(colorIndex), width, heightFor(0)), m_colorIndex(colorIndex)
{
    m_group.id = id;
    setTitle(id);
}

QColor ClusterGroupItem::statusColor(app::GroupStatus status)
{
    switch (status) {
    case app::GroupStatus::Ok:
        return Theme::healthColor(app::NodeHealth::Ok);
    case app::GroupStatus::Warning:
        return Theme::healthColor(app::NodeHealth::Slow);
    case app::GroupStatus::Error:
        return Theme::healthColor(app::NodeHealth::Failing);
    case app::GroupStatus::Unknown:
        break;
    }
    return Theme::mutedText();
}

QString ClusterGroupItem::lagText() const
{
    QString text = QStringLiteral("lag %L1 record%2")
                       .arg(m_group.lag)
                       .arg(m_group.lag == 1 ? QString() : QStringLiteral("s"));
    if (std::isfinite(m_group.lagSeconds))
        text += QStringLiteral(" · %1 behind").arg(seconds(m_group.lagSeconds));
    return text;
}

QColor ClusterGroupItem::lagInk() const
{
    return m_group.lag > 0 ? inkOn(lagColor()) : Theme::text();
}

QColor ClusterGroupItem::statusInk() const
{
    // White on the yellow of WARNING would not read: the pill's word takes black or white.
    return InkContrast::textOn(statusColor(m_group.status));
}

void ClusterGroupItem::setGroup(const app::GroupObservation &group)
{
    m_group = group;
    setCardHeight(heightFor(int(group.partitions.size())));
    QString sub = group.state.isEmpty() ? QStringLiteral("state not known") : group.state;
    sub += group.membersKnown ? QStringLiteral(" · %1 member%2")
                                    .arg(group.members.size())
                                    .arg(group.members.size() == 1 ? QString() : QStringLiteral("s"))
                              : QStringLiteral(" · members not listed");
    setSubtitle(sub);
    switch (group.status) {
    case app::GroupStatus::Ok:
        setHealth(app::NodeHealth::Ok);
        break;
    case app::GroupStatus::Warning:
        setHealth(app::NodeHealth::Slow);
        break;
    case app::GroupStatus::Error:
        setHealth(app::NodeHealth::Failing);
        break;
    case app::GroupStatus::Unknown:
        setHealth(std::nullopt);
        break;
    }
    setToolTip(group.error.isEmpty() ? group.statusReason : group.error);
    update();
}

void ClusterGroupItem::paintBody(QPainter *painter, const QRectF &card)
{
    const qreal left = card.left() + 12;
    const qreal right = card.right() - 10;
    qreal y = card.top() + headerHeight;

    // Lag first: it is what a trainer points at.
    const QFont big = pixelFont(14, true);
    painter->setFont(big);
    painter->setPen(lagInk());
    painter->drawText(QRectF(left, y, right - left, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(big).elidedText(lagText(), Qt::ElideRight, right - left));
    y += lineHeight;

    const QFont text = pixelFont(12, false);
    const QFontMetricsF tm(text);
    painter->setFont(text);
    painter->setPen(Theme::text());
    const QString out = std::isfinite(m_group.egressPerS)
                            ? QStringLiteral("reads %1 rec/s")
                                  .arg(m_group.egressPerS, 0, 'f', m_group.egressPerS < 10 ? 1 : 0)
                            : QStringLiteral("reads ? rec/s");
    painter->drawText(QRectF(left, y, right - left, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      out + QStringLiteral(" · ") + m_group.topics().join(QStringLiteral(", ")));
    y += lineHeight;

    // Burrow-style status: the word in a pill of its colour, the reason after it.
    const QFont pillFont = pixelFont(11, true);
    const QFontMetricsF pm(pillFont);
    const QString word = statusText();
    const QRectF pill(left, y + 1, pm.horizontalAdvance(word) + 14, lineHeight - 2);
    painter->setPen(Qt::NoPen);
    painter->setBrush(statusColor(m_group.status));
    painter->drawRoundedRect(pill, 8, 8);
    painter->setFont(pillFont);
    painter->setPen(statusInk());
    painter->drawText(pill, Qt::AlignCenter, word);
    painter->setFont(text);
    painter->setPen(Theme::mutedText());
    // The reason on up to two lines beside the word: "orders[1]: lag grew from 75 to 130 over
    // the window" is the why a trainer reads out.
    const QString reason = m_group.error.isEmpty() ? m_group.statusReason : m_group.error;
    const qreal reasonLeft = pill.right() + 6;
    const qreal room = right - reasonLeft;
    QString first = reason, second;
    if (tm.horizontalAdvance(reason) > room) {
        const QStringList words = reason.split(u' ');
        first.clear();
        int i = 0;
        for (; i < words.size(); ++i) {
            const QString next = first.isEmpty() ? words[i] : first + u' ' + words[i];
            if (tm.horizontalAdvance(next) > room && !first.isEmpty())
                break;
            first = next;
        }
        second = words.mid(i).join(u' ');
    }
    painter->drawText(QRectF(reasonLeft, y, room, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      tm.elidedText(first, Qt::ElideRight, room));
    painter->drawText(QRectF(reasonLeft, y + lineHeight - 3, room, lineHeight),
                      Qt::AlignLeft | Qt::AlignVCenter, tm.elidedText(second, Qt::ElideRight, room));
    y += lineHeight - 3;
    y += lineHeight + 6;

    // Per partition: committed offset, lag and the member that owns it.
    const QFont small = pixelFont(11, false);
    const QFontMetricsF sm(small);
    painter->setFont(small);
    const int shown = std::min(int(m_group.partitions.size()), maxRows);
    for (int r = 0; r < shown; ++r, y += rowHeight) {
        const app::GroupPartitionObservation &p = m_group.partitions[size_t(r)];
        QString owner;
        for (const app::MemberObservation &m : m_group.members)
            for (const auto &[topic, partition] : m.assignment)
                if (topic == p.topic && partition == p.partition)
                    owner = m.clientId.isEmpty() ? m.memberId : m.clientId;
        const QString name = QStringLiteral("%1[%2]").arg(p.topic).arg(p.partition);
        const QString committed =
            p.committed < 0 ? QStringLiteral("no commit") : QStringLiteral("@ %L1").arg(p.committed);
        const QString lag = p.lag < 0 ? QStringLiteral("lag ?") : QStringLiteral("lag %L1").arg(p.lag);
        const qreal c1 = left, c2 = left + 100, c3 = left + 176, c4 = left + 236;
        painter->setPen(Theme::text());
        painter->drawText(QRectF(c1, y, c2 - c1 - 4, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          sm.elidedText(name, Qt::ElideMiddle, c2 - c1 - 4));
        painter->setPen(Theme::mutedText());
        painter->drawText(QRectF(c2, y, c3 - c2 - 4, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          sm.elidedText(committed, Qt::ElideRight, c3 - c2 - 4));
        painter->setPen(p.lag > 0 ? inkOn(lagColor()) : Theme::text());
        painter->drawText(QRectF(c3, y, c4 - c3 - 4, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          sm.elidedText(lag, Qt::ElideRight, c4 - c3 - 4));
        painter->setPen(Theme::mutedText());
        painter->drawText(QRectF(c4, y, right - c4, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          sm.elidedText(owner, Qt::ElideRight, right - c4));
    }
    if (int(m_group.partitions.size()) > maxRows) {
        painter->setPen(Theme::mutedText());
        painter->drawText(QRectF(left, y, right - left, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          QStringLiteral("+ %1 more partitions").arg(m_group.partitions.size() - maxRows));
    }
}

} // namespace postoffice::ui
