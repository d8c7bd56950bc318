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

std::optional<std::string_view> varintBytes(WireReader &r)
{
    const std::int32_t length = r.varint();
    if (length < 0) {
        if (length < -1)
            r.fail();
        return std::nullopt;
    }
    const auto s = r.take(std::size_t(length));
    if (!r.ok())
        return std::nullopt;
    return std::string_view(reinterpret_cast<const char *>(s.data()), s.size());
}

// Decodes the (uncompressed) records of one batch into out; CorruptMessage when anything lies.
ErrorCode decodeRecords(std::span<const std::uint8_t> bytes, const BatchInfo &batch, RecordBatchRefs &out,
                        std::vector<Header> &headerStore, std::vector<std::size_t> &headerStart)
{
    WireReader r(bytes);
    std::int64_t previousDelta = -1;
    for (std::int32_t i = 0; i < batch.recordCount; ++i) {
        const std::int32_t length = r.varint();
        if (!r.ok() || length < 0 || std::size_t(length) > r.remaining())
            return ErrorCode::CorruptMessage;
        WireReader rec(r.take(std::size_t(length)));
        const std::int8_t attributes = rec.int8();
        const std::int64_t timestampDelta = rec.varlong();
        const std::int32_t offsetDelta = rec.varint();
        RecordRef ref;
        ref.key = varintBytes(rec);
        ref.value = varintBytes(rec);
        const std::int32_t headerCount = rec.varint();
        if (!rec.ok() || headerCount < 0 || std::size_t(headerCount) > rec.remaining())
            return ErrorCode::CorruptMessage;
        headerStart.push_back(headerStore.size());
        for (std::int32_t h = 0; h < headerCount; ++h) {
            const auto key = varintBytes(rec);
            const auto value = varintBytes(rec);
            if (!rec.ok() || !key)
                return ErrorCode::CorruptMessage; // header keys are never null
            headerStore.push_back(Header{std::string(*key), value ? std::string(*value) : std::string()});
        }
        // The record must end exactly where its length said; deltas must grow.
        if (!rec.ok() || !rec.atEnd() || offsetDelta <= previousDelta || offsetDelta > batch.lastOffsetDelta)
            return ErrorCode::CorruptMessage;
        previousDelta = offsetDelta;
        ref.timestampMs = batch.logAppendTime ? batch.maxTimestamp : batch.baseTimestamp + timestampDelta;
        out.records.push_back(ref);
        out.offsets.push_back(batch.baseOffset + offsetDelta);
        out.recordAttributes.push_back(std::uint8_t(attributes));
    }
    if (!r.atEnd())
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
