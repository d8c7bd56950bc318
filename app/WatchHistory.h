#pragma once

// The figures a single poll of a cluster cannot give, derived from the polls before it:
//
// - Ingress per partition and topic: records appended per second, the change of the high
//   watermark between the last two polls over the time between them (Kafka does not name its
//   producers; this rate stands in for them).
// - Egress per group: records per second its committed offsets moved past, between the last two
//   polls (summed over its partitions).
// - Lag in seconds per partition, estimated as kafka-lag-exporter does: every partition keeps a
//   table of (time, high watermark) points from the last kLookupPoints polls; the group's
//   committed offset is looked up in it and the time at which the log end passed that offset is
//   interpolated, lag_s = now − that time. A committed offset older than the table is
//   extrapolated at the table's average rate; with no records produced over the whole table the
//   estimate is unknown (NaN). A group's lagSeconds is its worst partition's.
// - Burrow-style status per group, per partition where it has committed (worst partition wins),
//   following Burrow's evaluation rules over a sliding window of the partition's last
//   windowSize() commits (10 by default; a commit is a poll that found the committed offset
//   moved — polls faster than the group commits add nothing):
//     OK       if the lag is zero now or was at any commit of the window (it caught up);
//     ERROR    if the lag is above zero and the committed offset has not moved for longer than
//              stallMs (by default windowSize() polls' time: 10 s at the default 1 s interval)
//              since the lag was last zero (stopped or stalled: records wait, nobody commits);
//     WARNING  if the window holds at least 3 commits and the lag grew over all of them (never
//              fell from one commit to the next, and ended higher than it started): it consumes,
//              but slower than records arrive;
//     OK       otherwise; UNKNOWN while lag is above zero with fewer than 3 commits seen and no
//              stall yet.

#include "ClusterObservation.h"

#include <QHash>

#include <deque>
#include <utility>

namespace postoffice::app {

class WatchHistory
{
public:
    static constexpr int kLookupPoints = 60;

    // stallMs: how long a committed offset may stand still with lag before the group is ERROR
    // (0: windowSize seconds).
    explicit WatchHistory(int windowSize = 10, qint64 stallMs = 0)
        : m_windowSize(qMax(3, windowSize)), m_stallMs(stallMs > 0 ? stallMs : 1000 * qMax(3, windowSize))
    {}

    // Fills `observation`'s derived figures from the polls before it, then remembers it.
    void derive(ClusterObservation &observation);
    int windowSize() const { return m_windowSize; }
    void clear();

private:
    struct Point
    {
        qint64 ms = 0;
        qint64 offset = 0;
    };
    using PartitionKey = QPair<QString, int>;
    using GroupPartitionKey = std::pair<QString, PartitionKey>;

    double lagSeconds(const PartitionKey &key, qint64 committed, qint64 logEnd, qint64 nowMs) const;
    void evaluate(GroupObservation &group, qint64 nowMs);

    struct Commit
    {
        qint64 ms = 0;
        qint64 committed = 0;
        qint64 lag = 0;
    };
    struct CommitTrack
    {
        std::deque<Commit> commits; // newest last; the first is the first sighting
        qint64 lastZeroMs = -1;     // when its lag was last seen at zero
    };

    int m_windowSize;
    qint64 m_stallMs;
    bool m_havePrevious = false;
    qint64 m_previousMs = 0;
    QHash<PartitionKey, std::deque<Point>> m_logEnds;           // lookup tables, newest last
    QHash<QString, QHash<PartitionKey, CommitTrack>> m_commits; // per group
};

} // namespace postoffice::app
