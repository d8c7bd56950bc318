#pragma once

// What one architecture shows while and after it runs: the per-second sample for the charts and
// the run store (with each group's peak lag and drain time), the end-of-run summary, and the live
// state of a node, a topic or the consumer groups for the canvas and the inspector.

#include "GroupRuntime.h"
#include "LiveState.h"
#include "RunSummary.h"
#include "Sample.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace postoffice::app {

class RunWorld;

class SampleCollector
{
public:
    explicit SampleCollector(RunWorld &world) : m_world(world) {}

    // The second that just ended; the per-second counters start again.
    void sample(ArchitectureSample &out, bool withPercentiles);
    ArchitectureSummary summary(double runTimeS) const;

    NodeState nodeState(const QString &node) const;
    std::vector<PartitionState> topicState(const QString &topic) const;
    std::vector<GroupState> groupStates() const;
    QStringList groupNames() const;
    std::vector<quint64> groupRedeliveries() const;

private:
    RunWorld &m_world;
};

} // namespace postoffice::app
