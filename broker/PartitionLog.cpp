#include "PartitionLog.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace postoffice::broker {

PartitionLog::PartitionLog(const TopicConfig &config) : m_config(config)
{
    m_segments.emplace_back(0, 0, m_config.segmentBytes);
}

LogSegment &PartitionLog::roll(std::int64_t nowMs)
{
    m_segments.emplace_back(m_logEndOffset, nowMs, m_config.segmentBytes);
    return m_segments.back();
}

std::int64_t PartitionLog::append(std::span<const RecordRef> records, std::int64_t nowMs)
{
    const std::int64_t base = m_logEndOffset;
    while (!records.empty()) {
        LogSegment *active = &m_segments.back();
        if (active->empty() && active->baseOffset() != m_logEndOffset) {
            // An empty active segment left behind by truncation must start at the log end.
            m_segments.pop_back();
            active = &roll(nowMs);
        } else if (!active->empty() && nowMs - active->createdMs() >= m_config.segmentMs) {
            active = &roll(nowMs); // segment.ms
        }
        const std::int64_t sizeBefore = active->sizeBytes();
        const std::size_t n = active->append(m_logEndOffset, records, nowMs);
        m_sizeBytes += active->sizeBytes() - sizeBefore;
        m_logEndOffset += std::int64_t(n);
        records = records.subspan(n);
        if (!records.empty())
            roll(nowMs); // segment.bytes reached
    }
    return base;
}

std::size_t PartitionLog::segmentFor(std::int64_t offset) const
{
    // Last segment whose base is <= offset (the first one if offset precedes every base). Readers
    // keep up with the tail almost always: try the active segment before searching.
    if (!m_segments.empty() && offset >= m_segments.back().baseOffset())
        return m_segments.size() - 1;
    auto it = std::upper_bound(m_segments.begin(), m_segments.end(), offset,
                               [](std::int64_t o, const LogSegment &s) { return o < s.baseOffset(); });
    return it == m_segments.begin() ? 0 : std::size_t(it - m_segments.begin()) - 1;
}

void PartitionLog::read(std::int64_t offset, std::int64_t endOffset, std::int32_t maxRecords,
                        std::vector<RecordView> &out) const
{
    endOffset = std::min(endOffset, m_logEndOffset);
    if (offset >= endOffset || maxRecords <= 0)
        return;
    std::size_t remaining = std::size_t(maxRecords);
    for (std::size_t s = segmentFor(offset); s < m_segments.size() && remaining > 0; ++s) {
        const LogSegment &segment = m_segments[s];
        if (segment.baseOffset() >= endOffset)
            break;
        // The positions to copy are known up front, so the loop below tests nothing per record.
        const std::size_t first = segment.lowerBound(offset);
        const std::size_t last = std::min(segment.lowerBound(endOffset), first + remaining);
        for (std::size_t i = first; i < last; ++i)
            out.push_back(segment.view(i));
        remaining -= last - first;
    }
}

std::int64_t PartitionLog::truncateTo(std::int64_t newEnd)
{
    if (newEnd >= m_logEndOffset)
        return 0;
    newEnd = std::max(newEnd, m_logStartOffset);
    const std::int64_t removed = m_logEndOffset - newEnd;
    while (m_segments.size() > 1 && m_segments.back().baseOffset() >= newEnd) {
        m_sizeBytes -= m_segments.back().sizeBytes();
        m_segments.pop_back();
    }
    LogSegment &last = m_segments.back();
    const std::int64_t before = last.sizeBytes();
    last.truncateFrom(newEnd);
    m_sizeBytes -= before - last.sizeBytes();
    m_logEndOffset = newEnd;
    return removed;
}

bool PartitionLog::applyRetention(std::int64_t nowMs, std::int64_t highWatermark)
{
    if (!m_config.cleanupDelete)
        return false;
    const std::int64_t startBefore = m_logStartOffset;
    std::int64_t excessBytes = m_config.retentionBytes < 0 ? 0 : m_sizeBytes - m_config.retentionBytes;
    while (!m_segments.empty()) {
        const LogSegment &oldest = m_segments.front();
        const bool isActive = m_segments.size() == 1;
        const std::int64_t upper = isActive ? m_logEndOffset : m_segments[1].baseOffset();
        if (oldest.empty() && isActive)
            break;
        if (highWatermark < upper)
            break;
        const bool expiredByTime =
            m_config.retentionMs >= 0 && nowMs - oldest.maxTimestampMs() > m_config.retentionMs;
        const bool expiredBySize = m_config.retentionBytes >= 0 && excessBytes - oldest.sizeBytes() >= 0;
        if (!expiredByTime && !expiredBySize)
            break;
        excessBytes -= oldest.sizeBytes();
        m_sizeBytes -= oldest.sizeBytes();
        m_logStartOffset = std::max(m_logStartOffset, upper);
        if (isActive)
            roll(nowMs); // Kafka rolls before deleting the active segment
        m_segments.pop_front();
    }
    return m_logStartOffset != startBefore;
}

std::int64_t PartitionLog::compact(std::int64_t nowMs, std::int64_t highWatermark)
{
    if (!m_config.cleanupCompact || m_segments.size() < 2)
        return 0;
    // Cleanable: closed segments that lie entirely below the high watermark.
    std::size_t cleanable = 0;
    while (cleanable + 1 < m_segments.size() && m_segments[cleanable + 1].baseOffset() <= highWatermark)
        ++cleanable;
    if (cleanable == 0)
        return 0;

    // Latest offset per key. The string_views point into the segments, which outlive the map.
    std::unordered_map<std::string_view, std::int64_t> latest;
    for (std::size_t s = 0; s < cleanable; ++s) {
        const LogSegment &segment = m_segments[s];
        for (std::size_t i = 0; i < segment.recordCount(); ++i) {
            const RecordView v = segment.view(i);
            if (const auto key = v.key())
                latest[*key] = v.offset();
        }
    }

    std::int64_t removed = 0;
    std::deque<LogSegment> cleaned;
    for (std::size_t s = 0; s < cleanable; ++s) {
        const LogSegment &segment = m_segments[s];
        LogSegment copy(segment.baseOffset(), segment.createdMs(), m_config.segmentBytes);
        for (std::size_t i = 0; i < segment.recordCount(); ++i) {
            const RecordView v = segment.view(i);
            const auto key = v.key();
            const bool superseded = key && latest[*key] != v.offset();
            const bool expiredTombstone =
                v.isTombstone() && nowMs - v.timestampMs() >= m_config.deleteRetentionMs;
            if (superseded || expiredTombstone)
                ++removed;
            else
                copy.appendCopy(v);
        }
        // An emptied segment disappears; offsets simply have a gap there.
        if (!copy.empty())
            cleaned.push_back(std::move(copy));
    }
    if (removed == 0)
        return 0;
    for (std::size_t s = 0; s < cleanable; ++s)
        m_sizeBytes -= m_segments[s].sizeBytes();
    for (const LogSegment &segment : cleaned)
        m_sizeBytes += segment.sizeBytes();
    m_segments.erase(m_segments.begin(), m_segments.begin() + std::ptrdiff_t(cleanable));
    m_segments.insert(m_segments.begin(), std::make_move_iterator(cleaned.begin()),
                      std::make_move_iterator(cleaned.end()));
    return removed;
}

} // namespace postoffice::broker
