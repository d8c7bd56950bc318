#pragma once

// One order while any work it triggered is still pending. `refs` counts the holders (the customer's
// request, every call and record processing in progress, every unprocessed record per subscribing
// group); the order resolves when it drops to zero and its slot is reused at once.

#include <cstdint>

namespace postoffice::app {

enum class LossReason : std::uint8_t { None, Acks0LeaderDown, UncleanElection, Truncation, Retention };

struct OrderState
{
    double placedAt = 0.0;
    std::uint64_t id = 0;
    std::uint32_t refs = 0;
    std::uint16_t category = 0;
    bool failed = false;
    LossReason lost = LossReason::None;
};

} // namespace postoffice::app
