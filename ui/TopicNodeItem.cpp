#include "TopicNodeItem.h"

#include "EdgeItem.h"
#include "Theme.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace postoffice::ui {

namespace {

constexpr qreal topicHeaderHeight = 50.0;
constexpr qreal rowGap = 2.0;
constexpr int maxRows = 12;
constexpr qint64 minSpan = 50;
constexpr qreal laneHeight = 28.0; // label line + bar
constexpr qreal laneBar = 7.0;
constexpr qreal designLanePx = 12.0;
constexpr qreal bottomPad = 6.0;
const QColor lagColor(0xd62828);

qint64 committedIn(const app::PartitionState &p, const QString &group)
{
    for (const app::GroupOffset &g : p.groups)
        if (g.group == group)
            return std::clamp(g.committed, p.log_start, p.log_end);
    return p.log_start; // not assigned yet: everything stored is still to be read
}

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
    return rows() <= 6 ? 6.0 : 3.0;
}

qreal TopicNodeItem::headerHeight() const
{
    return topicHeaderHeight;
}

qreal TopicNodeItem::logsBottom() const
{
    return topicHeaderHeight + rows() * (rowHeight() + rowGap);
}

qreal TopicNodeItem::bodyHeight() const
{
    // At least one lane, so that a topic without readers says so.
    return logsBottom() + std::max<qsizetype>(1, m_groups.size()) * laneHeight + bottomPad;
}

TopicNodeItem::Layout TopicNodeItem::layout(qreal textScale) const
{
    // Up close: partition logs, then one lane per group. From afar the logs shrink to thin
    // stripes and the lanes take their room, so that group names and lags stay readable.
    const QRectF card = cardRect();
    Layout l;
    l.left = card.left() + 12;
    l.width = card.width() - 24;
    l.rowTop = card.top() + topicHeaderHeight;
    const bool far = textScale >= 1.15;
    l.rowHeight = far ? std::min(rowHeight(), 2.0) : rowHeight();
    l.rowGap = far ? 1.0 : rowGap;
    const qreal lanesTop = l.rowTop + rows() * (l.rowHeight + l.rowGap);
    const qsizetype n = std::max<qsizetype>(1, m_groups.size());
    const qreal laneH = (card.bottom() - bottomPad - lanesTop) / qreal(n);
    l.bar = std::min(laneBar, laneH / 3);
    l.textPx = std::min(designLanePx * textScale, laneH - l.bar - 5);
    for (qsizetype i = 0; i < n; ++i)
        l.lanes << QRectF(l.left, lanesTop + qreal(i) * laneH + 2, l.width, laneH - 2);
    return l;
}

QRectF TopicNodeItem::barRect(const Layout &l, int lane) const
{
    const QRectF r = l.lanes.value(lane);
    return QRectF(r.left(), r.bottom() - l.bar - 1, r.width(), l.bar);
}

QRectF TopicNodeItem::labelRect(const Layout &l, int lane) const
{
    const QRectF r = l.lanes.value(lane);
    return QRectF(r.left(), r.top(), r.width(), r.height() - l.bar - 2);
}

qint64 TopicNodeItem::endSum() const
{
    qint64 s = 0;
    for (const app::PartitionState &p : m_partitions)
        s += p.log_end;
    return s;
}

qint64 TopicNodeItem::startSum() const
{
    qint64 s = 0;
    for (const app::PartitionState &p : m_partitions)
        s += p.log_start;
    return s;
}

qint64 TopicNodeItem::committedSum(const QString &group) const
{
    qint64 s = 0;
    for (const app::PartitionState &p : m_partitions)
        s += committedIn(p, group);
    return s;
}

qint64 TopicNodeItem::groupLag(const QString &group) const
{
    return endSum() - committedSum(group);
}

qreal TopicNodeItem::laneX(const QRectF &bar, qint64 offsetSum) const
{
    const qint64 end = endSum();
    const qint64 from = end - m_laneSpan;
    return bar.left() + bar.width() * static_cast<qreal>(std::clamp(offsetSum, from, end) - from) /
                            static_cast<qreal>(std::max<qint64>(1, m_laneSpan));
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

QRectF TopicNodeItem::groupLabelRect(const QString &group, qreal levelOfDetail) const
{
    const qsizetype i = m_groups.indexOf(group);
    return i < 0 ? QRectF() : labelRect(layout(textScale(levelOfDetail)), int(i));
}

qreal TopicNodeItem::groupMarkerX(const QString &group) const
{
    const qsizetype i = m_groups.indexOf(group);
    if (i < 0)
        return 0.0;
    return laneX(barRect(layout(1.0), int(i)), committedSum(group));
}

int TopicNodeItem::groupLabelPixelSize(qreal levelOfDetail) const
{
    const qreal scale = textScale(levelOfDetail);
    const Layout l = layout(scale);
    int px = qRound(l.textPx);
    for (int i = 0; i < m_groups.size(); ++i)
        px = std::min(px, laneText(l, scale, i).font.pixelSize());
    return px;
}

TopicNodeItem::LaneText TopicNodeItem::laneText(const QString &group, qreal levelOfDetail) const
{
    const qsizetype i = m_groups.indexOf(group);
    const qreal scale = textScale(levelOfDetail);
    return i < 0 ? LaneText() : laneText(layout(scale), scale, int(i));
}

QString TopicNodeItem::shortLag(qint64 lag)
{
    if (lag < 1000)
        return QString::number(lag);
    if (lag < 9950)
        return QString::number(double(lag) / 1e3, 'f', 1) + QLatin1Char('k');
    if (lag < 999'500)
        return QString::number(qRound64(double(lag) / 1e3)) + QLatin1Char('k');
    return QString::number(double(lag) / 1e6, 'f', 1) + QLatin1Char('M');
}

QFont TopicNodeItem::laneFont(const Layout &l, qreal textScale) const
{
    QFont font;
    font.setPixelSize(std::max(1, qRound(l.textPx)));
    font.setBold(true);
    if (textScale >= 1.15)
        font.setStretch(QFont::Condensed); // from afar: room for "notification" and its lag
    return font;
}

qreal TopicNodeItem::glyphSize(const Layout &l, int lane) const
{
    return std::min(labelRect(l, lane).height() - 2, l.textPx * 0.75);
}

TopicNodeItem::LaneText TopicNodeItem::laneText(const Layout &l, qreal textScale, int lane) const
{
    // What a trainer reads first is whose lane it is: the group's name is never cut to make room
    // for its lag. The figure follows the name in full where both fit, else short ("6.0k" for
    // 5,960), else it gives way: the lane's red stretch still shows how far behind the group is,
    // and the topic browser has the exact figure. A name too long for the line on its own is set
    // up to a fifth smaller (condensed already from afar) before it is cut.
    QFont font = laneFont(l, textScale);
    const QString group = m_groups.value(lane);
    const qreal room = labelRect(l, lane).width() - glyphSize(l, lane) - 4;
    constexpr qreal gap = 6;
    const qint64 lag = groupLag(group);
    const QString full = lag > 0 ? QStringLiteral("%L1").arg(lag) : QStringLiteral("0");
    const int largest = font.pixelSize();
    for (int px = largest; px >= std::max(1, qRound(largest * 0.8)); --px) {
        font.setPixelSize(px);
        const QFontMetricsF fm(font);
        const qreal nameWidth = fm.horizontalAdvance(group);
        for (const QString &figure : {full, shortLag(lag)})
            if ((px == largest || figure != full) && nameWidth + gap + fm.horizontalAdvance(figure) <= room)
                return {group, figure, font};
        if (nameWidth <= room)
            return {group, QString(), font};
    }
    font.setPixelSize(largest);
    return {QFontMetricsF(font).elidedText(group, Qt::ElideRight, room), QString(), font};
}

QString TopicNodeItem::groupLabel(const QString &group) const
{
    const qint64 lag = groupLag(group);
    return lag > 0 ? QStringLiteral("%1 · lag %L2").arg(group).arg(lag)
                   : QStringLiteral("%1 · no lag").arg(group);
}

void TopicNodeItem::drawGroupGlyph(QPainter *painter, int index, QPointF c, qreal size)
{
    const qreal r = size / 2;
    switch (index % 4) {
    case 0:
        painter->drawEllipse(c, r, r);
        break;
    case 1:
        painter->drawRect(QRectF(c.x() - r * 0.85, c.y() - r * 0.85, r * 1.7, r * 1.7));
        break;
    case 2:
        painter->drawPolygon(
            QPolygonF({c + QPointF(0, r), c + QPointF(-r, -r * 0.8), c + QPointF(r, -r * 0.8)}));
        break;
    default:
        painter->drawPolygon(
            QPolygonF({c + QPointF(0, -r), c + QPointF(r, 0), c + QPointF(0, r), c + QPointF(-r, 0)}));
        break;
    }
}

std::vector<int> TopicNodeItem::signature() const
{
    // What paintBody draws, as positions in 1/1024 of a log's width and the lag figures:
    // unchanged means the cached card is still right (finer than a device pixel at any zoom).
    std::vector<int> s;
    const auto at = [](qint64 offset, qint64 end, qint64 span) {
        return qRound(1024.0 * static_cast<qreal>(std::clamp(offset, end - span, end) - (end - span)) /
                      static_cast<qreal>(std::max<qint64>(1, span)));
    };
    for (const app::PartitionState &p : m_partitions) {
        s.push_back(at(p.log_start, p.log_end, m_span));
        for (const QString &g : m_groups)
            s.push_back(at(committedIn(p, g), p.log_end, m_span));
    }
    const qint64 end = endSum();
    s.push_back(at(startSum(), end, m_laneSpan));
    for (const QString &g : m_groups) {
        s.push_back(at(committedSum(g), end, m_laneSpan));
        s.push_back(int(std::min<qint64>(groupLag(g), std::numeric_limits<int>::max())));
    }
    return s;
}

void TopicNodeItem::setPartitions(const std::vector<app::PartitionState> &partitions)
{
    const qsizetype groupsBefore = m_groups.size();
    const bool rowsChanged = partitions.size() != m_partitions.size();
    m_partitions = partitions;
    if (std::any_of(m_partitions.cbegin(), m_partitions.cend(), [](const auto &p) { return p.log_end > 0; }))
        noteTraffic();
    for (const app::PartitionState &p : m_partitions) {
        for (const app::GroupOffset &g : p.groups) {
            if (!m_groups.contains(g.group))
                m_groups.append(g.group);
            m_span = std::max(m_span, (p.log_end - g.committed) * 5 / 4);
        }
    }
    m_span = std::max(m_span, minSpan);
    for (const QString &g : std::as_const(m_groups))
        m_laneSpan = std::max(m_laneSpan, groupLag(g) * 5 / 4);
    m_laneSpan = std::max(m_laneSpan, minSpan * std::max<qint64>(1, qint64(m_partitions.size())));
    if (rowsChanged || m_groups.size() != groupsBefore) {
        relayout();
        m_signature = signature();
        return;
    }
    std::vector<int> now = signature();
    if (now == m_signature)
        return;
    m_signature = std::move(now);
    invalidateCard();
}

void TopicNodeItem::clearPartitions()
{
    m_partitions.clear();
    m_span = 0;
    m_laneSpan = 0;
    m_signature.clear();
    setExpectedGroups();
}

void TopicNodeItem::setExpectedGroups()
{
    // Before a run the lanes are those of the subscribe edges, so the card has its final size.
    QStringList groups;
    for (const EdgeItem *e : edges())
        if (e->kind() == app::EdgeKind::Subscribe && e->source() == this &&
            !groups.contains(e->spec().groupName()))
            groups << e->spec().groupName();
    if (m_partitions.empty() && groups != m_groups) {
        m_groups = groups;
        relayout();
    }
}

void TopicNodeItem::paintBody(QPainter *painter, const QRectF &, qreal textScale)
{
    const Layout l = layout(textScale);
    const qreal h = l.rowHeight;
    qreal y = l.rowTop;
    const QColor logColor = Theme::nodeKindColor(app::NodeKind::Topic);

    // Partition logs with every group's committed offset as a tick in its colour.
    for (int r = 0; r < rows(); ++r, y += h + l.rowGap) {
        const QRectF bar(l.left, y, l.width, h);
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
            return l.left + l.width * static_cast<qreal>(std::clamp(offset, from, end) - from) /
                                static_cast<qreal>(m_span);
        };
        const qreal stored = xOf(p.log_start);
        painter->setBrush(logColor);
        painter->drawRect(QRectF(stored, y, l.left + l.width - stored, h));
        qint64 slowest = end;
        for (const QString &g : std::as_const(m_groups))
            slowest = std::min(slowest, committedIn(p, g));
        if (slowest < end) {
            painter->setBrush(lagColor);
            painter->drawRect(QRectF(xOf(slowest), y, l.left + l.width - xOf(slowest), h));
        }
        for (int i = 0; i < m_groups.size(); ++i) {
            const qreal x = xOf(committedIn(p, m_groups[i]));
            painter->setPen(QPen(Theme::groupColor(i), 2.0));
            painter->drawLine(QPointF(x, y - 0.5), QPointF(x, y + h + 0.5));
        }
    }

    // One lane per group: its shape and name in its colour and its lag; under them the group's
    // bar with its committed offset (over all partitions) as a marker and the lag in red.
    const QFont font = laneFont(l, textScale);
    painter->setFont(font);
    if (m_groups.isEmpty()) {
        const QFontMetricsF fm(font);
        painter->setPen(Theme::mutedText());
        const QRectF lane = labelRect(l, 0);
        painter->drawText(lane, Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(QStringLiteral("no consumer group"), Qt::ElideRight, lane.width()));
        return;
    }
    for (int i = 0; i < m_groups.size(); ++i) {
        const QString &group = m_groups[i];
        const QColor colour = Theme::groupColor(i);
        const QRectF label = labelRect(l, i);
        const QRectF bar = barRect(l, i);
        const qreal glyph = glyphSize(l, i);
        painter->setPen(QPen(Theme::cardFill(), 1));
        painter->setBrush(colour);
        drawGroupGlyph(painter, i, QPointF(label.left() + glyph / 2, label.center().y()), glyph);

        const LaneText text = laneText(l, textScale, i);
        painter->setFont(text.font);
        painter->setPen(groupLag(group) > 0 ? lagColor : Theme::mutedText());
        painter->drawText(label, Qt::AlignRight | Qt::AlignVCenter, text.lag);
        const QRectF nameBox(label.left() + glyph + 4, label.top(), label.width() - glyph - 4,
                             label.height());
        // Okabe–Ito blue and vermillion are too dark on a dark card: lighten the name there.
        painter->setPen(Theme::mode() == Theme::Mode::Dark ? colour.lighter(160) : colour);
        painter->drawText(nameBox, Qt::AlignLeft | Qt::AlignVCenter, text.name);

        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::gridLine());
        painter->drawRect(bar);
        if (m_partitions.empty())
            continue;
        const qreal stored = laneX(bar, startSum());
        const qreal committed = laneX(bar, committedSum(group));
        painter->setBrush(logColor);
        painter->drawRect(QRectF(stored, bar.top(), committed - stored, bar.height()));
        painter->setBrush(lagColor);
        painter->drawRect(QRectF(committed, bar.top(), bar.right() - committed, bar.height()));
        // The marker: a tick through the bar in the group's colour, capped by its shape.
        painter->setPen(QPen(colour, 2.5));
        painter->drawLine(QPointF(committed, bar.top()), QPointF(committed, bar.bottom() + 1));
        painter->setPen(QPen(Theme::cardFill(), 1));
        painter->setBrush(colour);
        drawGroupGlyph(painter, i, QPointF(committed, bar.center().y()), bar.height() + 3);
    }
}

} // namespace postoffice::ui
