#pragma once

// One architecture of a scenario running on its own world: its nodes, edges, topics (in its own
// broker cluster), consumer groups, orders and event queue. The Simulation drives several of these
// in lock step under the same clock so they see the same arrivals and faults.
//
// The run builds the world from the scenario and is its kernel: it takes the next event (the
// broker's own deadline or the queue's) and delivers it to the part of the world it concerns.
// The parts — traffic, service stations, call and publish edges, the broker link, consumer
// groups, stream processors, faults, orders and samples — own their state (see RunWorld).

#include "RunWorld.h"
#include "Scenario.h"

#include <algorithm>
#include <limits>

namespace postoffice::app {

class SimulationObserver;

class ArchitectureRun
{
public:
    // On a scenario the engine cannot run, *error is set and the run stays empty.
    ArchitectureRun(const Scenario &scenario, const ArchitectureSpec &architecture, int index, quint64 seed,
                    double horizonS, QString *error);

    const QString &name() const { return m_world.name; }
    double nextEventTime() const
    {
        const EventQueue &queue = m_world.queue;
        const double queued = queue.empty() ? std::numeric_limits<double>::infinity() : queue.nextTime();
        return std::min(queued, m_world.broker.tickAt());
    }
    // Processes every event at or before t; then now() == t.
    void runThrough(double t);
    void processNext();
    double now() const { return m_world.now; }
    // Every simulation event, including zero-latency call arrivals and replies that are
    // dispatched directly instead of through the queue.
    quint64 eventsProcessed() const { return m_world.events; }

    void setObserver(SimulationObserver *observer, bool messages);
    void startFault(int id, const FaultSpec &fault) { m_world.faults.start(id, fault); }
    void endFault(int id) { m_world.faults.end(id); }

    // End of simulated second `second`: fills `out` and updates lag statistics.
    void sample(qint64 second, ArchitectureSample &out, bool withPercentiles);
    ArchitectureSummary summary(double runTimeS) const { return m_world.samples.summary(runTimeS); }

    NodeState nodeState(const QString &node) const { return m_world.samples.nodeState(node); }
    // The architecture's broker cluster, for reading records (null when it has no topics).
    const broker::Cluster *cluster() const { return m_world.broker.cluster(); }
    // For clients outside the scenario (see Simulation::externalCluster).
    broker::Cluster *externalCluster()
    {
        m_world.broker.syncClock();
        return m_world.broker.cluster();
    }
    void externalChangeDone() { m_world.broker.changed(); }
    ConsumerGroupDriver &externalGroups() { return m_world.consumers; }
    std::vector<PartitionState> topicState(const QString &topic) const
    {
        return m_world.samples.topicState(topic);
    }
    std::vector<GroupState> groupStates() const { return m_world.samples.groupStates(); }
    QStringList groupNames() const { return m_world.samples.groupNames(); }
    // Records each group fetched again after a crash or rebalance (at-least-once), by group index.
    std::vector<quint64> groupRedeliveries() const { return m_world.samples.groupRedeliveries(); }

private:
    bool build(const Scenario &scenario, const ArchitectureSpec &architecture, quint64 seed, QString *error);
    void dispatch(const Event &e);

    // The parts keep references to the world: it stays where it is built.
    RunWorld m_world;
};

} // namespace postoffice::app
