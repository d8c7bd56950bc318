#pragma once

#include <cstdint>
#include <string>

namespace postoffice::broker {

// auto.offset.reset: where a consumer starts when its group has no committed offset for a partition, or
// when the committed offset is no longer in the log (retention deleted it: OffsetOutOfRange).
enum class OffsetReset : std::int8_t {
    Earliest, // the log start offset: read everything still retained
    Latest,   // the high watermark: only what arrives from now on (Kafka's default)
    None,     // no reset: the consumer reports the error and reads nothing from that partition
};

inline const char *offsetResetName(OffsetReset reset)
{
    switch (reset) {
    case OffsetReset::Earliest:
        return "earliest";
    case OffsetReset::Latest:
        return "latest";
    case OffsetReset::None:
        return "none";
    }
    return "latest";
}

// An embedded consumer's settings, with Kafka's names and defaults.
struct ConsumerConfig
{
    std::string groupId;                               // group.id
    std::string clientId = "consumer";                 // client.id (the member id is derived from it)
    bool enableAutoCommit = true;                      // enable.auto.commit
    std::int64_t autoCommitIntervalMs = 5000;          // auto.commit.interval.ms
    OffsetReset autoOffsetReset = OffsetReset::Latest; // auto.offset.reset
    std::int32_t maxPollRecords = 500;                 // max.poll.records
    // max.poll.interval.ms: a consumer whose process keeps heartbeating (heartbeat()) but whose application
    // has not polled for this long leaves the group, so its partitions go to members that make progress.
    std::int64_t maxPollIntervalMs = 300000;
};

} // namespace postoffice::broker
