#pragma once

// Something an observer shows in the event log: a fault starting or ending, a narration step, a
// rebalance, a leader or ISR change, records lost. Rare compared with messages, so it carries text.

#include "Scenario.h"

#include <QString>

#include <optional>

namespace postoffice::app {

enum class SimEventKind {
    FaultStart,
    FaultEnd,
    Narration,
    Rebalance,
    LeaderChange,
    IsrChange,
    RecordsLost,
    BreakerOpen,
    BreakerClosed,
};

struct SimEvent
{
    double t_s = 0.0;
    SimEventKind kind = SimEventKind::Narration;
    int architecture = -1; // index in Simulation::architectures(); -1: every architecture
    QString node;          // the node concerned (fault target, group's service, topic), if any
    QString text;          // human-readable description (narration text for Narration)
    int fault_id = -1;     // FaultStart / FaultEnd: id from Simulation::injectFault or scenario order
    qint64 count = 0;      // RecordsLost: how many; Rebalance: generation
    bool pause = false;    // Narration: the scenario asks the presenter to pause here
    // Rebalance: the consumers sharing the group's partitions once it is over, the partitions, and
    // how many partitions changed hands. -1 when not known (an event built without them).
    int members = -1;
    int partitions = -1;
    int moved = -1;
    // FaultStart / FaultEnd: the fault as scheduled or injected (kind, target, peer, factor,
    // add_ms, rate, consumers, the architecture it is limited to). Observers word a fault from
    // these fields: `text` is for logs and may change its wording at any time.
    std::optional<FaultSpec> fault;
};

QString simEventKindName(SimEventKind kind);

} // namespace postoffice::app
