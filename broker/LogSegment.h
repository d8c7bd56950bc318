#pragma once

#include "LogMemory.h"
#include "OffsetIndex.h"
#include "Record.h"
#include "RecordView.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace postoffice::broker {

// One segment of a partition log: the records' bytes packed into chunks that never move (so fetched
// RecordViews stay valid while the log grows) plus a 16-byte index entry per record.
// A plain append gives dense offsets; compaction rebuilds a segment with gaps, so the index keeps
// each record's offset (relative to the base) and lookups fall back to binary search.
class LogSegment
{
public:
    LogSegment(std::int64_t baseOffset, std::int64_t createdMs, std::int64_t segmentBytes);

    std::int64_t baseOffset() const { return m_baseOffset; }
    // Offset after the last record (the base for an empty segment).
    std::int64_t endOffset() const { return m_endOffset; }
    std::size_t recordCount() const { return m_index.size(); }
    bool empty() const { return m_index.empty(); }
    std::int64_t sizeBytes() const { return m_sizeBytes; }
    std::int64_t createdMs() const { return m_createdMs; }
    std::int64_t maxTimestampMs() const { return m_maxTimestampMs; }

    // Bytes a record occupies once stored (what segment.bytes and retention.bytes count).
    static std::size_t storedSize(const RecordRef &record)
    {
        return RecordView::kPrefixBytes + (record.key ? record.key->size() : 0) +
               (record.value ? record.value->size() : 0) +
               (record.headers.empty() ? 0 : headersSize(record.headers));
    }
    static std::size_t headersSize(std::span<const Header> headers);

    // Appends records from the front of the span, with offsets from firstOffset on, while they fit
    // within segment.bytes; an empty segment always takes the first one. Records with
    // timestampMs < 0 are stamped nowMs. Returns how many were appended.
    std::size_t append(std::int64_t firstOffset, std::span<const RecordRef> records, std::int64_t nowMs);
    // Copies a stored record (compaction).
    void appendCopy(const RecordView &view);

    // Position of the first record with offset >= the given one (recordCount() if none).
    std::size_t lowerBound(std::int64_t offset) const;
    std::int64_t offsetAt(std::size_t position) const { return m_baseOffset + m_index[position].offsetDelta; }
    RecordView view(std::size_t position) const
    {
        const Entry &e = m_index[position];
        return RecordView(m_baseOffset + e.offsetDelta, e.timestampMs,
                          m_chunks[e.location >> kPositionBits].data + (e.location & kPositionMask));
    }

    // Drops every record with offset >= the given one (truncation after a leader election).
    void truncateFrom(std::int64_t offset);

private:
    // location = chunk index << 22 | byte position: chunks hold at most 4 MiB of small records; a
    // bigger record gets a chunk of its own at position 0.
    static constexpr unsigned kPositionBits = 22;
    static constexpr std::uint32_t kPositionMask = (1u << kPositionBits) - 1;
    static constexpr std::size_t kMaxChunkBytes = std::size_t(1) << kPositionBits;
    static constexpr std::size_t kMaxChunks = std::size_t(1) << (32 - kPositionBits);

    using Entry = OffsetIndex::Entry;
    // A chunk of record bytes; owns its memory.
    struct Chunk
    {
        explicit Chunk(std::size_t bytes)
            : data(static_cast<char *>(allocateLogMemory(bytes))), capacity(bytes)
        {}
        Chunk(Chunk &&o) noexcept : data(o.data), capacity(o.capacity) { o.data = nullptr; }
        Chunk &operator=(Chunk &&o) noexcept
        {
            std::swap(data, o.data);
            std::swap(capacity, o.capacity);
            return *this;
        }
        Chunk(const Chunk &) = delete;
        Chunk &operator=(const Chunk &) = delete;
        ~Chunk() { freeLogMemory(data, capacity); }
        char *data;
        std::size_t capacity;
    };

    // Room for bytes more, starting a chunk if needed; nullptr if the segment ran out of chunks.
    char *reserve(std::size_t bytes, std::uint32_t &location)
    {
        if (m_chunks.empty() || m_chunkUsed + bytes > m_chunkCapacity)
            return reserveInNewChunk(bytes, location);
        location = m_lastChunkLocation | std::uint32_t(m_chunkUsed);
        char *p = m_lastChunk + m_chunkUsed;
        m_chunkUsed += bytes;
        return p;
    }
    char *reserveInNewChunk(std::size_t bytes, std::uint32_t &location);
    // Inline: this runs once per appended record.
    static void write(char *at, const RecordRef &record, std::size_t keyLength, std::size_t valueLength,
                      std::size_t headerLength)
    {
        const std::int32_t prefix[3] = {record.key ? std::int32_t(keyLength) : -1,
                                        record.value ? std::int32_t(valueLength) : -1,
                                        std::int32_t(headerLength)};
        std::memcpy(at, prefix, sizeof prefix);
        char *w = at + RecordView::kPrefixBytes;
        if (keyLength) {
            std::memcpy(w, record.key->data(), keyLength);
            w += keyLength;
        }
        if (valueLength) {
            std::memcpy(w, record.value->data(), valueLength);
            w += valueLength;
        }
        if (headerLength)
            writeHeaders(w, record.headers);
    }
    static void writeHeaders(char *at, std::span<const Header> headers);

    std::int64_t m_baseOffset;
    std::int64_t m_endOffset;
    std::int64_t m_createdMs;
    std::int64_t m_segmentBytes;
    std::int64_t m_sizeBytes = 0;
    std::int64_t m_maxTimestampMs = -1;
    bool m_dense = true;
    OffsetIndex m_index;
    std::vector<Chunk> m_chunks;
    std::size_t m_chunkCapacity = 0; // of the last chunk
    std::size_t m_chunkUsed = 0;
    char *m_lastChunk = nullptr;
    std::uint32_t m_lastChunkLocation = 0;
};

} // namespace postoffice::broker
