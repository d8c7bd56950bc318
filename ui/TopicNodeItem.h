#pragma once

// A topic on the canvas: the node card plus one horizontal log per partition. While a run is
// shown each log fills with records, every consumer group's committed offset is a coloured
// marker on it, and the stretch between the slowest group's marker and the log end (the lag) is
// shaded — so a backlog building during an outage, then draining, is seen rather than read.
//
// The logs show the newest offsets: their span is the largest lag seen so far (× 1.25), never
// shrinking during a run, so a lag that drains visibly shrinks instead of being rescaled away.

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
    const std::vector<app::PartitionState> &partitions() const { return m_partitions; }
    // Records between the slowest group's committed offset and the log end, over all partitions.
    qint64 totalLag() const;
    // Offsets spanned by a partition log's drawing (see class comment).
    qint64 visibleSpan() const { return m_span; }

protected:
    qreal bodyHeight() const override;
    void paintBody(QPainter *painter, const QRectF &card) override;

private:
    int rows() const;
    qreal rowHeight() const;

    std::vector<app::PartitionState> m_partitions;
    QStringList m_groups; // in order of first appearance, for stable marker colours
    qint64 m_span = 0;
};

} // namespace postoffice::ui
