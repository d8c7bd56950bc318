#pragma once

#include "ErrorCode.h"
#include "Record.h"
#include "RecordBatchEncoder.h"
#include "RecordCompression.h"

#include <cstdint>
#include <span>
#include <vector>

namespace postoffice::broker {

// Kafka's record batch v2 (magic 2), the "records" field of Produce requests and Fetch responses:
// a 61-byte batch header (base offset, length, leader epoch, magic, CRC-32C, attributes, offsets,
// timestamps, producer id/epoch/sequence, record count) followed by varint-framed records, the
// records optionally compressed as a whole (compression.type: gzip, snappy, lz4, zstd).
//
// Reading trusts nothing: a bad CRC, a length or count that lies, a varint over 5/10 bytes, a
// compressed payload that inflates past kMaxDecompressedBytes → CorruptMessage; magic 0/1 →
// UnsupportedForMessageFormat; an unknown codec → UnsupportedCompressionType.

// Batch header fields (attributes decoded).
struct BatchInfo
{
    std::int64_t baseOffset = 0;
    std::int32_t partitionLeaderEpoch = -1;
    std::int16_t attributes = 0;
    std::int32_t lastOffsetDelta = 0;
    std::int64_t baseTimestamp = -1;
    std::int64_t maxTimestamp = -1;
    std::int64_t producerId = -1;
    std::int16_t producerEpoch = -1;
    std::int32_t baseSequence = -1;
    Compression compression = Compression::None;
    bool logAppendTime = false; // timestamp type bit: LogAppendTime (records carry maxTimestamp)
    bool transactional = false;
    bool control = false;
    std::int32_t recordCount = 0;
    std::size_t firstRecord = 0; // index of the batch's first record in RecordBatchRefs::records
    std::size_t sizeInBytes = 0; // the whole batch on the wire, header included
};

struct DecodedBatch
{
    std::int64_t baseOffset = 0;
    std::int32_t partitionLeaderEpoch = -1;
    std::int16_t attributes = 0;
    std::int64_t baseTimestamp = -1;
    std::int64_t maxTimestamp = -1;
    std::int64_t producerId = -1;
    std::int16_t producerEpoch = -1;
    std::int32_t baseSequence = -1;
    bool transactional = false;
    bool control = false;
    std::vector<Record> records;       // absolute timestamps
    std::vector<std::int64_t> offsets; // absolute offset of each record (baseOffset + offset delta)
};

// Whether a trailing batch cut short by the end of the bytes is an error. Fetch responses may end
// in a partial batch (the broker cut at max.bytes); a Produce request may not.
enum class PartialBatch { Ignore, Reject };

// The zero-copy decoding: records are RecordRefs pointing into the input bytes (uncompressed
// batches) or into buffers this object owns (decompressed ones). Valid until the next decode into
// the same object or its destruction, and only while the input bytes live. Reuse one object across
// requests: its vectors keep their capacity, so decoding does not allocate per record.
class RecordBatchRefs
{
public:
    std::vector<BatchInfo> batches;
    std::vector<RecordRef> records;             // all batches' records, in order
    std::vector<std::int64_t> offsets;          // absolute offset of each record
    std::vector<std::uint8_t> recordAttributes; // Kafka's per-record attributes byte (unused, kept)

    void clear();
    std::span<const RecordRef> batchRecords(const BatchInfo &b) const
    {
        return std::span<const RecordRef>(records).subspan(b.firstRecord, std::size_t(b.recordCount));
    }

private:
    friend ErrorCode decodeRecordBatches(std::span<const std::uint8_t>, RecordBatchRefs &, PartialBatch);
    std::vector<Header> m_headers;
    std::vector<std::size_t> m_headerStart; // per record, index into m_headers (fix-up after decode)
    std::vector<std::vector<std::uint8_t>> m_buffers;
    std::size_t m_buffersUsed = 0;
};

// The largest whole batch in a records field as it travels (12 bytes of log overhead plus its
// batchLength), read from the batch headers alone: what Kafka holds to max.message.bytes
// (MESSAGE_TOO_LARGE) before it reads or decompresses anything. A batch cut short, or whose length
// is below a batch header's, ends the walk: decoding reports it.
std::size_t largestBatchBytes(std::span<const std::uint8_t> bytes);

// Decodes every batch in a records field. On an error `out` holds the batches decoded before it.
ErrorCode decodeRecordBatches(std::span<const std::uint8_t> bytes, RecordBatchRefs &out,
                              PartialBatch partial = PartialBatch::Ignore);
// The owning variant (tests, clients): `out` is cleared first.
ErrorCode decodeRecordBatches(std::span<const std::uint8_t> bytes, std::vector<DecodedBatch> &out,
                              PartialBatch partial = PartialBatch::Ignore);

} // namespace postoffice::broker
