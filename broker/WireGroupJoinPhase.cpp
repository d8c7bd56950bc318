#include "WireGroupJoinPhase.h"

#include <algorithm>

namespace postoffice::broker {

void WireGroupJoinPhase::startRebalance(std::int64_t nowMs, std::int32_t rebalanceTimeoutMs)
{
    m_initialDelay = false;
    m_deadlineMs = nowMs + rebalanceTimeoutMs;
}

void WireGroupJoinPhase::startInitialDelay(std::int64_t nowMs, std::int64_t delayMs,
                                           std::int32_t rebalanceTimeoutMs)
{
    m_initialDelay = true;
    m_delayMs = delayMs;
    m_remainingMs = std::max<std::int64_t>(rebalanceTimeoutMs - delayMs, 0);
    m_memberAdded = false;
    m_deadlineMs = nowMs + delayMs;
}

bool WireGroupJoinPhase::extendAtDeadline(std::int64_t nowMs, std::int64_t delayMs)
{
    if (!m_initialDelay || !m_memberAdded || m_remainingMs <= 0)
        return false;
    // Someone arrived during the delay: wait once more, but never beyond the rebalance timeout.
    m_memberAdded = false;
    const std::int64_t delay = std::min(delayMs, m_remainingMs);
    m_remainingMs = std::max<std::int64_t>(m_remainingMs - m_delayMs, 0);
    m_delayMs = delay;
    m_deadlineMs = nowMs + delay;
    return true;
}

void WireGroupJoinPhase::end()
{
    m_deadlineMs.reset();
    m_initialDelay = false;
}

} // namespace postoffice::broker
