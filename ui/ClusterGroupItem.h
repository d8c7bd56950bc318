#pragma once

// A consumer group of a watched cluster: its state and members, its lag in records and in
// seconds (estimated), the records per second it commits past, its Burrow-style status as a
// coloured word with the reason, and per partition its committed offset, lag and owner. The disc
// takes the group's colour, which also marks its committed offsets on the topics' logs.

#include "ClusterCardItem.h"

#include "ClusterObservation.h"

namespace postoffice::ui {

class ClusterGroupItem : public ClusterCardItem
{
public:
    enum { Type = UserType + 42 };
    ClusterGroupItem(const QString &id, int colorIndex);
    int type() const override { return Type; }

    void setGroup(const app::GroupObservation &group);
    QString groupId() const { return m_group.id; }
    int colorIndex() const { return m_colorIndex; }
    const app::GroupObservation &group() const { return m_group; }
    // "lag 1,234 records · 12.3 s behind" as painted.
    QString lagText() const;
    QString statusText() const { return app::groupStatusName(m_group.status); }
    // The colours the lag line and the status word are painted in (readable in either palette).
    QColor lagInk() const;
    QColor statusInk() const;

    static constexpr qreal width = 300.0;
    static constexpr int maxRows = 10;
    static QColor statusColor(app::GroupStatus status);

protected:
    void paintBody(QPainter *painter, const QRectF &card) override;

private:
    app::GroupObservation m_group;
    int m_colorIndex;
};

} // namespace postoffice::ui
