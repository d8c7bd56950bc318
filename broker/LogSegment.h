#pragma once

#include "Record.h"
#include "RecordView.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace postoffice::broker {

// One segment of a partition log: the records' bytes packed into chunks that never move (so fetched
// RecordViews stay valid while the log grows) plus a small fixed-size index entry per record.
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
    static std::size_t storedSize(const RecordRef &record);

    // offset must be >= endOffset().
    void append(std::int64_t offset, const RecordRef &record, std::int64_t timestampMs);
    // Copies a stored record (compaction).
    void appendCopy(const RecordView &view);

    // Position of the first record with offset >= the given one (recordCount() if none).
    std::size_t lowerBound(std::int64_t offset) const;
    std::int64_t offsetAt(std::size_t position) const { return m_baseOffset + m_index[position].offsetDelta; }
    RecordView view(std::size_t position) const
    {
        const Entry &e = m_index[position];
        return RecordView(m_baseOffset + e.offsetDelta, e.timestampMs, m_chunks[e.chunk].get() + e.position);
    }

    // Drops every record with offset >= the given one (truncation after a leader election).
    void truncateFrom(std::int64_t offset);

private:
    struct Entry
    {
        std::uint32_t offsetDelta;
        std::uint32_t chunk;
        std::uint32_t position;
        std::int64_t timestampMs;
    };

    char *reserve(std::size_t bytes);
    void addEntry(std::int64_t offset, std::int64_t timestampMs, std::uint32_t chunk, std::uint32_t position,
                  std::size_t bytes);

    std::int64_t m_baseOffset;
    std::int64_t m_endOffset;
    std::int64_t m_createdMs;
    std::int64_t m_segmentBytes;
    std::int64_t m_sizeBytes = 0;
    std::int64_t m_maxTimestampMs = -1;
    bool m_dense = true;
    std::vector<Entry> m_index;
    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::size_t m_chunkCapacity = 0; // of the last chunk
    std::size_t m_chunkUsed = 0;
};

} // namespace postoffice::broker
