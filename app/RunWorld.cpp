#include "RunWorld.h"

#include "SimulationObserver.h"

namespace postoffice::app {

RunWorld::RunWorld(const QString &name, int index, double horizonS)
    : name(name), index(index), horizon(horizonS), orders(*this), services(*this), traffic(*this),
      calls(*this), broker(*this), publish(*this), consumers(*this), streams(*this), faults(*this),
      samples(*this)
{}

void RunWorld::emitEvent(SimEventKind kind, const QString &node, const QString &text, qint64 count)
{
    SimEvent e;
    e.t_s = now;
    e.kind = kind;
    e.architecture = index;
    e.node = node;
    e.text = text;
    e.count = count;
    deliver(std::move(e));
}

void RunWorld::announce(SimEvent &&event)
{
    event.architecture = index;
    deliver(std::move(event));
}

// Events of the build (every group's first generation) are kept for the observer that attaches
// after it; with no observer and no build, nobody is told.
void RunWorld::deliver(SimEvent &&event)
{
    if (observer)
        observer->onEvent(event);
    else if (building)
        buildEvents.push_back(std::move(event));
}

void RunWorld::sendMessage(std::uint32_t edge, int kind, double start, double end)
{
    observer->onMessage(index, int(edge), MessageKind(kind), start, end);
}

} // namespace postoffice::app
