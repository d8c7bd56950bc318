#pragma once

// A call edge's circuit breaker: closed → (failure_threshold consecutive failures) → open, where
// calls fail fast for open_ms → half-open, where up to half_open_probes trial calls go through;
// that many successes close it again, one failure re-opens it.

#include "Scenario.h"

namespace postoffice::app {

enum class BreakerState { Closed, Open, HalfOpen };

class CircuitBreaker
{
public:
    explicit CircuitBreaker(const CircuitBreakerSpec &spec = {});

    // Whether a call may go out at time now (s); a half-open breaker admits its probes only.
    bool allow(double now);
    // Return the new state if the outcome changed it.
    bool onSuccess(double now);
    bool onFailure(double now);
    BreakerState state(double now) const;

private:
    CircuitBreakerSpec m_spec;
    BreakerState m_state = BreakerState::Closed;
    int m_consecutiveFailures = 0;
    int m_probesInFlight = 0;
    int m_probeSuccesses = 0;
    double m_openedAt = 0.0;
};

} // namespace postoffice::app
