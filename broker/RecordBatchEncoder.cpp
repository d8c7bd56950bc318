#include "RecordBatchEncoder.h"

#include "Crc32c.h"
#include "RecordBatchLayout.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace postoffice::broker {

namespace {

using namespace batchlayout;

// ---- record access for the encoder, one overload per record type ------------------------------

struct EncodedRecord
{
    std::optional<std::string_view> key;
    std::optional<std::string_view> value;
    std::int64_t timestampMs;
};

struct ViewAccess
{
    std::span<const RecordView> records;
    std::int64_t baseOffset;
    std::int64_t offsetDelta(std::size_t i) const { return records[i].offset() - baseOffset; }
    EncodedRecord get(std::size_t i) const
    {
        return {records[i].key(), records[i].value(), records[i].timestampMs()};
    }
    std::vector<Header> headers(std::size_t i) const
    {
        // Most records carry none: bytes beyond key and value are what is left to decode.
        const RecordView &r = records[i];
        const auto key = r.key();
        const auto value = r.value();
        if (r.sizeInBytes() ==
            RecordView::kPrefixBytes + (key ? key->size() : 0) + (value ? value->size() : 0))
            return {};
        return r.headers();
    }
};

struct RecordAccess
{
    std::span<const Record> records;
    std::int64_t offsetDelta(std::size_t i) const { return std::int64_t(i); }
    EncodedRecord get(std::size_t i) const
    {
        const Record &r = records[i];
        EncodedRecord e{std::nullopt, std::nullopt, r.timestampMs};
        if (r.key)
            e.key = std::string_view(*r.key);
        if (r.value)
            e.value = std::string_view(*r.value);
        return e;
    }
    std::span<const Header> headers(std::size_t i) const { return records[i].headers; }
};

struct RefAccess
{
    std::span<const RecordRef> records;
    std::int64_t offsetDelta(std::size_t i) const { return std::int64_t(i); }
    EncodedRecord get(std::size_t i) const
    {
        return {records[i].key, records[i].value, records[i].timestampMs};
    }
    std::span<const Header> headers(std::size_t i) const { return records[i].headers; }
};

std::size_t varintBytesSize(std::optional<std::string_view> s)
{
    if (!s)
        return 1;
    return WireWriter::varintSize(std::int32_t(s->size())) + s->size();
}

// Raw writers for the record loop: the fields go in through a pointer.
inline void putZigzag64(std::uint8_t *&p, std::int64_t v)
{
    std::uint64_t u = (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63);
    while (u >= 0x80) {
        *p++ = std::uint8_t(u | 0x80);
        u >>= 7;
    }
    *p++ = std::uint8_t(u);
}

inline void putZigzag32(std::uint8_t *&p, std::int32_t v)
{
    std::uint32_t u = (std::uint32_t(v) << 1) ^ std::uint32_t(v >> 31);
    while (u >= 0x80) {
        *p++ = std::uint8_t(u | 0x80);
        u >>= 7;
    }
    *p++ = std::uint8_t(u);
}

inline void putVarintBytes(std::uint8_t *&p, std::optional<std::string_view> s)
{
    if (!s) {
        *p++ = 1; // zigzag(-1)
        return;
    }
    putZigzag32(p, std::int32_t(s->size()));
    if (!s->empty())
        std::memcpy(p, s->data(), s->size());
    p += s->size();
}

// Appends the records (varint-framed, uncompressed) to w, through a pointer. The buffer is grown
// by what the records still to come will take, guessed from the current one (one growth for a
// batch of like records, where growing it record by record cost a call and a check each), and cut
// to what was written at the end.
template<typename Access>
void writeRecords(WireWriter &w, const Access &access, std::size_t count, std::int64_t baseTimestamp)
{
    constexpr std::size_t kMaxGrowth = std::size_t(1) << 20;
    std::vector<std::uint8_t> &buf = w.buffer();
    std::size_t used = buf.size();
    for (std::size_t i = 0; i < count; ++i) {
        const EncodedRecord r = access.get(i);
        const auto headers = access.headers(i);
        const std::int64_t timestampDelta = r.timestampMs - baseTimestamp;
        const std::int32_t offsetDelta = std::int32_t(access.offsetDelta(i));
        std::size_t bodySize = 1 + WireWriter::varlongSize(timestampDelta) +
                               WireWriter::varintSize(offsetDelta) + varintBytesSize(r.key) +
                               varintBytesSize(r.value) +
                               WireWriter::varintSize(std::int32_t(headers.size()));
        for (const Header &h : headers)
            bodySize += varintBytesSize(h.key) + varintBytesSize(h.value);
        const std::size_t total = WireWriter::varintSize(std::int32_t(bodySize)) + bodySize;
        if (buf.size() - used < total)
            buf.resize(used + std::max(total, std::min((count - i) * total, kMaxGrowth)));
        std::uint8_t *p = buf.data() + used;
        putZigzag32(p, std::int32_t(bodySize));
        *p++ = 0; // record attributes: unused
        putZigzag64(p, timestampDelta);
        putZigzag32(p, offsetDelta);
        putVarintBytes(p, r.key);
        putVarintBytes(p, r.value);
        putZigzag32(p, std::int32_t(headers.size()));
        for (const Header &h : headers) {
            putVarintBytes(p, std::string_view(h.key));
            putVarintBytes(p, std::string_view(h.value));
        }
        used += total;
    }
    buf.resize(used);
}

template<typename Access>
void encodeBatch(WireWriter &out, std::int64_t baseOffset, const Access &access, std::size_t count,
                 const BatchOptions &options)
{
    std::int64_t baseTimestamp = count ? access.get(0).timestampMs : -1;
    std::int64_t maxTimestamp = baseTimestamp;
    for (std::size_t i = 1; i < count; ++i)
        maxTimestamp = std::max(maxTimestamp, access.get(i).timestampMs);
    const std::int32_t lastOffsetDelta = count ? std::int32_t(access.offsetDelta(count - 1)) : 0;

    std::int16_t attributes = std::int16_t(options.compression) & kCompressionMask;
    if (options.logAppendTime) {
        attributes |= kTimestampTypeBit;
        maxTimestamp = options.logAppendTimeMs;
    }
    if (options.transactional)
        attributes |= kTransactionalBit;

    const std::size_t start = out.size();
    out.buffer().reserve(start + kHeaderSize + count * 32); // at least; records carry more
    out.int64(baseOffset);
    const std::size_t lengthAt = out.reserveInt32();
    out.int32(options.partitionLeaderEpoch);
    out.int8(2); // magic
    const std::size_t crcAt = out.reserveInt32();
    // The fields the CRC covers that come before the records.
    const auto writeCovered = [&](std::int16_t attrs) {
        out.int16(attrs);
        out.int32(lastOffsetDelta);
        out.int64(baseTimestamp);
        out.int64(maxTimestamp);
        out.int64(options.producerId);
        out.int16(options.producerEpoch);
        out.int32(options.baseSequence);
        out.int32(std::int32_t(count));
    };
    writeCovered(attributes);

    if (options.compression == Compression::None) {
        writeRecords(out, access, count, baseTimestamp);
    } else {
        // Records go to a scratch buffer kept per thread (no allocation in the steady state), then
        // compressed straight into the output.
        thread_local WireWriter scratch;
        scratch.buffer().clear();
        writeRecords(scratch, access, count, baseTimestamp);
        const bool ok = appendCompressed(options.compression, scratch.buffer(), out.buffer());
        if (!ok) {
            // A codec that fails on valid input (out of memory) leaves an uncompressed batch rather
            // than a broken one.
            out.buffer().resize(crcAt + 4);
            writeCovered(std::int16_t(attributes & ~kCompressionMask));
            writeRecords(out, access, count, baseTimestamp);
        }
        if (scratch.buffer().capacity() > 16 * 1024 * 1024)
            std::vector<std::uint8_t>().swap(scratch.buffer()); // do not hold on to a huge one
    }
    out.patchInt32(lengthAt, std::int32_t(out.size() - start - kLogOverhead));
    const std::span<const std::uint8_t> crcd(out.buffer().data() + start + kAttributesOffset,
                                             out.size() - start - kAttributesOffset);
    out.patchInt32(crcAt, std::int32_t(Crc32c::compute(crcd)));
}

BatchOptions optionsOf(Compression compression, std::int64_t producerId, std::int16_t producerEpoch,
                       std::int32_t baseSequence)
{
    BatchOptions o;
    o.compression = compression;
    o.producerId = producerId;
    o.producerEpoch = producerEpoch;
    o.baseSequence = baseSequence;
    return o;
}

} // namespace

void encodeRecordBatch(WireWriter &out, std::int64_t baseOffset, std::span<const RecordView> records,
                       const BatchOptions &options)
{
    encodeBatch(out, baseOffset, ViewAccess{records, baseOffset}, records.size(), options);
}

void encodeRecordBatch(WireWriter &out, std::int64_t baseOffset, std::span<const Record> records,
                       const BatchOptions &options)
{
    encodeBatch(out, baseOffset, RecordAccess{records}, records.size(), options);
}

void encodeRecordBatch(WireWriter &out, std::int64_t baseOffset, std::span<const RecordRef> records,
                       const BatchOptions &options)
{
    encodeBatch(out, baseOffset, RefAccess{records}, records.size(), options);
}

void encodeRecordBatch(WireWriter &out, std::int64_t baseOffset, std::span<const RecordView> records,
                       Compression compression, std::int64_t producerId, std::int16_t producerEpoch,
                       std::int32_t baseSequence)
{
    encodeRecordBatch(out, baseOffset, records,
                      optionsOf(compression, producerId, producerEpoch, baseSequence));
}

void encodeRecordBatch(WireWriter &out, std::int64_t baseOffset, std::span<const Record> records,
                       Compression compression, std::int64_t producerId, std::int16_t producerEpoch,
                       std::int32_t baseSequence)
{
    encodeRecordBatch(out, baseOffset, records,
                      optionsOf(compression, producerId, producerEpoch, baseSequence));
}

void encodeRecordBatch(WireWriter &out, std::int64_t baseOffset, std::span<const RecordRef> records,
                       Compression compression, std::int64_t producerId, std::int16_t producerEpoch,
                       std::int32_t baseSequence)
{
    encodeRecordBatch(out, baseOffset, records,
                      optionsOf(compression, producerId, producerEpoch, baseSequence));
}

} // namespace postoffice::broker
