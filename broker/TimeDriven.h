#pragma once

#include <cstdint>
#include <optional>

namespace postoffice::broker {

// Something with timers (a producer's linger, a group's session timeouts) that the Cluster drives
// from its own advance(), so the simulator only ever talks to one clock owner.
class TimeDriven
{
public:
    virtual ~TimeDriven() = default;
    // Earliest time at which advance() has something to do; nullopt when idle.
    virtual std::optional<std::int64_t> nextDeadlineMs() const = 0;
    // Performs everything due at or before nowMs.
    virtual void advance(std::int64_t nowMs) = 0;
};

} // namespace postoffice::broker
