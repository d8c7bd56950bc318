#pragma once

#include "ErrorCode.h"
#include "PartitionState.h"
#include "ProduceResult.h"

#include <cstdint>

namespace postoffice::broker {

// enable.idempotence on the broker side, after Kafka's ProducerStateManager: per partition, each
// producer id's last sequence number and its last 5 batches, so that a retry of a batch already in
// the log is answered with that batch's offset instead of being appended twice, and a gap in the
// sequence is refused. The state itself lives in the partition (PartitionState::producers), which
// the leader's log and its truncations must keep in step with.
class ProducerStateManager
{
public:
    struct Check
    {
        ErrorCode error = ErrorCode::None;                 // reject the batch with this
        std::int64_t duplicateOf = -1;                     // >= 0: a retry, already at this offset
        PartitionState::ProducerEntry *producer = nullptr; // to record the append in
    };

    // Before the append of count records from an idempotent producer (options.producerId >= 0).
    static Check check(PartitionState &p, const ProduceOptions &options, std::int32_t count);
    // The batch was appended at base.
    static void appended(PartitionState::ProducerEntry &producer, const ProduceOptions &options,
                         std::int32_t count, std::int64_t base);
    // The log was truncated to newEnd: its batches from there on are forgotten, or their retries
    // would be taken for duplicates.
    static void truncated(PartitionState &p, std::int64_t newEnd);
};

} // namespace postoffice::broker
