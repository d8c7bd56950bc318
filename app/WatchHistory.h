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
// - Burrow-style status per group over a window of the last windowSize() polls (10 by default,
//   so 10 s at the default 1 s interval), per partition where the group has committed, worst
//   partition wins, following Burrow's evaluation rules:
//     OK       if the lag was zero at any point of the window (the group caught up);
//     ERROR    if the committed offset did not move over the whole window while lag is > 0
//              (stopped or stalled: the consumer stopped committing with records waiting);
//     WARNING  if the committed offset moved but the lag grew over the whole window (never
//              fell from one poll to the next, and ended higher than it started): it consumes,
//              but slower than records arrive;
//     OK       otherwise.
//   Fewer than 3 polls in the window: UNKNOWN.

#include "ClusterObservation.h"

#include <QHash>

#include <deque>
#include <utility>

namespace postoffice::app {

class WatchHistory
{
public:
    static constexpr int kLookupPoints = 60;

    explicit WatchHistory(int windowSize = 10) : m_windowSize(qMax(3, windowSize)) {}

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

    int m_windowSize;
    bool m_havePrevious = false;
    qint64 m_previousMs = 0;
    QHash<PartitionKey, std::deque<Point>> m_logEnds; // lookup tables, newest last
    QHash<QString, QHash<PartitionKey, std::deque<std::pair<qint64, qint64>>>> m_commits; // (committed, lag)
};

} // namespace postoffice::app
