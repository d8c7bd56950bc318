#pragma once

#include "ErrorCode.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace postoffice::broker {

// A topic's layout and its Kafka topic-level configs, with Kafka's defaults.
struct TopicConfig
{
    std::int32_t partitions = 1;
    std::int16_t replicationFactor = 1;

    std::int64_t retentionMs = 604800000;      // retention.ms (7 days; -1 = keep forever)
    std::int64_t retentionBytes = -1;          // retention.bytes per partition (-1 = unlimited)
    std::int64_t segmentBytes = 1073741824;    // segment.bytes (1 GiB)
    std::int64_t segmentMs = 604800000;        // segment.ms (roll the active segment after 7 days)
    bool cleanupDelete = true;                 // cleanup.policy contains "delete"
    bool cleanupCompact = false;               // cleanup.policy contains "compact"
    std::int64_t deleteRetentionMs = 86400000; // delete.retention.ms: how long compaction keeps tombstones
    std::int32_t minInsyncReplicas = 1;        // min.insync.replicas (applies to acks=all)
    bool uncleanLeaderElectionEnable = false;  // unclean.leader.election.enable
    std::int32_t maxMessageBytes = 1048588;    // max.message.bytes (one record, as stored)

    // Sets one Kafka-named option ("retention.ms", "cleanup.policy", ... plus "partitions" and
    // "replication.factor"). Unknown key or malformed/out-of-range value → InvalidConfig, with the
    // reason in *why when given; the config is left unchanged then.
    ErrorCode set(std::string_view key, std::string_view value, std::string *why = nullptr);

    // Applies pairs in order onto a default config; stops at the first bad pair.
    static ErrorCode parse(const std::vector<std::pair<std::string, std::string>> &pairs, TopicConfig &out,
                           std::string *why = nullptr);

    // Checks cross-field rules that single values cannot: partitions >= 1, replication.factor >= 1,
    // 1 <= min.insync.replicas. Returns InvalidPartitions / InvalidReplicationFactor / InvalidConfig.
    ErrorCode validate(std::string *why = nullptr) const;

    std::string cleanupPolicy() const; // "delete", "compact" or "compact,delete"

    bool operator==(const TopicConfig &) const = default;
};

} // namespace postoffice::broker
