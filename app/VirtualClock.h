#pragma once

// The broker core's clock, set by the engine to the virtual time of the event being processed.

#include "Clock.h"

#include <cstdint>

namespace postoffice::app {

class VirtualClock : public broker::Clock
{
public:
    std::int64_t nowMs() const override { return m_ms; }
    void setMs(std::int64_t ms) { m_ms = ms; }

private:
    std::int64_t m_ms = 0;
};

} // namespace postoffice::app
