#pragma once

#include "LogSegment.h"
#include "Record.h"
#include "RecordView.h"
#include "TopicConfig.h"

#include <cstdint>
#include <deque>
#include <span>
#include <vector>

namespace postoffice::broker {

// One partition's append-only log: segments with dense offsets, a log start offset that retention
// moves forward, and compaction for cleanup.policy=compact. Knows nothing about replication; the
// Cluster tells it the high watermark where that matters (nothing above it is deleted or compacted).
class PartitionLog
{
public:
    explicit PartitionLog(const TopicConfig &config);

    std::int64_t logStartOffset() const { return m_logStartOffset; }
    std::int64_t logEndOffset() const { return m_logEndOffset; }
    std::int64_t sizeBytes() const { return m_sizeBytes; }
    std::int32_t segmentCount() const { return std::int32_t(m_segments.size()); }
    const TopicConfig &config() const { return m_config; }

    // Appends in order; records with timestampMs < 0 get nowMs (the broker's clock). Rolls a new
    // segment when segment.bytes would be exceeded or segment.ms has passed. Returns the base offset.
    std::int64_t append(std::span<const RecordRef> records, std::int64_t nowMs);

    // Appends views of records with offsets in [offset, endOffset) to out, at most maxRecords.
    // offset must be >= logStartOffset (callers check and report OffsetOutOfRange).
    void read(std::int64_t offset, std::int64_t endOffset, std::int32_t maxRecords,
              std::vector<RecordView> &out) const;

    // Removes every record with offset >= newEnd. Returns how many records were removed.
    std::int64_t truncateTo(std::int64_t newEnd);

    // retention.ms / retention.bytes: deletes whole segments from the oldest, only segments entirely
    // below highWatermark, stopping at the first one that must stay (Kafka's rule). When even the
    // active segment goes, an empty one takes its place. Returns true if the log start moved.
    bool applyRetention(std::int64_t nowMs, std::int64_t highWatermark);

    // cleanup.policy=compact: in the segments entirely below both the active segment and
    // highWatermark, keeps only the latest record per key (the active segment's keys are not
    // consulted, as in Kafka's cleaner). Tombstones (null value) delete older records of their key
    // and are themselves dropped once their timestamp is delete.retention.ms old. Returns how many
    // records were removed.
    std::int64_t compact(std::int64_t nowMs, std::int64_t highWatermark);

private:
    LogSegment &roll(std::int64_t nowMs);
    std::size_t segmentFor(std::int64_t offset) const;

    TopicConfig m_config;
    std::deque<LogSegment> m_segments; // never empty: the last one is the active segment
    std::int64_t m_logStartOffset = 0;
    std::int64_t m_logEndOffset = 0;
    std::int64_t m_sizeBytes = 0;
};

} // namespace postoffice::broker
