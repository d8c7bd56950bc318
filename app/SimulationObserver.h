#pragma once

// Hooks the engine calls while it runs (the OMNeT++ Qtenv pattern): the GUI and the run store
// listen; the engine never waits for them. Messages are reported only to an observer that asks
// for them, so a headless run pays nothing for animation.

#include "Sample.h"
#include "SimEvent.h"

#include <vector>

namespace postoffice::app {

enum class MessageKind {
    Request,  // a call travelling caller → callee
    Response, // the reply travelling callee → caller
    Failure,  // a failed or timed-out call, shown on the edge
    Publish,  // a record travelling producer → topic
    Deliver,  // a record fetched by a consumer: topic → service
};

class SimulationObserver
{
public:
    virtual ~SimulationObserver() = default;

    // Once per simulated second, after that second has been simulated; one entry per architecture.
    virtual void onSample(qint64 second, const std::vector<ArchitectureSample> &samples)
    {
        Q_UNUSED(second);
        Q_UNUSED(samples);
    }
    virtual void onEvent(const SimEvent &event) { Q_UNUSED(event); }

    // Asked once when the observer is attached; onMessage is called only if this returns true.
    virtual bool wantsMessages() const { return false; }
    // A message moves along edge `edge` (index in the architecture's edge list) from t_start_s to
    // t_end_s (virtual time; equal when the network latency is zero).
    virtual void onMessage(int architecture, int edge, MessageKind kind, double t_start_s, double t_end_s)
    {
        Q_UNUSED(architecture);
        Q_UNUSED(edge);
        Q_UNUSED(kind);
        Q_UNUSED(t_start_s);
        Q_UNUSED(t_end_s);
    }
};

} // namespace postoffice::app
