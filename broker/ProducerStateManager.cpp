#include "ProducerStateManager.h"

namespace postoffice::broker {

ProducerStateManager::Check ProducerStateManager::check(PartitionState &p, const ProduceOptions &options,
                                                        std::int32_t count)
{
    Check result;
    if (options.baseSequence < 0) {
        result.error = ErrorCode::InvalidRequest;
        return result;
    }
    result.producer = &p.producers[options.producerId];
    const std::int32_t lastSequence = options.baseSequence + count - 1;
    for (const auto &batch : result.producer->recent) {
        if (batch.firstSequence == options.baseSequence && batch.lastSequence == lastSequence) {
            result.duplicateOf = batch.baseOffset;
            return result;
        }
    }
    if (result.producer->lastSequence >= 0 && options.baseSequence != result.producer->lastSequence + 1)
        result.error = ErrorCode::OutOfOrderSequenceNumber;
    return result;
}

void ProducerStateManager::appended(PartitionState::ProducerEntry &producer, const ProduceOptions &options,
                                    std::int32_t count, std::int64_t base)
{
    producer.lastSequence = options.baseSequence + count - 1;
    producer.recent.push_back({options.baseSequence, producer.lastSequence, base});
    if (producer.recent.size() > 5) // Kafka keeps the last 5 batches per producer
        producer.recent.pop_front();
}

void ProducerStateManager::truncated(PartitionState &p, std::int64_t newEnd)
{
    for (auto it = p.producers.begin(); it != p.producers.end();) {
        auto &recent = it->second.recent;
        while (!recent.empty() && recent.back().baseOffset >= newEnd)
            recent.pop_back();
        if (recent.empty()) {
            it = p.producers.erase(it);
        } else {
            it->second.lastSequence = recent.back().lastSequence;
            ++it;
        }
    }
}

} // namespace postoffice::broker
