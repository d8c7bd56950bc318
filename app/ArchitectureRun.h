#pragma once

// One architecture of a scenario running on its own world: its nodes, edges, topics (in its own
// broker cluster), consumer groups, orders and event queue. The Simulation drives several of these
// in lock step under the same clock so they see the same arrivals and faults.

#include "BrokerObserver.h"
#include "CallAttempt.h"
#include "Cluster.h"
#include "EdgeRuntime.h"
#include "EventQueue.h"
#include "GroupMembership.h"
#include "GroupRuntime.h"
#include "Histogram.h"
#include "LiveState.h"
#include "NodeRuntime.h"
#include "OrderState.h"
#include "Request.h"
#include "RunSummary.h"
#include "Sample.h"
#include "Scenario.h"
#include "SimEvent.h"
#include "TopicRuntime.h"
#include "VirtualClock.h"

#include <QHash>

#include <algorithm>

#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <vector>

namespace postoffice::app {

class SimulationObserver;

class ArchitectureRun : private broker::BrokerObserver, private GroupMembership::Host
{
public:
    // On a scenario the engine cannot run, *error is set and the run stays empty.
    ArchitectureRun(const Scenario &scenario, const ArchitectureSpec &architecture, int index, quint64 seed,
                    double horizonS, QString *error);
    ~ArchitectureRun() override;

    const QString &name() const { return m_name; }
    double nextEventTime() const
    {
        const double queued = m_queue.empty() ? std::numeric_limits<double>::infinity() : m_queue.nextTime();
        return std::min(queued, m_brokerTickAt);
    }
    // Processes every event at or before t; then now() == t.
    void runThrough(double t);
    void processNext();
    double now() const { return m_now; }
    // Every simulation event, including zero-latency call arrivals and replies that are
    // dispatched directly instead of through the queue.
    quint64 eventsProcessed() const { return m_events; }

    void setObserver(SimulationObserver *observer, bool messages);
    void startFault(int id, const FaultSpec &fault);
    void endFault(int id);

    // End of simulated second `second`: fills `out` and updates lag statistics.
    void sample(qint64 second, ArchitectureSample &out, bool withPercentiles);
    ArchitectureSummary summary(double runTimeS) const;

    NodeState nodeState(const QString &node) const;
    // The architecture's broker cluster, for reading records (null when it has no topics).
    const broker::Cluster *cluster() const { return m_cluster.get(); }
    std::vector<PartitionState> topicState(const QString &topic) const;
    std::vector<GroupState> groupStates() const;
    QStringList groupNames() const;
    // Records each group fetched again after a crash or rebalance (at-least-once), by group index.
    std::vector<quint64> groupRedeliveries() const;

private:
    enum EventType : std::uint32_t {
        EvArrival,
        EvServiceDone,
        EvCallArrive,
        EvCallReply,
        EvCallTimeout,
        EvCallRetry,
        EvPublishAck,
        EvCommit,
        EvWindow,
        EvMemberPoll,
        EvSessionTimeout,
        EvRebalanceRound,
    };

    // building
    bool build(const Scenario &scenario, const ArchitectureSpec &architecture, quint64 seed, QString *error);
    int nodeIndex(const QString &id) const { return m_nodeIndex.value(id, -1); }

    // event dispatch
    void dispatch(const Event &e);

    // producers and orders
    void scheduleArrival(std::uint32_t node);
    double currentRate(const NodeRuntime &n, double t) const;
    void onArrival(std::uint32_t node, std::uint32_t gen);
    std::uint32_t newOrder(std::uint16_t category);
    void acquire(std::uint32_t order)
    {
        if (order != Request::kNone)
            ++m_orders[order].refs;
    }
    void release(std::uint32_t order);

    // requests and services
    std::uint32_t newRequest(std::uint32_t order, std::uint32_t node, RequestOrigin origin);
    void freeRequest(std::uint32_t r);
    void arrive(std::uint32_t r);
    void startService(std::uint32_t r);
    void onServiceDone(std::uint32_t r);
    void runEdges(std::uint32_t r);
    void finishRequest(std::uint32_t r, bool ok);
    void changeBusy(NodeRuntime &n, int callDelta, int memberDelta);
    double serviceTime(NodeRuntime &n);

    // calls
    bool startCall(std::uint32_t r, std::uint32_t edge);
    void sendAttempt(std::uint32_t c);
    void onCallArrive(std::uint32_t c, std::uint32_t gen);
    void onCallReply(std::uint32_t c, std::uint32_t gen, bool ok);
    void onCallTimeout(std::uint32_t c, std::uint32_t gen);
    void attemptFailed(std::uint32_t c);
    void endCall(std::uint32_t c, bool ok);
    void breakerOutcome(EdgeRuntime &edge, bool ok);

    // publish and the broker
    void startPublish(std::uint32_t r, std::uint32_t edge);
    void appendDerived(std::uint32_t edge, std::uint16_t category, std::uint64_t count);
    void onPublishAck(std::uint32_t r, bool ok);
    void brokerChanged();
    void onBrokerTick();
    void syncClock();
    void setBrokerUp(int brokerNode, bool up);
    void redrawArrivals(int producerNode); // -1: every producer

    // consumer groups
    // A member finished its record during a rebalance. A call of its own keeps the record path as
    // lean as it was before the protocol moved out (callgrind, bench_sim).
    void tryCompleteRebalance(std::uint32_t g);
    void pollMember(std::uint32_t g, std::uint32_t m);
    // The offset lies in the group's fetch session on that partition, and nothing in the broker has
    // changed since that could make it unreadable.
    bool fetched(const GroupRuntime &g, int partition, std::int64_t offset) const;
    void wakeWaiting(int topic, int partition);
    void refreshHighWatermark(int topic, int partition);
    void onRecordProcessed(std::uint32_t r, bool ok);
    void chargeLost(int topic, int partition, std::int64_t from, std::int64_t to, std::uint32_t onlyGroup,
                    LossReason reason);
    void trimEntries(int topic, int partition);
    void commit(std::uint32_t g, int partition);
    void onCommitTick(std::uint32_t g);
    void onWindow(std::uint32_t node);
    std::int64_t partitionLag(const GroupRuntime &g, int partition) const;
    std::int64_t groupLag(const GroupRuntime &g) const;

    // faults
    void applyFaults();
    bool cut(std::uint32_t a, std::uint32_t b) const;
    void emitEvent(SimEventKind kind, const QString &node, const QString &text, qint64 count = 0);
    void message(std::uint32_t edge, int kind, double start, double end);

    // GroupMembership::Host: the membership protocol's timers, commits and events
    void scheduleSessionTimeout(double at, std::uint32_t group, std::uint32_t member,
                                std::uint32_t epoch) override;
    void scheduleRebalanceRound(double at, std::uint32_t group, std::uint32_t round) override;
    void schedulePoll(double at, std::uint32_t group, std::uint32_t member, std::uint32_t epoch) override;
    void commitPartition(std::uint32_t group, int partition) override;
    void announce(SimEvent &&event) override;

    // BrokerObserver
    void onAppend(const std::string &topic, std::int32_t partition, std::int64_t baseOffset,
                  std::int32_t count) override;
    void onRecordsLost(const std::string &topic, std::int32_t partition, std::int64_t firstOffset,
                       std::int64_t lastOffset, const std::string &reason) override;
    void onRetention(const std::string &topic, std::int32_t partition,
                     std::int64_t newLogStartOffset) override;
    void onLeaderChange(const std::string &topic, std::int32_t partition, std::int32_t leader,
                        std::int32_t leaderEpoch) override;
    void onIsrChange(const std::string &topic, std::int32_t partition,
                     const std::vector<std::int32_t> &isr) override;
    int topicIndex(const std::string &topic) const;

    QString m_name;
    int m_index = 0;
    double m_now = 0.0;
    quint64 m_events = 0;
    double m_latencyS = 0.0;     // one network hop
    std::uint32_t m_hopLane = 0; // the event queue lane of everything one hop ahead
    double m_horizon = 0.0;      // no arrival is scheduled past the end of the run
    EventQueue m_queue;

    std::vector<NodeRuntime> m_nodes;
    QHash<QString, int> m_nodeIndex;
    std::vector<EdgeRuntime> m_edges;
    std::vector<TopicRuntime> m_topics;
    std::vector<GroupRuntime> m_groups;
    std::vector<GroupMembership> m_membership; // per group: who reads which partition, and rebalances
    std::vector<std::uint32_t> m_producers;

    std::vector<OrderState> m_orders;
    std::vector<std::uint32_t> m_freeOrders;
    std::vector<Request> m_requests;
    std::vector<std::uint32_t> m_freeRequests;
    std::vector<CallAttempt> m_calls;
    std::vector<std::uint32_t> m_freeCalls;

    VirtualClock m_clock;
    std::unique_ptr<broker::Cluster> m_cluster;
    // The broker's next deadline: a timer kept beside the queue, not in it, because it moves
    // earlier and later with every produce and stale heap entries would pile up.
    double m_brokerTickAt = std::numeric_limits<double>::infinity();
    broker::FetchResult m_fetch;
    // Changes whenever a leader, a log start or a log end may have moved backwards: fetched
    // batches from before are fetched again.
    std::uint32_t m_brokerEpoch = 1;
    // what is being appended right now (set around Cluster::produce so onAppend can charge it)
    std::uint32_t m_appendingOrder = Request::kNone;
    std::uint16_t m_appendingCategory = 0;
    int m_appendingTopic = -1;
    std::vector<std::pair<int, int>> m_wakeups; // (topic, partition) whose high watermark may have moved
    bool m_refreshAll = false;                  // a leader change or loss: re-read every partition

    std::map<int, FaultSpec> m_activeFaults;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_cuts;

    // orders
    quint64 m_placed = 0;
    quint64 m_completed = 0;
    quint64 m_failed = 0;
    quint64 m_lost = 0;
    std::map<LossReason, quint64> m_lostBy;
    quint64 m_accepted = 0;
    quint64 m_rejected = 0;
    Histogram m_e2e;
    Histogram m_response;
    Histogram m_secondE2e;
    Histogram m_secondResponse;

    SimulationObserver *m_observer = nullptr;
    // Events of the build (the groups' first generation, at time 0) happen before any observer can
    // attach: kept and handed to the first observer.
    std::vector<SimEvent> m_buildEvents;
    bool m_building = false;
    bool m_messages = false;
    bool m_percentiles = false;
};

} // namespace postoffice::app
