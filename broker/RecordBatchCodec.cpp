#include "RecordBatchCodec.h"

#include "Crc32c.h"
#include "RecordBatchLayout.h"
#include "WireReader.h"

#include <algorithm>
#include <cstring>

namespace postoffice::broker {

namespace {

using namespace batchlayout;

// ---- decoding ---------------------------------------------------------------------------------

// The record fields read straight off the bytes, every read bounded by `end`: a record is a handful
// of varints around its key and value, and most of them take one byte, tried first. Semantics as
// WireReader's (at most 5 bytes for a varint, 10 for a varlong); false when the bytes lie.
inline bool readUvarint(const std::uint8_t *&p, const std::uint8_t *end, std::uint32_t &out)
{
    if (p < end && *p < 0x80) {
        out = *p++;
        return true;
    }
    std::uint32_t value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (p >= end)
            return false;
        const std::uint8_t b = *p++;
        value |= std::uint32_t(b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
            out = value;
            return true;
        }
    }
    return false;
}

inline bool readVarint(const std::uint8_t *&p, const std::uint8_t *end, std::int32_t &out)
{
    std::uint32_t raw = 0;
    if (!readUvarint(p, end, raw))
        return false;
    out = std::int32_t((raw >> 1) ^ (~(raw & 1) + 1));
    return true;
}

inline bool readVarlong(const std::uint8_t *&p, const std::uint8_t *end, std::int64_t &out)
{
    std::uint64_t value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        if (p >= end)
            return false;
        const std::uint8_t b = *p++;
        value |= std::uint64_t(b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
            out = std::int64_t((value >> 1) ^ (~(value & 1) + 1));
            return true;
        }
    }
    return false;
}

// A varint length and that many bytes; -1 is null, below -1 a lie.
inline bool readVarintBytes(const std::uint8_t *&p, const std::uint8_t *end,
                            std::optional<std::string_view> &out)
{
    std::int32_t length = 0;
    if (!readVarint(p, end, length) || length < -1)
        return false;
    if (length == -1) {
        out.reset();
        return true;
    }
    if (std::size_t(length) > std::size_t(end - p))
        return false;
    out = std::string_view(reinterpret_cast<const char *>(p), std::size_t(length));
    p += length;
    return true;
}

// Decodes the (uncompressed) records of one batch into out; CorruptMessage when anything lies. The
// batch's entries are sized at once (its record count is bounded by its bytes) and filled in place.
ErrorCode decodeRecords(std::span<const std::uint8_t> bytes, const BatchInfo &batch, RecordBatchRefs &out,
                        std::vector<Header> &headerStore, std::vector<std::size_t> &headerStart)
{
    const std::uint8_t *p = bytes.data();
    const std::uint8_t *const end = p + bytes.size();
    const std::size_t first = out.records.size();
    const std::size_t count = std::size_t(batch.recordCount);
    out.records.resize(first + count);
    out.offsets.resize(first + count);
    out.recordAttributes.resize(first + count);
    headerStart.resize(first + count);
    std::int64_t previousDelta = -1;
    for (std::size_t i = first; i < first + count; ++i) {
        std::int32_t length = 0;
        if (!readVarint(p, end, length) || length < 1 || std::size_t(length) > std::size_t(end - p))
            return ErrorCode::CorruptMessage; // a record holds at least its attributes byte
        const std::uint8_t *const recordEnd = p + length;
        const std::uint8_t attributes = *p++;
        std::int64_t timestampDelta = 0;
        std::int32_t offsetDelta = 0;
        std::int32_t headerCount = 0;
        RecordRef &ref = out.records[i];
        if (!readVarlong(p, recordEnd, timestampDelta) || !readVarint(p, recordEnd, offsetDelta) ||
            !readVarintBytes(p, recordEnd, ref.key) || !readVarintBytes(p, recordEnd, ref.value) ||
            !readVarint(p, recordEnd, headerCount) || headerCount < 0 ||
            std::size_t(headerCount) > std::size_t(recordEnd - p))
            return ErrorCode::CorruptMessage;
        headerStart[i] = headerStore.size();
        for (std::int32_t h = 0; h < headerCount; ++h) {
            std::optional<std::string_view> key;
            std::optional<std::string_view> value;
            if (!readVarintBytes(p, recordEnd, key) || !readVarintBytes(p, recordEnd, value) || !key)
                return ErrorCode::CorruptMessage; // header keys are never null
            headerStore.push_back(Header{std::string(*key), value ? std::string(*value) : std::string()});
        }
        // The record must end exactly where its length said; deltas must grow.
        if (p != recordEnd || offsetDelta <= previousDelta || offsetDelta > batch.lastOffsetDelta)
            return ErrorCode::CorruptMessage;
        previousDelta = offsetDelta;
        ref.timestampMs = batch.logAppendTime ? batch.maxTimestamp : batch.baseTimestamp + timestampDelta;
        ref.headers = {};
        out.offsets[i] = batch.baseOffset + offsetDelta;
        out.recordAttributes[i] = attributes;
    }
    if (p != end)
        return ErrorCode::CorruptMessage; // bytes after the declared record count
    return ErrorCode::None;
}

} // namespace

void RecordBatchRefs::clear()
{
    batches.clear();
    records.clear();
    offsets.clear();
    recordAttributes.clear();
    m_headers.clear();
    m_headerStart.clear();
    m_buffersUsed = 0;
}

std::size_t largestBatchBytes(std::span<const std::uint8_t> bytes)
{
    std::size_t largest = 0;
    std::size_t pos = 0;
    while (bytes.size() - pos >= kLogOverhead) {
        const std::int32_t batchLength = readBe32(bytes.data() + pos + kLengthOffset);
        if (batchLength < kMinBatchLength || std::size_t(batchLength) > bytes.size() - pos - kLogOverhead)
            break;
        const std::size_t size = kLogOverhead + std::size_t(batchLength);
        largest = std::max(largest, size);
        pos += size;
    }
    return largest;
}

ErrorCode decodeRecordBatches(std::span<const std::uint8_t> bytes, RecordBatchRefs &out, PartialBatch partial)
{
    out.clear();
    ErrorCode result = ErrorCode::None;
    std::size_t pos = 0;
    std::size_t decompressedTotal = 0;
    while (pos < bytes.size()) {
        const std::size_t left = bytes.size() - pos;
        if (left < kLogOverhead + 5) { // up to and including the magic byte
            if (partial == PartialBatch::Reject)
                result = ErrorCode::CorruptMessage;
            break;
        }
        const std::uint8_t *p = bytes.data() + pos;
        const std::int32_t batchLength = readBe32(p + kLengthOffset);
        const std::int8_t magic = std::int8_t(p[kMagicOffset]);
        if (magic != 2) {
            result = (magic == 0 || magic == 1) ? ErrorCode::UnsupportedForMessageFormat
                                                : ErrorCode::CorruptMessage;
            break;
        }
        if (batchLength < kMinBatchLength) {
            result = ErrorCode::CorruptMessage;
            break;
        }
        if (std::size_t(batchLength) > left - kLogOverhead) {
            if (partial == PartialBatch::Reject)
                result = ErrorCode::CorruptMessage;
            break; // a partial batch at the end (Fetch responses cut at max.bytes)
        }
        const std::span<const std::uint8_t> batchBytes(p, kLogOverhead + std::size_t(batchLength));
        pos += batchBytes.size();

        WireReader h(batchBytes);
        BatchInfo info;
        info.baseOffset = h.int64();
        h.int32(); // length, checked above
        info.partitionLeaderEpoch = h.int32();
        h.int8(); // magic
        const std::uint32_t crc = h.uint32();
        if (crc != Crc32c::compute(batchBytes.subspan(kAttributesOffset))) {
            result = ErrorCode::CorruptMessage;
            break;
        }
        info.attributes = h.int16();
        info.lastOffsetDelta = h.int32();
        info.baseTimestamp = h.int64();
        info.maxTimestamp = h.int64();
        info.producerId = h.int64();
        info.producerEpoch = h.int16();
        info.baseSequence = h.int32();
        info.recordCount = h.int32();
        info.sizeInBytes = batchBytes.size();
        info.logAppendTime = (info.attributes & kTimestampTypeBit) != 0;
        info.transactional = (info.attributes & kTransactionalBit) != 0;
        info.control = (info.attributes & kControlBit) != 0;
        info.firstRecord = out.records.size();
        const int codec = info.attributes & kCompressionMask;
        if (codec > int(Compression::Zstd)) {
            result = ErrorCode::UnsupportedCompressionType;
            break;
        }
        info.compression = Compression(codec);
        if (!h.ok() || info.recordCount < 0 || info.lastOffsetDelta < 0 ||
            (info.recordCount > 0 && info.lastOffsetDelta < info.recordCount - 1)) {
            result = ErrorCode::CorruptMessage;
            break;
        }
        std::span<const std::uint8_t> recordBytes = batchBytes.subspan(kHeaderSize);
        if (info.compression == Compression::None) {
            // Every record takes at least 7 bytes; a count beyond that lies (and must not reserve).
            if (std::size_t(info.recordCount) > recordBytes.size() / 7 + 1) {
                result = ErrorCode::CorruptMessage;
                break;
            }
        } else {
            if (out.m_buffersUsed == out.m_buffers.size())
                out.m_buffers.emplace_back();
            std::vector<std::uint8_t> &buffer = out.m_buffers[out.m_buffersUsed++];
            // One budget for the whole records field: many small bombs add up as one big one.
            result =
                decompress(info.compression, recordBytes, buffer, kMaxDecompressedBytes - decompressedTotal);
            if (result != ErrorCode::None)
                break;
            decompressedTotal += buffer.size();
            recordBytes = buffer;
            if (std::size_t(info.recordCount) > recordBytes.size() / 7 + 1) {
                result = ErrorCode::CorruptMessage;
                break;
            }
        }
        const std::size_t expected = out.records.size() + std::size_t(info.recordCount);
        out.records.reserve(expected);
        out.offsets.reserve(expected);
        out.recordAttributes.reserve(expected);
        out.m_headerStart.reserve(expected);
        result = decodeRecords(recordBytes, info, out, out.m_headers, out.m_headerStart);
        if (result != ErrorCode::None) {
            // Drop the failed batch's records so that `out` holds whole batches only.
            out.records.resize(info.firstRecord);
            out.offsets.resize(info.firstRecord);
            out.recordAttributes.resize(info.firstRecord);
            out.m_headerStart.resize(info.firstRecord);
            break;
        }
        out.batches.push_back(info);
    }
    // Headers were collected in one vector that may have moved while growing: point the records
    // at their headers now that it is complete.
    if (!out.m_headers.empty()) {
        for (std::size_t i = 0; i < out.records.size(); ++i) {
            const std::size_t begin = out.m_headerStart[i];
            const std::size_t end =
                i + 1 < out.records.size() ? out.m_headerStart[i + 1] : out.m_headers.size();
            out.records[i].headers = std::span<const Header>(out.m_headers).subspan(begin, end - begin);
        }
    }
    return result;
}

ErrorCode decodeRecordBatches(std::span<const std::uint8_t> bytes, std::vector<DecodedBatch> &out,
                              PartialBatch partial)
{
    out.clear();
    RecordBatchRefs refs;
    const ErrorCode result = decodeRecordBatches(bytes, refs, partial);
    out.reserve(refs.batches.size());
    for (const BatchInfo &b : refs.batches) {
        DecodedBatch d;
        d.baseOffset = b.baseOffset;
        d.partitionLeaderEpoch = b.partitionLeaderEpoch;
        d.attributes = b.attributes;
        d.baseTimestamp = b.baseTimestamp;
        d.maxTimestamp = b.maxTimestamp;
        d.producerId = b.producerId;
        d.producerEpoch = b.producerEpoch;
        d.baseSequence = b.baseSequence;
        d.transactional = b.transactional;
        d.control = b.control;
        d.records.reserve(std::size_t(b.recordCount));
        for (std::size_t i = b.firstRecord; i < b.firstRecord + std::size_t(b.recordCount); ++i) {
            const RecordRef &ref = refs.records[i];
            Record r;
            if (ref.key)
                r.key = std::string(*ref.key);
            if (ref.value)
                r.value = std::string(*ref.value);
            r.timestampMs = ref.timestampMs;
            r.headers.assign(ref.headers.begin(), ref.headers.end());
            d.records.push_back(std::move(r));
            d.offsets.push_back(refs.offsets[i]);
        }
        out.push_back(std::move(d));
    }
    return result;
}

} // namespace postoffice::broker
