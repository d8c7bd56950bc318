#pragma once

// Turns what was observed of a real cluster into a scenario (DESIGN.md §5) that the simulator
// replays, so that a team can inject faults against a model of its own cluster ("what if this
// group went down for 10 minutes?"). Fed every observation of a watch; scenario() at any time.
//
// Measured: topics, their partition counts and replication factors; cluster.brokers (the most
// brokers seen); each group's member count (when the cluster describes groups).
// Estimated:
// - a producer per topic, Poisson at the topic's mean ingress over the watch (records appended
//   per second; Kafka does not name its producers, so one producer stands for all of them).
//   A topic nothing was appended to gets no producer.
// - per group, one consumer service and a subscribe edge with `consumers` = its most members seen
//   (or, when members are not known, the number of partitions it committed on), reading every
//   topic it committed offsets on. Its service time is exponential with
//   mean_ms = 1000 × working members / capacity, working members = min(consumers, partitions of its topics).
//   Capacity is the group's highest drain rate measured over any window of kDrainWindow polls
//   that started with a backlog (lag > 0) — it was then consuming as fast as it could; a group
//   that never had a backlog only showed that it keeps up, so its mean egress over the watch is
//   used, a lower bound of its capacity (the replay then runs it near saturation). A group that
//   never moved its offsets gets 1000 ms, marked "not measured" in the description.
// - a single architecture "observed"; duration_s the watch's length, at least 600 s.

#include "ClusterObservation.h"
#include "Scenario.h"

#include <QHash>

#include <deque>
#include <map>

namespace postoffice::app {

class WhatIfScenario
{
public:
    static inline const QString kArchitecture = QStringLiteral("observed");
    static constexpr int kDrainWindow = 10;

    // The node id of a group: its name, unless a topic has that name ("<group>-group").
    static QString groupNodeId(const ClusterObservation &observation, const QString &group);

    void add(const ClusterObservation &observation);
    bool isEmpty() const { return m_observations == 0; }
    Scenario scenario(const QString &name) const;

private:
    struct TopicTrack
    {
        int partitions = 0;
        int replicationFactor = 1;
        double rateSum = 0.0;
        int rateCount = 0;
    };
    struct GroupTrack
    {
        int maxMembers = 0;
        bool membersKnown = false;
        QStringList topics;
        int partitions = 0;
        double egressSum = 0.0;
        int egressCount = 0;
        double capacity = 0.0; // best drain rate over a window that started with a backlog
        std::deque<std::tuple<qint64, qint64, qint64>> window; // (ms, sum of committed, lag)
    };

    int m_observations = 0;
    int m_brokers = 0;
    qint64 m_firstMs = -1;
    qint64 m_lastMs = 0;
    std::map<QString, TopicTrack> m_topics;
    std::map<QString, GroupTrack> m_groups;
    QStringList m_topicNames; // every topic seen, for group node ids
};

} // namespace postoffice::app
