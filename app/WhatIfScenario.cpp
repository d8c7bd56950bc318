#include "WhatIfScenario.h"

#include <algorithm>
#include <cmath>

namespace postoffice::app {

namespace {

QString groupId(const QStringList &topics, const QString &group)
{
    return topics.contains(group) ? group + QStringLiteral("-group") : group;
}

QString producerId(const QString &topic)
{
    return topic + QStringLiteral("-producers");
}

double roundTo(double v, int digits)
{
    const double f = std::pow(10.0, digits);
    return std::round(v * f) / f;
}

} // namespace

QString WhatIfScenario::groupNodeId(const ClusterObservation &observation, const QString &group)
{
    QStringList topics;
    for (const auto &t : observation.topics)
        topics << t.name;
    return groupId(topics, group);
}

void WhatIfScenario::add(const ClusterObservation &obs)
{
    ++m_observations;
    if (m_firstMs < 0)
        m_firstMs = obs.elapsedMs;
    m_lastMs = obs.elapsedMs;
    m_brokers = std::max(m_brokers, int(obs.brokers.size()));
    for (const auto &t : obs.topics) {
        if (!m_topicNames.contains(t.name))
            m_topicNames << t.name;
        TopicTrack &track = m_topics[t.name];
        track.partitions = std::max(track.partitions, int(t.partitions.size()));
        track.replicationFactor = std::max(track.replicationFactor, t.replicationFactor());
        if (std::isfinite(t.ingressPerS)) {
            track.rateSum += t.ingressPerS;
            ++track.rateCount;
        }
    }
    for (const auto &g : obs.groups) {
        GroupTrack &track = m_groups[g.id];
        if (g.membersKnown) {
            track.membersKnown = true;
            track.maxMembers = std::max(track.maxMembers, int(g.members.size()));
        }
        for (const QString &topic : g.topics())
            if (!track.topics.contains(topic))
                track.topics << topic;
        track.partitions = std::max(track.partitions, int(g.partitions.size()));
        if (std::isfinite(g.egressPerS)) {
            track.egressSum += g.egressPerS;
            ++track.egressCount;
        }
        qint64 committed = 0;
        for (const auto &p : g.partitions)
            if (p.committed > 0)
                committed += p.committed;
        track.window.emplace_back(obs.elapsedMs, committed, g.lag);
        while (int(track.window.size()) > kDrainWindow)
            track.window.pop_front();
        // A window long enough to smooth out commit intervals (auto-commit every 5 s).
        const auto &[ms0, committed0, lag0] = track.window.front();
        const auto &[ms1, committed1, lag1] = track.window.back();
        Q_UNUSED(lag1)
        if (int(track.window.size()) == kDrainWindow && lag0 > 0 && ms1 > ms0 && committed1 >= committed0)
            track.capacity =
                std::max(track.capacity, double(committed1 - committed0) * 1000.0 / double(ms1 - ms0));
    }
}

Scenario WhatIfScenario::scenario(const QString &name) const
{
    Scenario s;
    s.name = name;
    s.seed = 1;
    const double watchedS = m_firstMs >= 0 ? double(m_lastMs - m_firstMs) / 1000.0 : 0.0;
    s.duration_s = std::max(600.0, std::ceil(watchedS));
    s.cluster.brokers = std::max(1, m_brokers);

    QStringList notes;
    ArchitectureSpec arch;
    arch.name = kArchitecture;
    arch.description =
        QStringLiteral("The cluster as observed: one producer per topic at its measured ingress, "
                       "one consumer group per observed group.");
    int row = 0;
    for (const auto &[topic, track] : m_topics) {
        NodeSpec t;
        t.id = topic;
        t.kind = NodeKind::Topic;
        t.pos = QPointF(300, 40 + 160 * row);
        t.partitions = std::max(1, track.partitions);
        t.replication_factor = std::clamp(track.replicationFactor, 1, s.cluster.brokers);
        s.nodes.push_back(t);
        const double rate = track.rateCount > 0 ? track.rateSum / track.rateCount : 0.0;
        if (rate > 0.0005) {
            NodeSpec p;
            p.id = producerId(topic);
            p.kind = NodeKind::Producer;
            p.pos = QPointF(0, 40 + 160 * row);
            p.label = QStringLiteral("producers of %1").arg(topic);
            p.traffic.pattern = TrafficPattern::Poisson;
            p.traffic.rate_per_s = roundTo(rate, 3);
            p.event_type = QStringLiteral("Record");
            s.nodes.push_back(p);
            EdgeSpec e;
            e.kind = EdgeKind::Publish;
            e.from = p.id;
            e.to = topic;
            e.key = QString(); // keys are not observed: spread over partitions
            arch.edges.push_back(e);
            notes << QStringLiteral("%1: %2 records/s measured").arg(topic).arg(p.traffic.rate_per_s);
        } else {
            notes << QStringLiteral("%1: nothing appended while watched, no producer").arg(topic);
        }
        ++row;
    }
    row = 0;
    for (const auto &[group, track] : m_groups) {
        QStringList topics;
        for (const QString &topic : track.topics)
            if (m_topics.count(topic))
                topics << topic;
        if (topics.isEmpty()) {
            notes << QStringLiteral("group %1: no committed offsets on a watched topic, left out").arg(group);
            continue;
        }
        topics.sort();
        NodeSpec svc;
        svc.id = groupId(m_topicNames, group);
        svc.kind = NodeKind::Service;
        svc.pos = QPointF(600, 40 + 160 * row++);
        svc.label = group;
        const int consumers = std::clamp(
            track.membersKnown && track.maxMembers > 0 ? track.maxMembers : std::max(1, track.partitions), 1,
            10000);
        svc.workers = consumers;
        int topicPartitions = 0;
        for (const QString &topic : topics)
            topicPartitions += m_topics.at(topic).partitions;
        // At most one member per partition does work (DESIGN.md §5).
        const int working = std::max(1, std::min(consumers, topicPartitions));
        const double meanEgress = track.egressCount > 0 ? track.egressSum / track.egressCount : 0.0;
        double capacity = track.capacity;
        QString how = QStringLiteral("drain rate with a backlog");
        if (capacity <= 0.0) {
            capacity = meanEgress;
            how = QStringLiteral("mean egress, a lower bound of its capacity");
        }
        svc.service_time.dist = ServiceTimeDist::Exponential;
        if (capacity > 0.0005) {
            svc.service_time.mean_ms = roundTo(1000.0 * working / capacity, 3);
            notes << QStringLiteral("group %1: %2 consumers, %3 records/s (%4) → mean %5 ms per record")
                         .arg(group)
                         .arg(consumers)
                         .arg(roundTo(capacity, 3))
                         .arg(how)
                         .arg(svc.service_time.mean_ms);
        } else {
            svc.service_time.mean_ms = 1000.0;
            notes << QStringLiteral(
                         "group %1: service time not measured (its offsets never moved), 1000 ms assumed")
                         .arg(group);
        }
        if (!track.membersKnown)
            notes << QStringLiteral("group %1: members not known, one per partition committed on assumed")
                         .arg(group);
        s.nodes.push_back(svc);
        for (const QString &topic : topics) {
            EdgeSpec e;
            e.kind = EdgeKind::Subscribe;
            e.from = topic;
            e.to = svc.id;
            e.group = group;
            e.consumers = consumers;
            arch.edges.push_back(e);
        }
    }
    s.architectures.push_back(arch);
    s.description =
        QStringLiteral("Made by `postoffice watch --save-scenario` from %1 s of observation of a real "
                       "cluster. Measured: topics, partitions, replication, brokers, group members. "
                       "Estimated: %2.")
            .arg(std::llround(watchedS))
            .arg(notes.isEmpty() ? QStringLiteral("nothing") : notes.join(QStringLiteral("; ")));
    return s;
}

} // namespace postoffice::app
