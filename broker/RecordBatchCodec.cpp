#include "RecordBatchCodec.h"

#include "Crc32c.h"
#include "WireReader.h"

#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>

namespace postoffice::broker {

namespace {

// Offsets within the batch header (Kafka's DefaultRecordBatch).
constexpr std::size_t kLengthOffset = 8;
constexpr std::size_t kLogOverhead = 12; // baseOffset + batchLength
constexpr std::size_t kMagicOffset = 16;
constexpr std::size_t kAttributesOffset = 21;
constexpr std::size_t kHeaderSize = 61;
constexpr std::int32_t kMinBatchLength = std::int32_t(kHeaderSize - kLogOverhead);

constexpr std::int16_t kCompressionMask = 0x07;
constexpr std::int16_t kTimestampTypeBit = 0x08;
constexpr std::int16_t kTransactionalBit = 0x10;
constexpr std::int16_t kControlBit = 0x20;

// xerial snappy-java's stream header, as the Java client frames snappy: magic, version, compatible.
constexpr std::uint8_t kXerialMagic[8] = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
constexpr std::size_t kXerialHeaderSize = 16;
constexpr std::size_t kXerialBlockSize = 32 * 1024;

std::int32_t readBe32(const std::uint8_t *p)
{
    return std::int32_t(std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 |
                        std::uint32_t(p[3]));
}

// ---- decompression, every codec bounded by maxBytes -------------------------------------------

ErrorCode inflateGzip(std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out, std::size_t maxBytes)
{
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 32) != Z_OK) // 32: accept the gzip (and zlib) wrapper
        return ErrorCode::CorruptMessage;
    zs.next_in = const_cast<Bytef *>(in.data());
    zs.avail_in = uInt(in.size());
    std::size_t produced = 0;
    out.resize(std::min<std::size_t>(std::max<std::size_t>(in.size() * 4, 1024), maxBytes + 1));
    ErrorCode result = ErrorCode::None;
    for (;;) {
        if (produced == out.size()) {
            if (out.size() > maxBytes) {
                result = ErrorCode::CorruptMessage;
                break;
            }
            out.resize(std::min(out.size() * 2, maxBytes + 1));
        }
        zs.next_out = out.data() + produced;
        zs.avail_out = uInt(out.size() - produced);
        const int rc = inflate(&zs, Z_NO_FLUSH);
        produced = out.size() - zs.avail_out;
        if (rc == Z_STREAM_END) {
            // Several gzip members may follow one another (concatenated streams are valid gzip).
            if (zs.avail_in == 0)
                break;
            if (inflateReset(&zs) != Z_OK) {
                result = ErrorCode::CorruptMessage;
                break;
            }
            continue;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            result = ErrorCode::CorruptMessage;
            break;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0 && produced < out.size()) {
            result = ErrorCode::CorruptMessage; // truncated stream
            break;
        }
    }
    inflateEnd(&zs);
    if (result == ErrorCode::None && produced > maxBytes)
        result = ErrorCode::CorruptMessage;
    out.resize(result == ErrorCode::None ? produced : 0);
    return result;
}

ErrorCode appendRawSnappy(const std::uint8_t *data, std::size_t n, std::vector<std::uint8_t> &out,
                          std::size_t maxBytes)
{
    std::size_t length = 0;
    const char *src = reinterpret_cast<const char *>(data);
    // A snappy element expands at most 64 bytes from 3 (a 2-byte-offset copy): a block that
    // claims more than that is lying, and must not make us allocate what it claims.
    if (!snappy::GetUncompressedLength(src, n, &length) || length > maxBytes - out.size() ||
        length > n * 22 + 64)
        return ErrorCode::CorruptMessage;
    const std::size_t at = out.size();
    out.resize(at + length);
    if (!snappy::RawUncompress(src, n, reinterpret_cast<char *>(out.data() + at)))
        return ErrorCode::CorruptMessage;
    return ErrorCode::None;
}

ErrorCode uncompressSnappy(std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out,
                           std::size_t maxBytes)
{
    out.clear();
    if (in.size() >= kXerialHeaderSize && std::memcmp(in.data(), kXerialMagic, sizeof kXerialMagic) == 0) {
        // Java's framing: header, then blocks of int32 compressed length + raw snappy block.
        std::size_t pos = kXerialHeaderSize;
        while (pos < in.size()) {
            if (in.size() - pos < 4)
                return ErrorCode::CorruptMessage;
            const std::int32_t blockLength = readBe32(in.data() + pos);
            pos += 4;
            if (blockLength < 0 || std::size_t(blockLength) > in.size() - pos)
                return ErrorCode::CorruptMessage;
            if (const ErrorCode e = appendRawSnappy(in.data() + pos, std::size_t(blockLength), out, maxBytes);
                e != ErrorCode::None)
                return e;
            pos += std::size_t(blockLength);
        }
        return ErrorCode::None;
    }
    // librdkafka and others may send one raw snappy block.
    return appendRawSnappy(in.data(), in.size(), out, maxBytes);
}

ErrorCode uncompressLz4(std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out,
                        std::size_t maxBytes)
{
    LZ4F_dctx *ctx = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION)))
        return ErrorCode::CorruptMessage;
    std::size_t produced = 0;
    std::size_t consumed = 0;
    out.resize(std::min<std::size_t>(std::max<std::size_t>(in.size() * 4, 1024), maxBytes + 1));
    ErrorCode result = ErrorCode::None;
    bool finished = false;
    while (!finished) {
        if (produced == out.size()) {
            if (out.size() > maxBytes) {
                result = ErrorCode::CorruptMessage;
                break;
            }
            out.resize(std::min(out.size() * 2, maxBytes + 1));
        }
        std::size_t dstSize = out.size() - produced;
        std::size_t srcSize = in.size() - consumed;
        const std::size_t hint =
            LZ4F_decompress(ctx, out.data() + produced, &dstSize, in.data() + consumed, &srcSize, nullptr);
        if (LZ4F_isError(hint)) {
            result = ErrorCode::CorruptMessage;
            break;
        }
        produced += dstSize;
        consumed += srcSize;
        if (hint == 0) {
            // Frame complete; another frame may follow.
            if (consumed == in.size())
                finished = true;
            continue;
        }
        if (consumed == in.size() && dstSize == 0 && produced < out.size()) {
            result = ErrorCode::CorruptMessage; // input ended inside a frame
            break;
        }
    }
    LZ4F_freeDecompressionContext(ctx);
    if (result == ErrorCode::None && produced > maxBytes)
        result = ErrorCode::CorruptMessage;
    out.resize(result == ErrorCode::None ? produced : 0);
    return result;
}

ErrorCode uncompressZstd(std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out,
                         std::size_t maxBytes)
{
    ZSTD_DCtx *ctx = ZSTD_createDCtx();
    if (!ctx)
        return ErrorCode::CorruptMessage;
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    std::size_t produced = 0;
    out.resize(std::min<std::size_t>(std::max<std::size_t>(in.size() * 4, 1024), maxBytes + 1));
    ErrorCode result = ErrorCode::None;
    std::size_t lastHint = 1;
    for (;;) {
        if (input.pos == input.size && lastHint == 0)
            break; // the last frame ended exactly where the input did
        if (produced == out.size()) {
            if (out.size() > maxBytes) {
                result = ErrorCode::CorruptMessage;
                break;
            }
            out.resize(std::min(out.size() * 2, maxBytes + 1));
        }
        ZSTD_outBuffer output{out.data() + produced, out.size() - produced, 0};
        const std::size_t before = input.pos;
        lastHint = ZSTD_decompressStream(ctx, &output, &input);
        if (ZSTD_isError(lastHint)) {
            result = ErrorCode::CorruptMessage;
            break;
        }
        produced += output.pos;
        if (input.pos == input.size && output.pos < output.size) {
            // All input consumed and room left: done if the last frame was complete.
            if (lastHint != 0)
                result = ErrorCode::CorruptMessage;
            break;
        }
        if (output.pos == 0 && input.pos == before && output.size > 0) {
            result = ErrorCode::CorruptMessage; // no progress
            break;
        }
    }
    ZSTD_freeDCtx(ctx);
    if (result == ErrorCode::None && produced > maxBytes)
        result = ErrorCode::CorruptMessage;
    out.resize(result == ErrorCode::None ? produced : 0);
    return result;
}

// ---- compression ------------------------------------------------------------------------------

bool deflateGzip(std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out)
{
    z_stream zs{};
    // 15 + 16: gzip wrapper, as Java's GZIPOutputStream writes; level 6 = Kafka's gzip default.
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    const std::size_t at = out.size();
    out.resize(at + deflateBound(&zs, uLong(in.size())) + 32);
    zs.next_in = const_cast<Bytef *>(in.data());
    zs.avail_in = uInt(in.size());
    zs.next_out = out.data() + at;
    zs.avail_out = uInt(out.size() - at);
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(out.size() - zs.avail_out);
    deflateEnd(&zs);
    return rc == Z_STREAM_END;
}

bool compressSnappyXerial(std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out)
{
    out.insert(out.end(), kXerialMagic, kXerialMagic + sizeof kXerialMagic);
    const std::uint8_t versions[8] = {0, 0, 0, 1, 0, 0, 0, 1};
    out.insert(out.end(), versions, versions + 8);
    for (std::size_t pos = 0; pos < in.size(); pos += kXerialBlockSize) {
        const std::size_t n = std::min(kXerialBlockSize, in.size() - pos);
        const std::size_t lengthAt = out.size();
        out.resize(lengthAt + 4 + snappy::MaxCompressedLength(n));
        std::size_t written = 0;
        snappy::RawCompress(reinterpret_cast<const char *>(in.data() + pos), n,
                            reinterpret_cast<char *>(out.data() + lengthAt + 4), &written);
        out.resize(lengthAt + 4 + written);
        out[lengthAt] = std::uint8_t(written >> 24);
        out[lengthAt + 1] = std::uint8_t(written >> 16);
        out[lengthAt + 2] = std::uint8_t(written >> 8);
        out[lengthAt + 3] = std::uint8_t(written);
    }
    return true;
}

bool compressLz4(std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out)
{
    // What Java's KafkaLZ4BlockOutputStream writes: 64 KB independent blocks, no checksums.
    LZ4F_preferences_t prefs{};
    prefs.frameInfo.blockSizeID = LZ4F_max64KB;
    prefs.frameInfo.blockMode = LZ4F_blockIndependent;
    const std::size_t at = out.size();
    out.resize(at + LZ4F_compressFrameBound(in.size(), &prefs));
    const std::size_t n = LZ4F_compressFrame(out.data() + at, out.size() - at, in.data(), in.size(), &prefs);
    if (LZ4F_isError(n)) {
        out.resize(at);
        return false;
    }
    out.resize(at + n);
    return true;
}

bool compressZstd(std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out)
{
    const std::size_t at = out.size();
    out.resize(at + ZSTD_compressBound(in.size()));
    const std::size_t n = ZSTD_compress(out.data() + at, out.size() - at, in.data(), in.size(), 3);
    if (ZSTD_isError(n)) {
        out.resize(at);
        return false;
    }
    out.resize(at + n);
    return true;
}

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
    std::vector<Header> headers(std::size_t i) const { return records[i].headers(); }
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

// Raw writers for the record loop: each record's size is known before it is written, so the
// buffer grows once per record and the fields go in through a pointer.
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

// Appends the records (varint-framed, uncompressed) to w.
template<typename Access>
void writeRecords(WireWriter &w, const Access &access, std::size_t count, std::int64_t baseTimestamp)
{
    std::vector<std::uint8_t> &buf = w.buffer();
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
        const std::size_t at = buf.size();
        const std::size_t total = WireWriter::varintSize(std::int32_t(bodySize)) + bodySize;
        buf.resize(at + total);
        std::uint8_t *p = buf.data() + at;
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
    }
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
    out.buffer().reserve(start + kHeaderSize + count * 32);
    out.int64(baseOffset);
    const std::size_t lengthAt = out.reserveInt32();
    out.int32(options.partitionLeaderEpoch);
    out.int8(2); // magic
    const std::size_t crcAt = out.reserveInt32();
    out.int16(attributes);
    out.int32(lastOffsetDelta);
    out.int64(baseTimestamp);
    out.int64(maxTimestamp);
    out.int64(options.producerId);
    out.int16(options.producerEpoch);
    out.int32(options.baseSequence);
    out.int32(std::int32_t(count));

    if (options.compression == Compression::None) {
        writeRecords(out, access, count, baseTimestamp);
    } else {
        // Records go to a scratch buffer kept per thread (no allocation in the steady state), then
        // compressed straight into the output.
        thread_local WireWriter scratch;
        scratch.buffer().clear();
        writeRecords(scratch, access, count, baseTimestamp);
        bool ok = false;
        switch (options.compression) {
        case Compression::Gzip:
            ok = deflateGzip(scratch.buffer(), out.buffer());
            break;
        case Compression::Snappy:
            ok = compressSnappyXerial(scratch.buffer(), out.buffer());
            break;
        case Compression::Lz4:
            ok = compressLz4(scratch.buffer(), out.buffer());
            break;
        case Compression::Zstd:
            ok = compressZstd(scratch.buffer(), out.buffer());
            break;
        case Compression::None:
            break;
        }
        if (!ok) {
            // A codec that fails on valid input (out of memory) leaves an uncompressed batch rather
            // than a broken one.
            out.buffer().resize(crcAt + 4);
            out.int16(std::int16_t(attributes & ~kCompressionMask));
            out.int32(lastOffsetDelta);
            out.int64(baseTimestamp);
            out.int64(maxTimestamp);
            out.int64(options.producerId);
            out.int16(options.producerEpoch);
            out.int32(options.baseSequence);
            out.int32(std::int32_t(count));
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

bool compress(Compression codec, std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out)
{
    out.clear();
    switch (codec) {
    case Compression::None:
        out.assign(in.begin(), in.end());
        return true;
    case Compression::Gzip:
        return deflateGzip(in, out);
    case Compression::Snappy:
        return compressSnappyXerial(in, out);
    case Compression::Lz4:
        return compressLz4(in, out);
    case Compression::Zstd:
        return compressZstd(in, out);
    }
    return false;
}

ErrorCode decompress(Compression codec, std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out,
                     std::size_t maxBytes)
{
    switch (codec) {
    case Compression::None:
        if (in.size() > maxBytes)
            return ErrorCode::CorruptMessage;
        out.assign(in.begin(), in.end());
        return ErrorCode::None;
    case Compression::Gzip:
        return inflateGzip(in, out, maxBytes);
    case Compression::Snappy:
        return uncompressSnappy(in, out, maxBytes);
    case Compression::Lz4:
        return uncompressLz4(in, out, maxBytes);
    case Compression::Zstd:
        return uncompressZstd(in, out, maxBytes);
    }
    return ErrorCode::UnsupportedCompressionType;
}

} // namespace postoffice::broker
