#pragma once

#include "ClusterConfig.h"

#include <cstdint>
#include <vector>

namespace postoffice::broker {

class ObserverList;
class PartitionLog;
class PartitionState;

// The log cleaner's periodic pass over every partition: retention.ms / retention.bytes delete whole
// segments, cleanup.policy=compact keeps each key's latest record (when log.cleaner.enable). It runs
// on the log.retention.check.interval.ms grid that starts with the cluster, and only while some log
// has something it could remove, so an idle simulation is not woken for nothing.
class LogRetention
{
public:
    LogRetention(const ClusterConfig &config, const ObserverList &observers, std::int64_t startMs);

    // Whether retention or compaction could ever remove something from this log.
    static bool maintainable(const PartitionLog &log);
    // A log became maintainable at now: make sure a check is pending.
    void markNeeded(std::int64_t now);
    bool pending() const { return m_needed; }
    std::int64_t nextCheckMs() const { return m_nextCheckMs; } // meaningful while pending()
    // The check due at dueMs: the next one goes on the grid, then every leader's log is cleaned.
    void run(std::int64_t dueMs, const std::vector<PartitionState *> &partitions);

private:
    const ClusterConfig &m_config;
    const ObserverList &m_observers;
    std::int64_t m_nextCheckMs;
    bool m_needed = false;
};

} // namespace postoffice::broker
