#pragma once

// The synchronous call edges of one architecture: a caller's request waits while the call travels,
// is served and answered. Each call lives across its attempts (CallAttempt, pooled); timeouts,
// retries with exponential backoff, the circuit breaker and the bulkhead protect the caller, and a
// cut link or a down callee fails it the way a real client sees it.

#include "CallAttempt.h"
#include "EdgeRuntime.h"

#include <cstdint>
#include <vector>

namespace postoffice::app {

class RunWorld;

class CallEdge
{
public:
    explicit CallEdge(RunWorld &world) : m_world(world) {}

    // Request `r` calls along `edge`; false when the breaker or the bulkhead refuses at once.
    bool start(std::uint32_t r, std::uint32_t edge);
    // The callee answered call `c` (of attempt generation `gen`): the reply travels back.
    void answer(std::uint32_t c, std::uint32_t gen, bool ok);

    void onArrive(std::uint32_t c, std::uint32_t gen);
    void onReply(std::uint32_t c, std::uint32_t gen, bool ok);
    void onTimeout(std::uint32_t c, std::uint32_t gen);
    void onRetry(std::uint32_t c, std::uint32_t gen);

private:
    void sendAttempt(std::uint32_t c);
    void attemptFailed(std::uint32_t c);
    void end(std::uint32_t c, bool ok);
    void breakerOutcome(EdgeRuntime &edge, bool ok);

    RunWorld &m_world;
    std::vector<CallAttempt> m_calls;
    std::vector<std::uint32_t> m_free;
};

} // namespace postoffice::app
