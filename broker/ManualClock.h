#pragma once

#include "Clock.h"

namespace postoffice::broker {

// A clock that only moves when told to: the simulator's virtual time and the tests' time machine.
class ManualClock : public Clock
{
public:
    explicit ManualClock(std::int64_t startMs = 0) : m_nowMs(startMs) {}

    std::int64_t nowMs() const override { return m_nowMs; }
    // Time never runs backwards; an earlier value is ignored.
    void setMs(std::int64_t nowMs)
    {
        if (nowMs > m_nowMs)
            m_nowMs = nowMs;
    }
    void advanceMs(std::int64_t deltaMs)
    {
        if (deltaMs > 0)
            m_nowMs += deltaMs;
    }

private:
    std::int64_t m_nowMs;
};

} // namespace postoffice::broker
