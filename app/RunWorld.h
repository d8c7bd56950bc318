#pragma once

// One architecture's simulated world: the clock and event queue every part of the run shares, the
// topology tables (nodes, edges, topics, consumer groups) they read and update, and the parts
// themselves, each owning its own state and reaching the others through here — as OMNeT++ modules
// reach one another through the simulation kernel. ArchitectureRun builds the world and delivers
// each queued event to the part it belongs to.

#include "BrokerLink.h"
#include "CallEdge.h"
#include "ConsumerGroupDriver.h"
#include "EdgeRuntime.h"
#include "EventQueue.h"
#include "FaultSchedule.h"
#include "GroupRuntime.h"
#include "NodeRuntime.h"
#include "OrderLedger.h"
#include "PublishEdge.h"
#include "SampleCollector.h"
#include "ServiceStation.h"
#include "SimEvent.h"
#include "StreamProcessorNode.h"
#include "TopicRuntime.h"
#include "TrafficSource.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <vector>

namespace postoffice::app {

class SimulationObserver;

// What a queued event asks for; ArchitectureRun routes each to its part.
enum RunEventType : std::uint32_t {
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

// Orders come in these categories: an aggregate window counts per category, a record names one.
inline constexpr int kCategories = 8;
inline constexpr const char *kCategoryNames[kCategories] = {"books", "games",  "garden", "kitchen",
                                                            "music", "sports", "toys",   "tools"};

class RunWorld
{
public:
    RunWorld(const QString &name, int index, double horizonS);
    RunWorld(const RunWorld &) = delete;
    RunWorld &operator=(const RunWorld &) = delete;

    int nodeIndex(const QString &id) const { return nodeIds.value(id, -1); }

    // An event for the log, stamped with the time and this architecture.
    void emitEvent(SimEventKind kind, const QString &node, const QString &text, qint64 count = 0);
    // An event the group protocol wrote: only the architecture is stamped.
    void announce(SimEvent &&event);
    // A message moving along an edge, for an observer that animates them.
    void message(std::uint32_t edge, int kind, double start, double end)
    {
        if (messages)
            sendMessage(edge, kind, start, end);
    }

    const QString name;
    const int index;
    const double horizon; // no arrival is scheduled past the end of the run

    double now = 0.0;
    // Every simulation event, including zero-latency call arrivals and replies that are
    // dispatched directly instead of through the queue.
    quint64 events = 0;
    double latencyS = 0.0;     // one network hop
    std::uint32_t hopLane = 0; // the event queue lane of everything one hop ahead
    EventQueue queue;

    std::vector<NodeRuntime> nodes;
    QHash<QString, int> nodeIds;
    std::vector<EdgeRuntime> edges;
    std::vector<TopicRuntime> topics;
    std::vector<GroupRuntime> groups;

    SimulationObserver *observer = nullptr;
    // Events of the build (the groups' first generation, at time 0) happen before any observer can
    // attach: kept and handed to the first observer.
    std::vector<SimEvent> buildEvents;
    bool building = false;
    bool messages = false;
    bool percentiles = false;

    // The parts, in the order they are built (each only remembers the world at construction).
    OrderLedger orders;
    ServiceStation services;
    TrafficSource traffic;
    CallEdge calls;
    BrokerLink broker;
    PublishEdge publish;
    ConsumerGroupDriver consumers;
    StreamProcessorNode streams;
    FaultSchedule faults;
    SampleCollector samples;

private:
    void sendMessage(std::uint32_t edge, int kind, double start, double end);
    void deliver(SimEvent &&event);
};

} // namespace postoffice::app
