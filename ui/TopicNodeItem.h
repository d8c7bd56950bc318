#pragma once

// A topic on the canvas: the node card plus one horizontal log per partition and one lane per
// consumer group. While a run is shown each partition log fills with records and carries every
// group's committed offset as a tick in the group's colour; each group's lane names the group
// (its colour and marker shape), shows its committed offset over all partitions as a marker and
// the lag behind it as a red stretch, with the lag in records — so a backlog building during an
// outage, then draining, is seen rather than read, group by group.
//
// The logs show the newest offsets: their span is the largest lag seen so far (× 1.25), never
// shrinking during a run, so a lag that drains visibly shrinks instead of being rescaled away.
// The card is repainted only when what it shows (positions at half a unit, the lag figures)
// changes, not whenever offsets move.

#include "NodeItem.h"

#include <QStringList>

#include <vector>

namespace postoffice::ui {

class TopicNodeItem : public NodeItem
{
public:
    enum { Type = UserType + 2 };

    explicit TopicNodeItem(const app::NodeSpec &node);
    int type() const override { return Type; }
    void setSpec(const app::NodeSpec &node) override;

    // One entry per partition: log start/end and every group's committed offset.
    void setPartitions(const std::vector<app::PartitionState> &partitions);
    void clearPartitions();
    // Takes the lanes from this canvas's subscribe edges while no run is shown (GraphScene calls
    // it when edges change), so the card has its final size before the first record.
    void setExpectedGroups();
    const std::vector<app::PartitionState> &partitions() const { return m_partitions; }
    // Records between the slowest group's committed offset and the log end, over all partitions.
    qint64 totalLag() const;
    // Records between a group's committed offsets and the log ends, over all partitions.
    qint64 groupLag(const QString &group) const;
    // Groups in order of first appearance (marker colour and shape follow this order).
    const QStringList &groups() const { return m_groups; }
    // Offsets spanned by a partition log's drawing (see class comment).
    qint64 visibleSpan() const { return m_span; }
    // Where a group's lane label is drawn at a level of detail (item coordinates; empty if the
    // group is unknown), the lane text's pixel size there, and the x of the group's marker on its
    // lane up close.
    QRectF groupLabelRect(const QString &group, qreal levelOfDetail = 1.0) const;
    // (The smallest over the lanes: a long name may be set a little smaller to be read whole.)
    int groupLabelPixelSize(qreal levelOfDetail) const;
    qreal groupMarkerX(const QString &group) const;
    // The text of a group's lane label ("notification · lag 5,960").
    QString groupLabel(const QString &group) const;
    // A group's lane line as painted at a level of detail: the name (elided only if it cannot fit
    // alone), the lag figure after it, in full ("5,960"), short ("6.0k") or left out, and the
    // font they are set in.
    struct LaneText
    {
        QString name;
        QString lag;
        QFont font;
    };
    LaneText laneText(const QString &group, qreal levelOfDetail) const;
    // A lag in at most four characters: "950", "6.0k", "12k", "1.2M".
    static QString shortLag(qint64 lag);

    // The marker shape of the n-th group (circle, square, triangle, diamond, ...), drawn centred
    // on `centre` with the given size.
    static void drawGroupGlyph(QPainter *painter, int index, QPointF centre, qreal size);

protected:
    qreal bodyHeight() const override;
    qreal headerHeight() const override;
    void paintBody(QPainter *painter, const QRectF &card, qreal textScale) override;

private:
    struct Layout
    {
        qreal left = 0, width = 0;
        qreal rowTop = 0, rowHeight = 0, rowGap = 0;
        QList<QRectF> lanes; // one per group (at least one)
        qreal bar = 0;       // height of a lane's bar
        qreal textPx = 0;    // lane text size
    };
    Layout layout(qreal textScale) const;
    QRectF barRect(const Layout &l, int lane) const;
    QRectF labelRect(const Layout &l, int lane) const;
    QFont laneFont(const Layout &l, qreal textScale) const;
    qreal glyphSize(const Layout &l, int lane) const;
    LaneText laneText(const Layout &l, qreal textScale, int lane) const;
    int rows() const;
    qreal rowHeight() const;
    qreal logsBottom() const;
    // x of an offset summed over partitions on a lane bar.
    qreal laneX(const QRectF &bar, qint64 offsetSum) const;
    qint64 committedSum(const QString &group) const;
    qint64 endSum() const;
    qint64 startSum() const;
    std::vector<int> signature() const;

    std::vector<app::PartitionState> m_partitions;
    QStringList m_groups; // in order of first appearance, for stable marker colours
    qint64 m_span = 0;
    qint64 m_laneSpan = 0;
    std::vector<int> m_signature;
};

} // namespace postoffice::ui
