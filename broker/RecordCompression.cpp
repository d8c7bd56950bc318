#include "RecordCompression.h"

#include "RecordBatchLayout.h"

#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>

namespace postoffice::broker {

namespace {

using batchlayout::readBe32;

// xerial snappy-java's stream header, as the Java client frames snappy: magic, version, compatible.
constexpr std::uint8_t kXerialMagic[8] = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
constexpr std::size_t kXerialHeaderSize = 16;
constexpr std::size_t kXerialBlockSize = 32 * 1024;

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

} // namespace

bool compress(Compression codec, std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out)
{
    out.clear();
    return appendCompressed(codec, in, out);
}

bool appendCompressed(Compression codec, std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out)
{
    switch (codec) {
    case Compression::None:
        out.insert(out.end(), in.begin(), in.end());
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
