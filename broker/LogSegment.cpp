#include "LogSegment.h"

#include <algorithm>
#include <cstring>

namespace postoffice::broker {

namespace {

// Chunks start small (a test topic with tiny segments stays tiny) and grow to this size, large enough
// that allocation is negligible per record and small enough not to waste much in the last chunk.
constexpr std::size_t kMinChunk = 4096;
constexpr std::size_t kMaxChunk = std::size_t(4) << 20;

void putU32(char *p, std::uint32_t v)
{
    std::memcpy(p, &v, 4);
}
void putI32(char *p, std::int32_t v)
{
    std::memcpy(p, &v, 4);
}

std::size_t headersSize(std::span<const Header> headers)
{
    if (headers.empty())
        return 0;
    std::size_t n = 4;
    for (const Header &h : headers)
        n += 8 + h.key.size() + h.value.size();
    return n;
}

} // namespace

LogSegment::LogSegment(std::int64_t baseOffset, std::int64_t createdMs, std::int64_t segmentBytes)
    : m_baseOffset(baseOffset), m_endOffset(baseOffset), m_createdMs(createdMs), m_segmentBytes(segmentBytes)
{}

std::size_t LogSegment::storedSize(const RecordRef &record)
{
    return RecordView::kPrefixBytes + (record.key ? record.key->size() : 0) +
           (record.value ? record.value->size() : 0) + headersSize(record.headers);
}

char *LogSegment::reserve(std::size_t bytes)
{
    if (m_chunks.empty() || m_chunkUsed + bytes > m_chunkCapacity) {
        // Grow geometrically, but never beyond what the segment can still hold.
        std::size_t capacity = m_chunks.empty() ? kMinChunk : std::min(m_chunkCapacity * 2, kMaxChunk);
        const auto segmentLimit =
            std::size_t(std::max<std::int64_t>(m_segmentBytes, std::int64_t(kMinChunk)));
        capacity = std::max(std::min(capacity, segmentLimit), bytes);
        m_chunks.push_back(std::make_unique_for_overwrite<char[]>(capacity));
        m_chunkCapacity = capacity;
        m_chunkUsed = 0;
    }
    char *p = m_chunks.back().get() + m_chunkUsed;
    m_chunkUsed += bytes;
    return p;
}

void LogSegment::addEntry(std::int64_t offset, std::int64_t timestampMs, std::uint32_t chunk,
                          std::uint32_t position, std::size_t bytes)
{
    if (offset != m_endOffset)
        m_dense = false;
    m_index.push_back(Entry{std::uint32_t(offset - m_baseOffset), chunk, position, timestampMs});
    m_endOffset = offset + 1;
    m_sizeBytes += std::int64_t(bytes);
    m_maxTimestampMs = std::max(m_maxTimestampMs, timestampMs);
}

void LogSegment::append(std::int64_t offset, const RecordRef &record, std::int64_t timestampMs)
{
    const std::size_t keyLength = record.key ? record.key->size() : 0;
    const std::size_t valueLength = record.value ? record.value->size() : 0;
    const std::size_t headerLength = headersSize(record.headers);
    const std::size_t bytes = RecordView::kPrefixBytes + keyLength + valueLength + headerLength;

    char *p = reserve(bytes);
    putI32(p, record.key ? std::int32_t(keyLength) : -1);
    putI32(p + 4, record.value ? std::int32_t(valueLength) : -1);
    putU32(p + 8, std::uint32_t(headerLength));
    char *w = p + RecordView::kPrefixBytes;
    if (keyLength) {
        std::memcpy(w, record.key->data(), keyLength);
        w += keyLength;
    }
    if (valueLength) {
        std::memcpy(w, record.value->data(), valueLength);
        w += valueLength;
    }
    if (headerLength) {
        putU32(w, std::uint32_t(record.headers.size()));
        w += 4;
        for (const Header &h : record.headers) {
            putU32(w, std::uint32_t(h.key.size()));
            std::memcpy(w + 4, h.key.data(), h.key.size());
            w += 4 + h.key.size();
            putU32(w, std::uint32_t(h.value.size()));
            std::memcpy(w + 4, h.value.data(), h.value.size());
            w += 4 + h.value.size();
        }
    }
    addEntry(offset, timestampMs, std::uint32_t(m_chunks.size() - 1),
             std::uint32_t(p - m_chunks.back().get()), bytes);
}

void LogSegment::appendCopy(const RecordView &view)
{
    const std::vector<Header> headers = view.headers();
    RecordRef ref;
    ref.key = view.key();
    ref.value = view.value();
    ref.headers = headers;
    append(view.offset(), ref, view.timestampMs());
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
    const auto it = std::lower_bound(m_index.begin(), m_index.end(), delta,
                                     [](const Entry &e, std::uint32_t d) { return e.offsetDelta < d; });
    return std::size_t(it - m_index.begin());
}

void LogSegment::truncateFrom(std::int64_t offset)
{
    const std::size_t keep = lowerBound(offset);
    for (std::size_t i = keep; i < m_index.size(); ++i)
        m_sizeBytes -= std::int64_t(view(i).sizeInBytes());
    m_index.resize(keep);
    m_endOffset = std::max(m_baseOffset, std::min(m_endOffset, offset));
    m_maxTimestampMs = -1;
    for (const Entry &e : m_index)
        m_maxTimestampMs = std::max(m_maxTimestampMs, e.timestampMs);
    // The truncated bytes stay in their chunk as dead space: other views may still point there, and
    // truncation is rare.
}

} // namespace postoffice::broker
