#pragma once

// An edge of one architecture as the engine runs it: resolved node indices, times in seconds, and
// the call edge's protection state (circuit breaker, bulkhead).

#include "CircuitBreaker.h"
#include "ProduceResult.h"
#include "Scenario.h"

#include <cstdint>
#include <optional>

namespace postoffice::app {

struct EdgeRuntime
{
    const EdgeSpec *spec = nullptr;
    EdgeKind kind = EdgeKind::Call;
    std::uint32_t from = 0; // node indices
    std::uint32_t to = 0;
    bool onLowStock = false;       // fires only when the request took stock below the threshold
    double timeoutS = -1.0;        // < 0: none
    std::uint32_t timeoutLane = 0; // the event queue lane of this edge's timeouts
    int retries = 0;
    double backoffS = 0.1;
    std::optional<CircuitBreaker> breaker;
    int bulkhead = -1; // < 0: unlimited
    int inFlight = 0;
    broker::Acks acks = broker::Acks::All;
    bool keyed = true;
    int topic = -1; // publish/subscribe: index in the run's topics
    int group = -1; // subscribe: index in the run's groups
};

} // namespace postoffice::app
