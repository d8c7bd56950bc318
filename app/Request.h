#pragma once

// One piece of work at one node on behalf of one order: a call being served, a record being
// processed by a consumer, or the customer's own request at a producer. Pooled by the engine and
// recycled the moment the work ends, so memory follows the work in progress, not the run length.

#include <cstdint>

namespace postoffice::app {

enum class RequestOrigin : std::uint8_t { Customer, Call, Record };

struct Request
{
    static constexpr std::uint32_t kNone = 0xffffffffu;

    std::uint32_t order = kNone; // kNone: derived work that belongs to no order (window aggregates)
    std::uint32_t node = 0;
    double arrivedAt = 0.0;
    double startedAt = 0.0;
    std::uint32_t parentCall = kNone; // Call origin: the call slot and its generation to answer
    std::uint32_t parentGen = 0;
    std::uint32_t member = kNone; // Record origin: the consumer member processing it
    std::uint32_t group = kNone;  // Record origin: the group runtime
    std::int64_t offset = -1;     // Record origin: offset of the record
    std::int32_t partition = -1;
    std::uint16_t edgeCursor = 0; // next outgoing edge to run after the service time
    RequestOrigin origin = RequestOrigin::Customer;
    bool lowStock = false; // this request took stock below the threshold
    bool inService = false;
    std::uint16_t category = 0;
};

} // namespace postoffice::app
