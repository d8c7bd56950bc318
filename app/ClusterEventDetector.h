#pragma once

// Compares two consecutive observations of a cluster and says what happened between them, in
// the event log's words: a broker lost or back, a partition's leader moving, its ISR shrinking or
// expanding, a consumer group rebalancing (members or assignment changed), a group appearing,
// emptying (no members left) or vanishing, a topic created or deleted, and a group's Burrow
// status changing. Pure: no Kafka, no clock; the watcher feeds it and the tests feed it by hand.

#include "ClusterObservation.h"

#include <QMetaType>
#include <QString>

#include <vector>

namespace postoffice::app {

struct ClusterEvent
{
    enum class Kind {
        BrokerLost,
        BrokerBack,
        LeaderChange,
        IsrShrink,
        IsrExpand,
        Rebalance,
        GroupAppeared,
        GroupEmptied,
        GroupVanished,
        TopicCreated,
        TopicDeleted,
        GroupStatusChange,
    };
    Kind kind = Kind::BrokerLost;
    QDateTime at;         // wall time of the observation that showed it
    qint64 elapsedMs = 0; // since the watch started
    QString subject;      // broker "broker 2", topic, group
    QString text;         // a sentence for the event log
    int members = -1;     // Rebalance / GroupEmptied: members afterwards, when known
    int partitions = -1;  // Rebalance: partitions assigned afterwards

    static QString kindName(Kind kind); // "broker_lost", "leader_change", ...
};

class ClusterEventDetector
{
public:
    // Events between `before` and `after`, in a stable order (brokers, topics, partitions, groups).
    static std::vector<ClusterEvent> compare(const ClusterObservation &before,
                                             const ClusterObservation &after);
};

} // namespace postoffice::app

Q_DECLARE_METATYPE(postoffice::app::ClusterEvent)
