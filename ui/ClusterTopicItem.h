#pragma once

// A topic of a watched cluster: one row per partition drawn as its log — the stored records from
// the log start to the high watermark, the stretch no group has committed past in red, and every
// group's committed offset as a tick in that group's colour (as on the simulator's topic cards) —
// followed by the offsets in figures, the leader and the in-sync replicas over the replicas. An
// under-replicated partition's row is tinted and its ISR set in the warning colour; a partition
// without a leader says "none" in red.

#include "ClusterCardItem.h"

#include "ClusterObservation.h"

#include <QHash>

namespace postoffice::ui {

class ClusterTopicItem : public ClusterCardItem
{
public:
    enum { Type = UserType + 41 };
    explicit ClusterTopicItem(const QString &name);
    int type() const override { return Type; }

    struct GroupCommit
    {
        int colorIndex = 0; // Theme::groupColor
        int partition = -1;
        qint64 committed = -1;
    };
    void setTopic(const app::TopicObservation &topic, const std::vector<GroupCommit> &commits);

    QString name() const { return m_topic.name; }
    int partitionCount() const { return int(m_topic.partitions.size()); }
    int underReplicatedCount() const;
    const app::TopicObservation &topic() const { return m_topic; }
    // The text of a partition's row after its log (tab-separated: "0 … 1,234", leader "2" or "none", ISR over
    // replicas "1,3 / 1,2,3").
    QString rowText(int row) const;

    static constexpr qreal width = 430.0;
    static constexpr int maxRows = 16;

protected:
    void paintBody(QPainter *painter, const QRectF &card) override;

private:
    app::TopicObservation m_topic;
    std::vector<GroupCommit> m_commits;
};

} // namespace postoffice::ui
