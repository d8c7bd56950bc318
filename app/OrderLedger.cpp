#include "OrderLedger.h"

#include "RunWorld.h"

namespace postoffice::app {

std::uint32_t OrderLedger::place(std::uint16_t category, std::uint64_t id)
{
    std::uint32_t slot;
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
    } else {
        slot = std::uint32_t(m_orders.size());
        m_orders.emplace_back();
    }
    OrderState &o = m_orders[slot];
    o = OrderState{};
    o.placedAt = m_world.now;
    o.category = category;
    o.id = id;
    ++m_placed;
    return slot;
}

void OrderLedger::release(std::uint32_t order)
{
    if (order == Request::kNone)
        return;
    OrderState &o = m_orders[order];
    if (--o.refs != 0)
        return;
    if (o.failed) {
        ++m_failed;
    } else if (o.lost != LossReason::None) {
        ++m_lost;
        ++m_lostBy[o.lost];
    } else {
        ++m_completed;
        const double ms = (m_world.now - o.placedAt) * 1000.0;
        m_e2e.record(ms);
        if (m_world.percentiles)
            m_secondE2e.record(ms);
    }
    m_free.push_back(order);
}

void OrderLedger::answered(std::uint32_t order, double latencyS, bool ok)
{
    m_response.record(latencyS * 1000.0);
    if (m_world.percentiles)
        m_secondResponse.record(latencyS * 1000.0);
    if (ok) {
        ++m_accepted;
    } else {
        ++m_rejected;
        m_orders[order].failed = true;
    }
}

void OrderLedger::markLost(std::uint32_t order, LossReason reason)
{
    if (order != Request::kNone && m_orders[order].lost == LossReason::None)
        m_orders[order].lost = reason;
}

void OrderLedger::sample(OrderSample &out, bool withPercentiles)
{
    out.placed = m_placed;
    out.completed = m_completed;
    out.failed = m_failed;
    out.lost = m_lost;
    out.in_flight = inFlight();
    out.e2e_p95_ms = withPercentiles ? float(m_secondE2e.percentile(0.95)) : 0.f;
    out.response_p95_ms = withPercentiles ? float(m_secondResponse.percentile(0.95)) : 0.f;
    m_secondE2e.clear();
    m_secondResponse.clear();
}

void OrderLedger::summarise(ArchitectureSummary &s) const
{
    s.placed = m_placed;
    s.completed = m_completed;
    s.failed = m_failed;
    s.lost = m_lost;
    s.in_flight = inFlight();
    for (const auto &[reason, count] : m_lostBy)
        s.lost_by_reason[reasonName(reason)] = count;
    // Checked, not derived: in_flight counts live order records, the others count resolutions.
    s.conservation_ok = s.placed == s.completed + s.failed + s.lost + s.in_flight;
    const auto latency = [](const Histogram &h) {
        LatencySummary l;
        l.count = h.count();
        l.mean = h.mean();
        l.p50 = h.percentile(0.50);
        l.p95 = h.percentile(0.95);
        l.p99 = h.percentile(0.99);
        return l;
    };
    s.latency = latency(m_e2e);
    s.response_latency = latency(m_response);
    s.accepted = m_accepted;
    s.rejected = m_rejected;
}

QString OrderLedger::reasonName(LossReason reason)
{
    switch (reason) {
    case LossReason::Acks0LeaderDown:
        return QStringLiteral("acks0_leader_down");
    case LossReason::UncleanElection:
        return QStringLiteral("unclean_election");
    case LossReason::Truncation:
        return QStringLiteral("leader_failover_truncation");
    case LossReason::Retention:
        return QStringLiteral("retention");
    case LossReason::None:
        break;
    }
    return QStringLiteral("none");
}

} // namespace postoffice::app
