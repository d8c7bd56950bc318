#include "LogSegment.h"

#include <algorithm>
#include <cstring>

namespace postoffice::broker {

namespace {

// Chunks start small (a test topic with tiny segments stays tiny) and double up to 4 MiB.
constexpr std::size_t kMinChunk = 4096;

void putU32(char *p, std::uint32_t v)
{
    std::memcpy(p, &v, 4);
}

} // namespace

LogSegment::LogSegment(std::int64_t baseOffset, std::int64_t createdMs, std::int64_t segmentBytes)
    : m_baseOffset(baseOffset), m_endOffset(baseOffset), m_createdMs(createdMs), m_segmentBytes(segmentBytes)
{}

std::size_t LogSegment::headersSize(std::span<const Header> headers)
{
    if (headers.empty())
        return 0;
    std::size_t n = 4;
    for (const Header &h : headers)
        n += 8 + h.key.size() + h.value.size();
    return n;
}

char *LogSegment::reserveInNewChunk(std::size_t bytes, std::uint32_t &location)
{
    if (m_chunks.size() == kMaxChunks)
        return nullptr;
    std::size_t capacity = m_chunks.empty() ? kMinChunk : std::min(m_chunkCapacity * 2, kMaxChunkBytes);
    // Never more than the segment may still hold, never less than the record.
    const auto room =
        std::size_t(std::max<std::int64_t>(m_segmentBytes - m_sizeBytes, std::int64_t(kMinChunk)));
    capacity = std::max(std::min(capacity, room), bytes);
    m_chunks.emplace_back(capacity);
    m_chunkCapacity = capacity;
    m_chunkUsed = 0;
    m_lastChunk = m_chunks.back().data;
    m_lastChunkLocation = std::uint32_t((m_chunks.size() - 1) << kPositionBits);
    return reserve(bytes, location);
}

void LogSegment::writeHeaders(char *w, std::span<const Header> headers)
{
    putU32(w, std::uint32_t(headers.size()));
    w += 4;
    for (const Header &h : headers) {
        putU32(w, std::uint32_t(h.key.size()));
        std::memcpy(w + 4, h.key.data(), h.key.size());
        w += 4 + h.key.size();
        putU32(w, std::uint32_t(h.value.size()));
        std::memcpy(w + 4, h.value.data(), h.value.size());
        w += 4 + h.value.size();
    }
}

std::size_t LogSegment::append(std::int64_t firstOffset, std::span<const RecordRef> records,
                               std::int64_t nowMs)
{
    if (firstOffset != m_endOffset)
        m_dense = false;
    // The loop works on local copies of the segment's counters: every byte copied through a char*
    // may alias any member as far as the compiler knows, so members would be reloaded per record.
    std::int64_t sizeBytes = m_sizeBytes;
    std::int64_t maxTimestampMs = m_maxTimestampMs;
    std::size_t chunkUsed = m_chunkUsed;
    std::size_t chunkCapacity = m_chunkCapacity;
    char *chunk = m_lastChunk;
    std::uint32_t chunkLocation = m_lastChunkLocation;
    const std::int64_t segmentBytes = m_segmentBytes;
    const auto firstDelta = std::uint32_t(firstOffset - m_baseOffset);
    bool mayOverflow = !m_index.empty(); // an empty segment always takes the first record
    std::size_t done = 0;
    for (const RecordRef &record : records) {
        const std::size_t keyLength = record.key ? record.key->size() : 0;
        const std::size_t valueLength = record.value ? record.value->size() : 0;
        const std::size_t headerLength = record.headers.empty() ? 0 : headersSize(record.headers);
        const std::size_t bytes = RecordView::kPrefixBytes + keyLength + valueLength + headerLength;
        // segment.bytes: the record that would overflow starts the next segment.
        if (mayOverflow && sizeBytes + std::int64_t(bytes) > segmentBytes)
            break;
        std::uint32_t location = 0;
        char *at = nullptr;
        if (chunkUsed + bytes <= chunkCapacity) { // no chunk yet: capacity 0
            at = chunk + chunkUsed;
            location = chunkLocation | std::uint32_t(chunkUsed);
            chunkUsed += bytes;
        } else {
            m_sizeBytes = sizeBytes; // reserveInNewChunk sizes the chunk by what the segment holds
            at = reserveInNewChunk(bytes, location);
            if (!at)
                break;
            chunk = m_lastChunk;
            chunkUsed = m_chunkUsed;
            chunkCapacity = m_chunkCapacity;
            chunkLocation = m_lastChunkLocation;
        }
        write(at, record, keyLength, valueLength, headerLength);
        const std::int64_t timestamp = record.timestampMs < 0 ? nowMs : record.timestampMs;
        m_index.push_back(Entry{firstDelta + std::uint32_t(done), location, timestamp});
        sizeBytes += std::int64_t(bytes);
        maxTimestampMs = std::max(maxTimestampMs, timestamp);
        mayOverflow = true;
        ++done;
    }
    m_sizeBytes = sizeBytes;
    m_maxTimestampMs = maxTimestampMs;
    m_chunkUsed = chunkUsed;
    m_endOffset = firstOffset + std::int64_t(done);
    return done;
}

void LogSegment::appendCopy(const RecordView &view)
{
    const std::vector<Header> headers = view.headers();
    RecordRef ref;
    ref.key = view.key();
    ref.value = view.value();
    ref.timestampMs = view.timestampMs();
    ref.headers = headers;
    // Compaction always copies into a fresh segment sized for the original, so this cannot fail.
    append(view.offset(), std::span<const RecordRef>(&ref, 1), view.timestampMs());
}

std::size_t LogSegment::lowerBound(std::int64_t offset) const
{
    if (offset <= m_baseOffset)
        return 0;
    if (offset >= m_endOffset)
        return m_index.size();
    if (m_dense)
        return std::size_t(offset - m_baseOffset);
    const auto delta = std::uint32_t(offset - m_baseOffset);
    std::size_t low = 0;
    std::size_t high = m_index.size();
    while (low < high) {
        const std::size_t mid = low + (high - low) / 2;
        if (m_index[mid].offsetDelta < delta)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

void LogSegment::truncateFrom(std::int64_t offset)
{
    const std::size_t keep = lowerBound(offset);
    for (std::size_t i = keep; i < m_index.size(); ++i)
        m_sizeBytes -= std::int64_t(view(i).sizeInBytes());
    m_index.truncate(keep);
    m_endOffset = std::max(m_baseOffset, std::min(m_endOffset, offset));
    m_maxTimestampMs = -1;
    for (std::size_t i = 0; i < m_index.size(); ++i)
        m_maxTimestampMs = std::max(m_maxTimestampMs, m_index[i].timestampMs);
    // The truncated bytes stay in their chunk as dead space: other views may still point there, and
    // truncation is rare.
}

} // namespace postoffice::broker
