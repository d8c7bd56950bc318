#include "TopicConfig.h"

#include <charconv>
#include <limits>

namespace postoffice::broker {

namespace {

bool fail(std::string *why, std::string message)
{
    if (why)
        *why = std::move(message);
    return false;
}

// Whole-string integer in [minimum, maximum]; Kafka rejects "10ms" or "" the same way.
bool parseInteger(std::string_view key, std::string_view text, std::int64_t minimum, std::int64_t maximum,
                  std::int64_t &out, std::string *why)
{
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return fail(why, std::string(key) + ": '" + std::string(text) + "' is not an integer");
    if (value < minimum || value > maximum)
        return fail(why, std::string(key) + ": " + std::string(text) + " is out of range [" +
                             std::to_string(minimum) + ", " + std::to_string(maximum) + "]");
    out = value;
    return true;
}

constexpr std::int64_t kIntMax = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kLongMax = std::numeric_limits<std::int64_t>::max();

} // namespace

ErrorCode TopicConfig::set(std::string_view key, std::string_view value, std::string *why)
{
    std::int64_t n = 0;
    auto integer = [&](std::int64_t minimum, std::int64_t maximum) {
        return parseInteger(key, value, minimum, maximum, n, why);
    };

    if (key == "partitions") {
        if (!integer(1, kIntMax))
            return ErrorCode::InvalidPartitions;
        partitions = std::int32_t(n);
    } else if (key == "replication.factor") {
        if (!integer(1, std::numeric_limits<std::int16_t>::max()))
            return ErrorCode::InvalidReplicationFactor;
        replicationFactor = std::int16_t(n);
    } else if (key == "retention.ms") {
        if (!integer(-1, kLongMax))
            return ErrorCode::InvalidConfig;
        retentionMs = n;
    } else if (key == "retention.bytes") {
        if (!integer(-1, kLongMax))
            return ErrorCode::InvalidConfig;
        retentionBytes = n;
    } else if (key == "segment.bytes") {
        if (!integer(14, kIntMax)) // Kafka's minimum: one legacy record overhead
            return ErrorCode::InvalidConfig;
        segmentBytes = n;
    } else if (key == "segment.ms") {
        if (!integer(1, kLongMax))
            return ErrorCode::InvalidConfig;
        segmentMs = n;
    } else if (key == "delete.retention.ms") {
        if (!integer(0, kLongMax))
            return ErrorCode::InvalidConfig;
        deleteRetentionMs = n;
    } else if (key == "min.insync.replicas") {
        if (!integer(1, kIntMax))
            return ErrorCode::InvalidConfig;
        minInsyncReplicas = std::int32_t(n);
    } else if (key == "max.message.bytes") {
        if (!integer(0, kIntMax))
            return ErrorCode::InvalidConfig;
        maxMessageBytes = std::int32_t(n);
    } else if (key == "unclean.leader.election.enable") {
        if (value == "true")
            uncleanLeaderElectionEnable = true;
        else if (value == "false")
            uncleanLeaderElectionEnable = false;
        else {
            fail(why, std::string(key) + ": '" + std::string(value) + "' is not true or false");
            return ErrorCode::InvalidConfig;
        }
    } else if (key == "cleanup.policy") {
        bool del = false;
        bool compact = false;
        std::string_view rest = value;
        while (true) {
            const auto comma = rest.find(',');
            std::string_view item = rest.substr(0, comma);
            while (!item.empty() && item.front() == ' ')
                item.remove_prefix(1);
            while (!item.empty() && item.back() == ' ')
                item.remove_suffix(1);
            if (item == "delete")
                del = true;
            else if (item == "compact")
                compact = true;
            else {
                fail(why, std::string(key) + ": '" + std::string(item) + "' is not delete or compact");
                return ErrorCode::InvalidConfig;
            }
            if (comma == std::string_view::npos)
                break;
            rest.remove_prefix(comma + 1);
        }
        cleanupDelete = del;
        cleanupCompact = compact;
    } else {
        fail(why, "unknown topic config '" + std::string(key) + "'");
        return ErrorCode::InvalidConfig;
    }
    return ErrorCode::None;
}

ErrorCode TopicConfig::parse(const std::vector<std::pair<std::string, std::string>> &pairs, TopicConfig &out,
                             std::string *why)
{
    TopicConfig config;
    for (const auto &[key, value] : pairs) {
        if (const ErrorCode e = config.set(key, value, why); e != ErrorCode::None)
            return e;
    }
    out = config;
    return ErrorCode::None;
}

ErrorCode TopicConfig::validate(std::string *why) const
{
    if (partitions < 1) {
        fail(why, "partitions must be at least 1, got " + std::to_string(partitions));
        return ErrorCode::InvalidPartitions;
    }
    if (replicationFactor < 1) {
        fail(why, "replication.factor must be at least 1, got " + std::to_string(replicationFactor));
        return ErrorCode::InvalidReplicationFactor;
    }
    if (minInsyncReplicas < 1 || segmentBytes < 14 || segmentMs < 1 || retentionMs < -1 ||
        retentionBytes < -1 || deleteRetentionMs < 0 || maxMessageBytes < 0 ||
        (!cleanupDelete && !cleanupCompact)) {
        fail(why, "a topic config value is out of range");
        return ErrorCode::InvalidConfig;
    }
    return ErrorCode::None;
}

std::string TopicConfig::cleanupPolicy() const
{
    if (cleanupCompact && cleanupDelete)
        return "compact,delete";
    return cleanupCompact ? "compact" : "delete";
}

} // namespace postoffice::broker
