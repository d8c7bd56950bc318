#pragma once

#include "Record.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace postoffice::broker {

// A read-only view of one stored record, as fetch returns it. It points into the partition's log
// (no copy), so it stays valid until that part of the log is deleted: by retention, compaction or
// truncation after an unclean leader election. Appends never move stored bytes.
//
// Stored layout (see LogSegment): int32 keyLength (-1 = null), int32 valueLength (-1 = null),
// uint32 headersLength, key bytes, value bytes, header bytes.
class RecordView
{
public:
    RecordView() = default;
    RecordView(std::int64_t offset, std::int64_t timestampMs, const char *blob)
        : m_offset(offset), m_timestampMs(timestampMs), m_blob(blob)
    {}

    std::int64_t offset() const { return m_offset; }
    std::int64_t timestampMs() const { return m_timestampMs; }

    std::optional<std::string_view> key() const
    {
        const std::int32_t length = field(0);
        if (length < 0)
            return std::nullopt;
        return std::string_view(m_blob + kPrefixBytes, std::size_t(length));
    }

    std::optional<std::string_view> value() const
    {
        const std::int32_t length = field(1);
        if (length < 0)
            return std::nullopt;
        return std::string_view(m_blob + kPrefixBytes + keyBytes(), std::size_t(length));
    }

    bool isTombstone() const { return field(1) < 0; }

    // Headers are rare in the shop scenario, so they stay encoded until asked for.
    std::vector<Header> headers() const;

    // Bytes this record occupies in the log (prefix + key + value + headers); retention.bytes and
    // segment.bytes count these.
    std::size_t sizeInBytes() const
    {
        return kPrefixBytes + keyBytes() + valueBytes() + std::size_t(std::uint32_t(field(2)));
    }

    // An owned copy, for tests and for callers that keep records past the log's lifetime.
    Record toRecord() const;

    static constexpr std::size_t kPrefixBytes = 12;

private:
    std::int32_t field(int index) const
    {
        std::int32_t v;
        std::memcpy(&v, m_blob + index * 4, 4);
        return v;
    }
    std::size_t keyBytes() const { return field(0) < 0 ? 0 : std::size_t(field(0)); }
    std::size_t valueBytes() const { return field(1) < 0 ? 0 : std::size_t(field(1)); }

    std::int64_t m_offset = 0;
    std::int64_t m_timestampMs = 0;
    const char *m_blob = nullptr;
};

} // namespace postoffice::broker
