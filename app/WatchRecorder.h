#pragma once

// Keeps a watched cluster in the run store like a simulated run, so that `postoffice export`
// writes it the same way (CSV, JSON, NDJSON):
// - one run, scenario "watch HOST:PORT", whose scenario text is the watch's settings as JSON
//   (bootstrap, interval, groups, client properties with secrets as "***"), one architecture
//   "observed", and no order counters (Kafka has no orders);
// - one node per topic: `arrivals` = its ingress, records/s appended;
// - one node per consumer group: `arrivals` = the ingress of the topics it reads, `completions`
//   = its egress (records/s its committed offsets moved), `queue_len` = its lag, `busy` = its
//   members (0 when the cluster does not describe groups);
// - one lag series per group: its total lag, and per partition when it reads one topic and the
//   lag of every partition of it is known (partition N of that topic is lag_partition_N);
// - events (broker_lost, leader_change, isr_shrink, rebalance, group_status, ...) as they happen;
// - a summary at the end: per group its max_lag, end_lag and drain_s (DESIGN.md §8's meanings,
//   over every poll, so max_lag may exceed the stored seconds' peak when polls are faster than
//   1 s), last lag in seconds (end_lag_s) and Burrow status.
// A node or group is named as in the what-if scenario (WhatIfScenario::groupNodeId).
// Samples are numbered by whole seconds since the watch started: second s holds the last poll
// in (s − 1, s]; with an interval above 1 s, seconds without a poll have no sample.

#include "ClusterEventDetector.h"
#include "ClusterObservation.h"
#include "RunStore.h"
#include "WatchConfig.h"

#include <QHash>
#include <QJsonObject>

namespace postoffice::app {

class WatchRecorder
{
public:
    explicit WatchRecorder(RunStore &store) : m_store(store) {}

    static QJsonObject settingsJson(const WatchConfig &config);
    std::optional<qint64> begin(const WatchConfig &config, double duration_s);
    bool record(const ClusterObservation &observation);
    bool recordEvent(const ClusterEvent &event);
    // finished: the watch ran its course (duration or a signal); false: it never reached the
    // cluster or the store failed.
    bool finish(bool finished);
    QJsonObject summary() const;
    QString errorString() const { return m_store.errorString(); }

private:
    struct GroupTrack
    {
        qint64 maxLag = 0;
        double maxAt = 0.0;
        qint64 endLag = 0;
        std::optional<double> drainedAt;
        double lagSeconds = std::numeric_limits<double>::quiet_NaN();
        GroupStatus status = GroupStatus::Unknown;
    };

    RunStore &m_store;
    RunStore::Layout m_layout;
    QHash<QString, int> m_nodeIndex;
    QHash<QString, int> m_groupIndex;
    // The latest sample of the second being observed: with polls faster than 1 s, each stored
    // second holds the last poll within it.
    std::optional<std::pair<qint64, ArchitectureSample>> m_pending;
    double m_lastT = 0.0;
    std::map<QString, GroupTrack> m_groups;
    QString m_name;
};

} // namespace postoffice::app
