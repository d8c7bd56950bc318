#include "TrafficSource.h"

#include "Distribution.h"
#include "RunWorld.h"

#include <cmath>
#include <numbers>

namespace postoffice::app {

void TrafficSource::add(std::uint32_t node)
{
    m_producers.push_back(node);
    scheduleArrival(node);
}

double TrafficSource::currentRate(const NodeRuntime &n, double t) const
{
    const TrafficSpec &s = n.spec->traffic;
    double rate = s.rate_per_s;
    switch (s.pattern) {
    case TrafficPattern::Constant:
    case TrafficPattern::Poisson:
        break;
    case TrafficPattern::Ramp:
        rate = s.ramp_s > 0 ? s.rate_per_s + (s.to_rate_per_s - s.rate_per_s) * std::min(1.0, t / s.ramp_s)
                            : s.to_rate_per_s;
        break;
    case TrafficPattern::Spike:
        if (t >= s.spike_at_s && t < s.spike_at_s + s.spike_duration_s)
            rate = s.spike_rate_per_s;
        break;
    case TrafficPattern::Daily: {
        // Lowest (the base rate) twelve hours from the peak, rate × peak_factor at peak_at_h.
        const double hours = t / 3600.0;
        const double phase = std::cos(2.0 * std::numbers::pi * (hours - s.peak_at_h) / 24.0);
        rate = s.rate_per_s * (1.0 + (std::max(1.0, s.peak_factor) - 1.0) * (1.0 + phase) / 2.0);
        break;
    }
    }
    return rate * n.spikeFactor;
}

void TrafficSource::scheduleArrival(std::uint32_t node)
{
    NodeRuntime &n = m_world.nodes[node];
    const TrafficSpec &s = n.spec->traffic;
    const double horizon = m_world.horizon;
    double t = m_world.now;
    switch (s.pattern) {
    case TrafficPattern::Constant: {
        const double rate = s.rate_per_s * n.spikeFactor;
        if (rate <= 0)
            return;
        t += 1.0 / rate;
        break;
    }
    case TrafficPattern::Poisson: {
        const double rate = s.rate_per_s * n.spikeFactor;
        if (rate <= 0)
            return;
        t += Distribution::exponential(n.arrivalRng, 1.0 / rate);
        break;
    }
    case TrafficPattern::Ramp:
    case TrafficPattern::Spike:
    case TrafficPattern::Daily: {
        // Varying-rate Poisson by thinning (Lewis & Shedler): candidates at the peak rate, each
        // kept with probability rate(t) / peak.
        double peak = s.rate_per_s;
        if (s.pattern == TrafficPattern::Ramp)
            peak = std::max(s.rate_per_s, s.to_rate_per_s);
        else if (s.pattern == TrafficPattern::Spike)
            peak = std::max(s.rate_per_s, s.spike_rate_per_s);
        else
            peak = s.rate_per_s * std::max(1.0, s.peak_factor);
        peak *= n.spikeFactor;
        if (peak <= 0)
            return;
        for (;;) {
            t += Distribution::exponential(n.arrivalRng, 1.0 / peak);
            if (t > horizon)
                return;
            if (n.arrivalRng.uniform() * peak < currentRate(n, t))
                break;
        }
        break;
    }
    }
    if (t <= horizon)
        m_world.queue.push(t, EvArrival, node, n.arrivalGen);
}

void TrafficSource::onArrival(std::uint32_t node, std::uint32_t gen)
{
    if (gen != m_world.nodes[node].arrivalGen)
        return;
    NodeRuntime &n = m_world.nodes[node];
    const auto category = std::uint16_t(n.categoryRng.below(kCategories));
    const std::uint32_t order = m_world.orders.place(category, n.nextOrderId++);
    ++n.arrivals;
    ++n.second.arrivals;
    ServiceStation &services = m_world.services;
    const std::uint32_t r = services.newRequest(order, node, RequestOrigin::Customer);
    services[r].arrivedAt = m_world.now;
    services[r].startedAt = m_world.now;
    scheduleArrival(node);
    services.runEdges(r);
}

void TrafficSource::redraw(int producerNode)
{
    for (std::uint32_t p : m_producers) {
        if (producerNode >= 0 && p != std::uint32_t(producerNode))
            continue;
        ++m_world.nodes[p].arrivalGen;
        scheduleArrival(p);
    }
}

} // namespace postoffice::app
