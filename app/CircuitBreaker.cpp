#include "CircuitBreaker.h"

namespace postoffice::app {

CircuitBreaker::CircuitBreaker(const CircuitBreakerSpec &spec) : m_spec(spec) {}

BreakerState CircuitBreaker::state(double now) const
{
    // The open period ends by itself: no timer event is needed, the next caller finds it half-open.
    if (m_state == BreakerState::Open && now >= m_openedAt + m_spec.open_ms / 1000.0)
        return BreakerState::HalfOpen;
    return m_state;
}

bool CircuitBreaker::allow(double now)
{
    if (m_state == BreakerState::Open && state(now) == BreakerState::HalfOpen) {
        m_state = BreakerState::HalfOpen;
        m_probesInFlight = 0;
        m_probeSuccesses = 0;
    }
    switch (m_state) {
    case BreakerState::Closed:
        return true;
    case BreakerState::Open:
        return false;
    case BreakerState::HalfOpen:
        if (m_probesInFlight + m_probeSuccesses >= m_spec.half_open_probes)
            return false;
        ++m_probesInFlight;
        return true;
    }
    return true;
}

bool CircuitBreaker::onSuccess(double)
{
    m_consecutiveFailures = 0;
    if (m_state != BreakerState::HalfOpen)
        return false;
    --m_probesInFlight;
    if (++m_probeSuccesses < m_spec.half_open_probes)
        return false;
    m_state = BreakerState::Closed;
    return true;
}

bool CircuitBreaker::onFailure(double now)
{
    if (m_state == BreakerState::HalfOpen) {
        m_state = BreakerState::Open;
        m_openedAt = now;
        return true;
    }
    if (m_state == BreakerState::Open)
        return false;
    if (++m_consecutiveFailures < m_spec.failure_threshold)
        return false;
    m_state = BreakerState::Open;
    m_openedAt = now;
    m_consecutiveFailures = 0;
    return true;
}

} // namespace postoffice::app
