#pragma once

// Snapshots of the running world the GUI polls between frames (node colours, badges, topic logs
// with committed-offset markers). Cheap to build; never kept by the engine.

#include <QString>

#include <vector>

namespace postoffice::app {

enum class NodeHealth { Ok, Slow, Down, Failing };

struct NodeState
{
    NodeHealth health = NodeHealth::Ok;
    int queue_len = 0;       // requests waiting for a worker (consumer services: their group's lag)
    int busy = 0;            // busy workers (or consumers)
    int workers = 0;         // workers (or consumers)
    quint64 failures = 0;    // cumulative
    quint64 completions = 0; // cumulative
};

struct GroupOffset
{
    QString group;
    qint64 committed = 0; // next offset the group will read after a restart
};

struct PartitionState
{
    int partition = 0;
    qint64 log_start = 0; // first offset still stored (retention moves it)
    qint64 log_end = 0;   // next offset to be written
    qint64 high_watermark = 0;
    int leader = -1; // broker id, -1: offline
    std::vector<GroupOffset> groups;
};

struct GroupState
{
    QString group;
    QString topic;
    QString service; // the node that consumes
    qint64 lag = 0;
    std::vector<qint64> partition_lag;
    int members = 0;      // live members
    int idle_members = 0; // live members without a partition (more consumers than partitions)
    int generation = 0;
    quint64 redelivered = 0; // records fetched again after a crash or rebalance (at-least-once)
};

} // namespace postoffice::app
