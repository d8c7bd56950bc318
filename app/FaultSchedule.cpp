#include "FaultSchedule.h"

#include "RunWorld.h"

namespace postoffice::app {

void FaultSchedule::apply()
{
    for (NodeRuntime &n : m_world.nodes) {
        n.down = false;
        n.slowFactor = 1.0;
        n.slowAddS = 0.0;
        n.errorRate = 0.0;
        n.spikeFactor = 1.0;
    }
    m_cuts.clear();
    for (const auto &[id, f] : m_active) {
        const int target = m_world.nodeIndex(f.target);
        if (f.kind == FaultKind::Spike && target < 0) {
            for (std::uint32_t p : m_world.traffic.producers())
                m_world.nodes[p].spikeFactor *= f.factor;
            continue;
        }
        if (target < 0)
            continue;
        NodeRuntime &n = m_world.nodes[std::size_t(target)];
        switch (f.kind) {
        case FaultKind::Down:
            n.down = true;
            break;
        case FaultKind::Slow:
            n.slowFactor *= f.factor;
            n.slowAddS += f.add_ms / 1000.0;
            break;
        case FaultKind::ErrorRate:
            n.errorRate = std::max(n.errorRate, f.rate);
            break;
        case FaultKind::Spike:
            n.spikeFactor *= f.factor;
            break;
        case FaultKind::NetworkCut: {
            const int peer = m_world.nodeIndex(f.peer);
            if (peer >= 0)
                m_cuts.emplace_back(std::uint32_t(target), std::uint32_t(peer));
            break;
        }
        case FaultKind::ConsumerCrash:
        case FaultKind::BrokerDown:
            break;
        }
    }
}

void FaultSchedule::start(int id, const FaultSpec &f)
{
    if (!f.architecture.isEmpty() && f.architecture != m_world.name)
        return;
    const int target = m_world.nodeIndex(f.target);
    const bool wasDown = target >= 0 && m_world.nodes[std::size_t(target)].down;
    m_active[id] = f;
    apply();
    switch (f.kind) {
    case FaultKind::Down: {
        if (target < 0 || wasDown)
            break;
        NodeRuntime &n = m_world.nodes[std::size_t(target)];
        // The requests waiting in its queue fail with it; its consumers stop (they leave the group
        // and will resume from the committed offsets).
        while (!n.queue.empty()) {
            const std::uint32_t r = n.queue.front();
            n.queue.pop_front();
            m_world.services.finishRequest(r, false);
        }
        m_world.consumers.crashAll(std::uint32_t(target));
        break;
    }
    case FaultKind::ConsumerCrash:
        if (target >= 0)
            m_world.consumers.crashSome(std::uint32_t(target), f.consumers);
        break;
    case FaultKind::BrokerDown:
        m_world.broker.setBrokerUp(target, false);
        break;
    case FaultKind::Spike:
        m_world.traffic.redraw(target);
        break;
    case FaultKind::Slow:
    case FaultKind::ErrorRate:
    case FaultKind::NetworkCut:
        break;
    }
}

void FaultSchedule::end(int id)
{
    const auto it = m_active.find(id);
    if (it == m_active.end())
        return;
    const FaultSpec f = it->second;
    m_active.erase(it);
    apply();
    const int target = m_world.nodeIndex(f.target);
    switch (f.kind) {
    case FaultKind::Down:
    case FaultKind::ConsumerCrash:
        if (target >= 0 && !m_world.nodes[std::size_t(target)].down)
            m_world.consumers.rejoinAll(std::uint32_t(target));
        break;
    case FaultKind::BrokerDown:
        m_world.broker.setBrokerUp(target, true);
        break;
    case FaultKind::Spike:
        m_world.traffic.redraw(target);
        break;
    case FaultKind::NetworkCut:
        m_world.consumers.pollWaiting();
        break;
    case FaultKind::Slow:
    case FaultKind::ErrorRate:
        break;
    }
}

} // namespace postoffice::app
