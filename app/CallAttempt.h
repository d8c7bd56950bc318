#pragma once

// A synchronous call in progress on a call edge, across its retries. The generation changes
// whenever an attempt is abandoned (timeout, failure, completion), so late replies and timers of
// an earlier attempt are recognised and ignored.

#include <cstdint>

namespace postoffice::app {

struct CallAttempt
{
    std::uint32_t caller = 0; // the request waiting for this call
    std::uint32_t edge = 0;   // index in the architecture's edge list
    std::uint32_t gen = 0;
    std::uint16_t attempt = 0; // 0 = first try
    bool active = false;
};

} // namespace postoffice::app
