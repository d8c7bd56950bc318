#pragma once

#include <cstdint>

namespace postoffice::broker {

// The broker's only source of time: int64 milliseconds, Kafka's unit. The simulator injects virtual
// time; nothing in the core reads the wall clock, which keeps every run reproducible.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual std::int64_t nowMs() const = 0;
};

} // namespace postoffice::broker
