#pragma once

// One poll of a real Kafka cluster, as `postoffice watch` and the GUI's "Connect to cluster…"
// see it: brokers, topics with their partitions as logs, consumer groups with committed offsets
// and lag, plus the figures derived from the polls before it (WatchHistory): rates, lag in
// seconds and a Burrow-style status per group. Immutable once published: the watcher hands
// shared pointers to const observations across threads.
//
// Offsets follow what a client can see: `logEnd` is the high watermark (the end a consumer reads
// to, and what Kafka's own consumer lag is measured against), `logStart` the log start offset.
// -1 means "not known this poll" (the leader was unreachable, the group never committed there).

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cmath>
#include <limits>
#include <memory>
#include <vector>

namespace postoffice::app {

struct BrokerObservation
{
    int id = -1;
    QString host;
    int port = 0;
    bool up = true; // listed in the metadata and librdkafka holds a connection to it
};

struct PartitionObservation
{
    int partition = -1;
    int leader = -1; // -1: no leader (offline partition)
    QList<int> replicas;
    QList<int> isr;
    qint64 logStart = -1;
    qint64 logEnd = -1;                                            // high watermark
    double ingressPerS = std::numeric_limits<double>::quiet_NaN(); // derived
    QString error;                                                 // metadata or offset error, if any

    bool underReplicated() const { return isr.size() < replicas.size(); }
};

struct TopicObservation
{
    QString name;
    std::vector<PartitionObservation> partitions;
    double ingressPerS = std::numeric_limits<double>::quiet_NaN(); // derived: records/s appended
    QString error;

    int replicationFactor() const;
    qint64 logEnd() const; // sum over partitions whose end is known
    const PartitionObservation *partition(int p) const;
};

struct MemberObservation
{
    QString memberId;
    QString clientId;
    QString host;
    QList<QPair<QString, int>> assignment; // (topic, partition)
};

// Burrow's evaluation of a group over its window of commits (WatchHistory documents the rules).
enum class GroupStatus { Unknown, Ok, Warning, Error };
QString groupStatusName(GroupStatus status);

struct GroupPartitionObservation
{
    QString topic;
    int partition = -1;
    qint64 committed = -1; // -1: no committed offset
    qint64 logEnd = -1;
    qint64 lag = -1;                                              // logEnd − committed, when both are known
    double lagSeconds = std::numeric_limits<double>::quiet_NaN(); // derived (estimated)
};

struct GroupObservation
{
    QString id;
    QString state;             // Stable, PreparingRebalance, Empty, ... ("" when not known)
    bool membersKnown = false; // false when the cluster does not describe groups to us
    std::vector<MemberObservation> members;
    std::vector<GroupPartitionObservation> partitions; // where the group has committed offsets
    QString error;

    // derived (WatchHistory)
    qint64 lag = 0;                                               // total over known partitions
    double lagSeconds = std::numeric_limits<double>::quiet_NaN(); // worst partition, estimated
    double egressPerS = std::numeric_limits<double>::quiet_NaN(); // records/s committed past
    GroupStatus status = GroupStatus::Unknown;
    QString statusReason;

    QStringList topics() const; // sorted, from committed offsets and assignments
};

struct ClusterObservation
{
    qint64 sequence = 0;  // 1, 2, ... per watch
    QDateTime at;         // UTC wall time when the poll started
    qint64 elapsedMs = 0; // monotonic time since the watch started (rates use this)
    std::vector<BrokerObservation> brokers;
    int controllerId = -1; // -1: not known
    std::vector<TopicObservation> topics;
    std::vector<GroupObservation> groups;
    QStringList warnings; // partial problems this poll (a group hidden, a leader unreachable)

    int brokersUp() const;
    const TopicObservation *topic(const QString &name) const;
    const GroupObservation *group(const QString &id) const;
    const BrokerObservation *broker(int id) const;
};

using ClusterObservationPtr = std::shared_ptr<const ClusterObservation>;

} // namespace postoffice::app

Q_DECLARE_METATYPE(postoffice::app::ClusterObservationPtr)
