#include "LogRetention.h"

#include "ObserverList.h"
#include "PartitionState.h"

#include <algorithm>

namespace postoffice::broker {

LogRetention::LogRetention(const ClusterConfig &config, const ObserverList &observers, std::int64_t startMs)
    : m_config(config), m_observers(observers),
      m_nextCheckMs(startMs + std::max<std::int64_t>(config.logRetentionCheckIntervalMs, 1))
{}

bool LogRetention::maintainable(const PartitionLog &log)
{
    const TopicConfig &c = log.config();
    const bool removable =
        c.cleanupCompact || (c.cleanupDelete && (c.retentionMs >= 0 || c.retentionBytes >= 0));
    return removable && log.logEndOffset() > log.logStartOffset();
}

void LogRetention::markNeeded(std::int64_t now)
{
    if (m_needed)
        return;
    m_needed = true;
    // Stay on the log.retention.check.interval.ms grid that started with the cluster.
    if (m_nextCheckMs < now) {
        const std::int64_t interval = m_config.logRetentionCheckIntervalMs;
        m_nextCheckMs += (now - m_nextCheckMs + interval - 1) / interval * interval;
    }
}

void LogRetention::run(std::int64_t dueMs, const std::vector<PartitionState *> &partitions)
{
    m_nextCheckMs = dueMs + m_config.logRetentionCheckIntervalMs;
    bool stillNeeded = false;
    for (PartitionState *p : partitions) {
        // Without a leader nobody cleans the log; it stays due for when one is elected.
        if (p->leaderIndex < 0) {
            stillNeeded = stillNeeded || maintainable(p->log);
            continue;
        }
        if (m_config.logCleanerEnable)
            p->log.compact(dueMs, p->highWatermark);
        if (p->log.applyRetention(dueMs, p->highWatermark)) {
            const std::int64_t start = p->log.logStartOffset();
            m_observers.notify([&](BrokerObserver *o) { o->onRetention(p->topic, p->partition, start); });
        }
        stillNeeded = stillNeeded || maintainable(p->log);
    }
    m_needed = stillNeeded;
}

} // namespace postoffice::broker
