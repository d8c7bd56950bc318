#pragma once

#include "Partitioner.h"
#include "ProduceResult.h"

#include <cstdint>
#include <limits>

namespace postoffice::broker {

// The embedded producer's settings, with the Java client's names and defaults.
struct ProducerConfig
{
    Acks acks = Acks::All;                                           // acks
    std::int64_t lingerMs = 0;                                       // linger.ms
    std::int32_t batchSize = 16384;                                  // batch.size (bytes as stored)
    std::int32_t retries = std::numeric_limits<std::int32_t>::max(); // retries
    std::int64_t retryBackoffMs = 100;                               // retry.backoff.ms
    std::int64_t requestTimeoutMs = 30000;                           // request.timeout.ms
    std::int64_t deliveryTimeoutMs = 120000;                         // delivery.timeout.ms
    bool enableIdempotence = true;                                   // enable.idempotence
    NullKeyStrategy nullKeyStrategy = NullKeyStrategy::Sticky;       // partitioner.class
    std::uint64_t seed = 1;                                          // sticky partition choice
};

} // namespace postoffice::broker
