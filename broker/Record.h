#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace postoffice::broker {

// A record header (Kafka: String key, byte[] value).
struct Header
{
    std::string key;
    std::string value;

    bool operator==(const Header &) const = default;
};

// A borrowed record, the input of Cluster::produce. The bytes only need to live for the duration of
// the call: the leader copies them into its log before produce() returns.
struct RecordRef
{
    std::optional<std::string_view> key;   // nullopt = null key (spread by the partitioner)
    std::optional<std::string_view> value; // nullopt = tombstone (deletes the key under compaction)
    std::int64_t timestampMs = -1;         // -1 = stamp with the broker's clock at append (CreateTime unset)
    std::span<const Header> headers;
};

// An owned record, for clients that buffer records (the Producer) and for callers that find owning
// simpler than borrowing.
struct Record
{
    std::optional<std::string> key;
    std::optional<std::string> value;
    std::int64_t timestampMs = -1;
    std::vector<Header> headers;

    RecordRef ref() const
    {
        RecordRef r;
        if (key)
            r.key = std::string_view(*key);
        if (value)
            r.value = std::string_view(*value);
        r.timestampMs = timestampMs;
        r.headers = headers;
        return r;
    }

    bool operator==(const Record &) const = default;
};

} // namespace postoffice::broker
