#include "WatchRecorder.h"

#include "WhatIfScenario.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace postoffice::app {

namespace {

quint32 clampCount(double v)
{
    if (!std::isfinite(v) || v <= 0)
        return 0;
    return v >= 4294967295.0 ? 4294967295u : quint32(std::llround(v));
}

SimEventKind simKind(ClusterEvent::Kind kind)
{
    switch (kind) {
    case ClusterEvent::Kind::LeaderChange:
        return SimEventKind::LeaderChange;
    case ClusterEvent::Kind::IsrShrink:
    case ClusterEvent::Kind::IsrExpand:
        return SimEventKind::IsrChange;
    case ClusterEvent::Kind::Rebalance:
        return SimEventKind::Rebalance;
    default:
        return SimEventKind::Narration; // stored under the event's own kind name
    }
}

} // namespace

QJsonObject WatchRecorder::settingsJson(const WatchConfig &config)
{
    QJsonObject properties;
    for (const auto &[key, value] : config.redacted())
        properties.insert(key, value);
    QJsonObject watch{{QStringLiteral("bootstrap"), config.bootstrap},
                      {QStringLiteral("interval_ms"), config.intervalMs},
                      {QStringLiteral("config"), properties}};
    if (!config.extraGroups.isEmpty())
        watch.insert(QStringLiteral("groups"), QJsonArray::fromStringList(config.extraGroups));
    return QJsonObject{{QStringLiteral("watch"), watch}};
}

std::optional<qint64> WatchRecorder::begin(const WatchConfig &config, double duration_s)
{
    RunStore::NewRun run;
    m_name = QStringLiteral("watch %1").arg(config.bootstrap);
    run.scenario = m_name;
    run.scenarioText = QString::fromUtf8(QJsonDocument(settingsJson(config)).toJson(QJsonDocument::Indented));
    run.seed = 0;
    run.duration_s = duration_s;
    m_layout = {};
    m_layout.architectures = {WhatIfScenario::kArchitecture};
    m_layout.groups = {QStringList()};
    m_layout.orders = false;
    run.layout = m_layout;
    m_nodeIndex.clear();
    m_groupIndex.clear();
    m_groups.clear();
    m_pending.reset();
    // Watched seconds arrive in wall time: every sample is flushed within a second.
    m_store.setFlushEverySeconds(1);
    return m_store.beginRun(run);
}

bool WatchRecorder::record(const ClusterObservation &obs)
{
    // New topics and groups extend the layout; indices already used keep their names.
    bool grown = false;
    auto node = [&](const QString &name) {
        auto it = m_nodeIndex.constFind(name);
        if (it != m_nodeIndex.cend())
            return *it;
        m_layout.nodes << name;
        grown = true;
        return *m_nodeIndex.insert(name, int(m_layout.nodes.size()) - 1);
    };
    auto group = [&](const QString &name) {
        auto it = m_groupIndex.constFind(name);
        if (it != m_groupIndex.cend())
            return *it;
        m_layout.groups[0] << name;
        grown = true;
        return *m_groupIndex.insert(name, int(m_layout.groups[0].size()) - 1);
    };

    ArchitectureSample sample;
    sample.architecture = 0;
    for (const auto &t : obs.topics) {
        NodeSample n;
        n.node = node(t.name);
        n.arrivals = clampCount(t.ingressPerS);
        sample.nodes.push_back(n);
    }
    const double t = double(obs.elapsedMs) / 1000.0;
    for (const auto &g : obs.groups) {
        NodeSample n;
        n.node = node(WhatIfScenario::groupNodeId(obs, g.id));
        double in = 0.0;
        for (const QString &topic : g.topics())
            if (const TopicObservation *to = obs.topic(topic); to && std::isfinite(to->ingressPerS))
                in += to->ingressPerS;
        n.arrivals = clampCount(in);
        n.completions = clampCount(g.egressPerS);
        n.queue_len = clampCount(double(g.lag));
        n.busy = quint32(g.membersKnown ? g.members.size() : 0);
        sample.nodes.push_back(n);

        GroupSample gs;
        gs.group = group(g.id);
        gs.lag = g.lag;
        const QStringList topics = g.topics();
        if (topics.size() == 1)
            if (const TopicObservation *to = obs.topic(topics.front())) {
                std::vector<qint64> lags(to->partitions.size(), -1);
                for (const auto &p : g.partitions)
                    if (p.topic == topics.front() && p.partition >= 0 && p.partition < int(lags.size()))
                        lags[size_t(p.partition)] = p.lag;
                if (std::none_of(lags.begin(), lags.end(), [](qint64 l) { return l < 0; }))
                    gs.partition_lag = std::move(lags);
            }
        sample.groups.push_back(gs);

        GroupTrack &track = m_groups[g.id];
        if (g.lag > track.maxLag) {
            track.maxLag = g.lag;
            track.maxAt = t;
            track.drainedAt.reset();
        } else if (!track.drainedAt && track.maxLag > 0 &&
                   double(g.lag) <= std::max(10.0, 0.01 * double(track.maxLag))) {
            track.drainedAt = t;
        }
        track.endLag = g.lag;
        track.lagSeconds = g.lagSeconds;
        track.status = g.status;
    }
    m_lastT = t;
    if (grown && !m_store.extendLayout(m_layout))
        return false;
    const qint64 second = std::max<qint64>(1, qint64(std::ceil(t)));
    if (m_pending && m_pending->first < second && !m_store.addSecond(m_pending->first, {m_pending->second}))
        return false;
    if (m_pending && m_pending->first > second)
        return true; // a clock step backwards: keep the later second
    m_pending = std::make_pair(second, std::move(sample));
    return true;
}

bool WatchRecorder::recordEvent(const ClusterEvent &e)
{
    SimEvent s;
    s.t_s = double(e.elapsedMs) / 1000.0;
    s.kind = simKind(e.kind);
    s.node = e.subject;
    s.text = e.text;
    s.members = e.members;
    s.partitions = e.partitions;
    return m_store.addEvent(s, ClusterEvent::kindName(e.kind));
}

QJsonObject WatchRecorder::summary() const
{
    QJsonObject groups;
    for (const auto &[id, track] : m_groups) {
        QJsonObject g{{QStringLiteral("max_lag"), track.maxLag},
                      {QStringLiteral("end_lag"), track.endLag},
                      {QStringLiteral("drain_s"), track.drainedAt ? QJsonValue(*track.drainedAt - track.maxAt)
                                                                  : QJsonValue(QJsonValue::Null)},
                      {QStringLiteral("status"), groupStatusName(track.status)}};
        if (std::isfinite(track.lagSeconds))
            g.insert(QStringLiteral("end_lag_s"), track.lagSeconds);
        groups.insert(id, g);
    }
    return QJsonObject{
        {QStringLiteral("scenario"), m_name},
        {QStringLiteral("duration_s"), m_lastT},
        {QStringLiteral("architectures"),
         QJsonObject{{WhatIfScenario::kArchitecture, QJsonObject{{QStringLiteral("groups"), groups}}}}}};
}

bool WatchRecorder::finish(bool finished)
{
    if (m_pending && !m_store.addSecond(m_pending->first, {m_pending->second})) {
        m_store.finishRun(RunStore::Status::Aborted, summary());
        return false;
    }
    m_pending.reset();
    return m_store.finishRun(finished ? RunStore::Status::Finished : RunStore::Status::Aborted, summary());
}

} // namespace postoffice::app
