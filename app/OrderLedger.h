#pragma once

// Every order of one architecture, from the customer's click until nothing it triggered is pending:
// the live order records (pooled, reference-counted by the work they wait for) and the books of how
// orders ended — completed, failed, lost and why — with their end-to-end and response latencies.

#include "Histogram.h"
#include "OrderState.h"
#include "Request.h"
#include "RunSummary.h"
#include "Sample.h"

#include <QString>

#include <cstdint>
#include <map>
#include <vector>

namespace postoffice::app {

class RunWorld;

class OrderLedger
{
public:
    explicit OrderLedger(RunWorld &world) : m_world(world) {}

    // A customer places an order: a fresh record holding no references yet.
    std::uint32_t place(std::uint16_t category, std::uint64_t id);
    void acquire(std::uint32_t order)
    {
        if (order != Request::kNone)
            ++m_orders[order].refs;
    }
    // One holder is done with the order; the last one resolves it.
    void release(std::uint32_t order);
    OrderState &operator[](std::uint32_t order) { return m_orders[order]; }

    // The customer's answer came back after `latencyS`: accepted, or the order failed.
    void answered(std::uint32_t order, double latencyS, bool ok);
    // The order is lost for `reason`, unless it was lost already.
    void markLost(std::uint32_t order, LossReason reason);

    std::uint64_t inFlight() const { return m_orders.size() - m_free.size(); }
    // The second's figures; the per-second percentiles start again.
    void sample(OrderSample &out, bool withPercentiles);
    void summarise(ArchitectureSummary &s) const;

    static QString reasonName(LossReason reason);

private:
    RunWorld &m_world;
    std::vector<OrderState> m_orders;
    std::vector<std::uint32_t> m_free;
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
};

} // namespace postoffice::app
