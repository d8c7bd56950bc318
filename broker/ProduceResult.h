#pragma once

#include "ErrorCode.h"

#include <cstdint>
#include <functional>

namespace postoffice::broker {

// acks: how many replicas must have a record before the produce completes.
enum class Acks : std::int8_t {
    None = 0,   // acks=0: complete at once without waiting for the append's outcome (offset -1)
    Leader = 1, // acks=1: complete when the leader appended
    All = -1    // acks=all: complete when every ISR member has it (min.insync.replicas checked)
};

// The outcome of one produce call (one batch), delivered to its callback.
struct ProduceResult
{
    ErrorCode error = ErrorCode::None;
    std::int32_t partition = -1;
    std::int64_t baseOffset = -1; // offset of the first record; -1 on error and for acks=0
    std::int32_t recordCount = 0;
    std::int64_t logAppendTimeMs = -1;
};

using ProduceCallback = std::function<void(const ProduceResult &)>;

// Per-request options of Cluster::produce.
struct ProduceOptions
{
    Acks acks = Acks::All;          // Kafka's producer default since 3.0
    std::int64_t timeoutMs = 30000; // the produce request's timeout (request.timeout.ms)
    // Idempotent producers (enable.idempotence) send their id and a per-partition sequence number so
    // that a retried batch already in the log is not appended twice. -1 = not idempotent.
    std::int64_t producerId = -1;
    std::int32_t baseSequence = -1;
};

} // namespace postoffice::broker
