#include "WatchHistory.h"

#include <algorithm>

namespace postoffice::app {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

void WatchHistory::clear()
{
    m_havePrevious = false;
    m_logEnds.clear();
    m_commits.clear();
}

double WatchHistory::lagSeconds(const PartitionKey &key, qint64 committed, qint64 logEnd, qint64 nowMs) const
{
    if (committed < 0 || logEnd < 0)
        return kNaN;
    if (committed >= logEnd)
        return 0.0;
    const auto it = m_logEnds.constFind(key);
    if (it == m_logEnds.cend() || it->empty())
        return kNaN;
    const std::deque<Point> &table = *it;
    // The newest point at or below the committed offset, and the one after it: the log end
    // passed `committed` between them.
    for (int i = int(table.size()) - 1; i >= 0; --i) {
        if (table[i].offset > committed)
            continue;
        if (i + 1 >= int(table.size()))
            return double(nowMs - table[i].ms) / 1000.0;
        const Point &a = table[i];
        const Point &b = table[i + 1];
        const double f = double(committed - a.offset) / double(b.offset - a.offset);
        const double passedMs = double(a.ms) + f * double(b.ms - a.ms);
        return std::max(0.0, (double(nowMs) - passedMs) / 1000.0);
    }
    // Older than the table: extrapolate at the table's average rate.
    const Point &oldest = table.front();
    const Point &newest = table.back();
    if (newest.ms <= oldest.ms || newest.offset <= oldest.offset)
        return kNaN;
    const double rate = double(newest.offset - oldest.offset) / double(newest.ms - oldest.ms); // per ms
    return (double(nowMs - oldest.ms) + double(oldest.offset - committed) / rate) / 1000.0;
}

void WatchHistory::evaluate(GroupObservation &group, qint64 nowMs)
{
    auto &perPartition = m_commits[group.id];
    GroupStatus worst = GroupStatus::Unknown;
    QString reason;
    QSet<PartitionKey> seen;
    for (const auto &p : group.partitions) {
        if (p.committed < 0 || p.lag < 0)
            continue;
        const PartitionKey key(p.topic, p.partition);
        seen.insert(key);
        CommitTrack &track = perPartition[key];
        if (track.commits.empty() || track.commits.back().committed != p.committed)
            track.commits.push_back({nowMs, p.committed, p.lag});
        while (int(track.commits.size()) > m_windowSize)
            track.commits.pop_front();
        if (p.lag == 0)
            track.lastZeroMs = nowMs;

        const auto &w = track.commits;
        const QString where = QStringLiteral("%1[%2]").arg(p.topic).arg(p.partition);
        GroupStatus status = GroupStatus::Unknown;
        QString why;
        const bool caughtUp =
            p.lag == 0 || std::any_of(w.begin(), w.end(), [](const Commit &c) { return c.lag == 0; });
        const qint64 stalledMs = nowMs - std::max(w.back().ms, track.lastZeroMs);
        bool lagGrew = w.size() >= 3 && w.back().lag > w.front().lag;
        for (size_t i = 1; i < w.size() && lagGrew; ++i)
            lagGrew = w[i].lag >= w[i - 1].lag;
        if (p.lag == 0) {
            status = GroupStatus::Ok;
        } else if (stalledMs > m_stallMs) {
            status = GroupStatus::Error;
            why = QStringLiteral("%1: committed offset stuck at %2 for %3 s with lag %4")
                      .arg(where)
                      .arg(p.committed)
                      .arg(double(stalledMs) / 1000.0, 0, 'f', 1)
                      .arg(p.lag);
        } else if (caughtUp) {
            status = GroupStatus::Ok;
        } else if (lagGrew) {
            status = GroupStatus::Warning;
            why = QStringLiteral("%1: lag grew from %2 to %3 over its last %4 commits")
                      .arg(where)
                      .arg(w.front().lag)
                      .arg(w.back().lag)
                      .arg(w.size());
        } else if (w.size() >= 3) {
            status = GroupStatus::Ok;
        }
        if (int(status) > int(worst)) {
            worst = status;
            reason = why;
        }
    }
    // Partitions the group no longer commits to (topic deleted, reassigned) leave the window.
    for (auto it = perPartition.begin(); it != perPartition.end();)
        it = seen.contains(it.key()) ? std::next(it) : perPartition.erase(it);
    group.status = worst;
    group.statusReason = reason;
}

void WatchHistory::derive(ClusterObservation &obs)
{
    const qint64 now = obs.elapsedMs;
    const double dt = m_havePrevious && now > m_previousMs ? double(now - m_previousMs) / 1000.0 : 0.0;

    // Ingress from each partition's previous point, then the point joins its lookup table.
    QSet<PartitionKey> livePartitions;
    for (auto &topic : obs.topics) {
        double topicRate = 0.0;
        bool anyRate = false;
        for (auto &p : topic.partitions) {
            const PartitionKey key(topic.name, p.partition);
            livePartitions.insert(key);
            if (p.logEnd < 0)
                continue;
            auto &table = m_logEnds[key];
            if (dt > 0 && !table.empty() && table.back().ms == m_previousMs &&
                p.logEnd >= table.back().offset) {
                p.ingressPerS = double(p.logEnd - table.back().offset) / dt;
                topicRate += p.ingressPerS;
                anyRate = true;
            }
            if (!table.empty() && p.logEnd < table.back().offset)
                table.clear(); // the log went backwards: the topic was recreated
            table.push_back({now, p.logEnd});
            while (int(table.size()) > kLookupPoints)
                table.pop_front();
        }
        if (anyRate)
            topic.ingressPerS = topicRate;
    }
    for (auto it = m_logEnds.begin(); it != m_logEnds.end();)
        it = livePartitions.contains(it.key()) ? std::next(it) : m_logEnds.erase(it);

    // Lag, lag in seconds and egress per group.
    QSet<QString> liveGroups;
    for (auto &group : obs.groups) {
        liveGroups.insert(group.id);
        group.lag = 0;
        double worstSeconds = -1.0;
        bool secondsUnknown = false;
        double egress = 0.0;
        bool anyEgress = false;
        const auto previous = m_commits.constFind(group.id);
        for (auto &p : group.partitions) {
            if (const TopicObservation *t = obs.topic(p.topic))
                if (const PartitionObservation *part = t->partition(p.partition))
                    p.logEnd = part->logEnd;
            p.lag = p.committed >= 0 && p.logEnd >= 0 ? std::max<qint64>(0, p.logEnd - p.committed) : -1;
            if (p.lag > 0)
                group.lag += p.lag;
            p.lagSeconds = lagSeconds(PartitionKey(p.topic, p.partition), p.committed, p.logEnd, now);
            if (p.lag > 0 && std::isnan(p.lagSeconds))
                secondsUnknown = true;
            else if (!std::isnan(p.lagSeconds))
                worstSeconds = std::max(worstSeconds, p.lagSeconds);
            if (dt > 0 && previous != m_commits.cend() && p.committed >= 0) {
                const auto w = previous->constFind(PartitionKey(p.topic, p.partition));
                if (w != previous->cend() && !w->commits.empty() &&
                    p.committed >= w->commits.back().committed) {
                    egress += double(p.committed - w->commits.back().committed) / dt;
                    anyEgress = true;
                }
            }
        }
        group.lagSeconds = secondsUnknown || worstSeconds < 0 ? (group.lag == 0 ? 0.0 : kNaN) : worstSeconds;
        if (anyEgress)
            group.egressPerS = egress;
        evaluate(group, now);
    }
    for (auto it = m_commits.begin(); it != m_commits.end();)
        it = liveGroups.contains(it.key()) ? std::next(it) : m_commits.erase(it);

    m_havePrevious = true;
    m_previousMs = now;
}

} // namespace postoffice::app
