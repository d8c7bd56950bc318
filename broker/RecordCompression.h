#pragma once

// The compressions of a record batch's records (compression.type: gzip, snappy, lz4, zstd), through
// Debian's zlib, libsnappy, liblz4 and libzstd, framed as Kafka's Java client frames them.
// Decompression is bounded: a payload that inflates past its budget is CorruptMessage.

#include "ErrorCode.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace postoffice::broker {

enum class Compression : std::int8_t { None = 0, Gzip = 1, Snappy = 2, Lz4 = 3, Zstd = 4 };

// A records field whose batches would decompress to more than this in total is refused
// (socket.request.max.bytes = 104857600): no request can legitimately carry more, and the cap keeps
// a decompression bomb from exhausting memory. Callers should also hold each batch to
// max.message.bytes (MESSAGE_TOO_LARGE) before decoding, as Kafka does: BatchInfo::sizeInBytes.
inline constexpr std::size_t kMaxDecompressedBytes = 104857600;

// Compression of a whole buffer the way Kafka frames it (snappy in xerial framing), and the
// bounded decompression used by the decoder; exposed for tests. decompress returns CorruptMessage
// for bad data or output past maxBytes.
bool compress(Compression codec, std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out);
// The same, appended to what `out` holds (the batch encoder compresses after the batch header).
bool appendCompressed(Compression codec, std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out);
ErrorCode decompress(Compression codec, std::span<const std::uint8_t> in, std::vector<std::uint8_t> &out,
                     std::size_t maxBytes = kMaxDecompressedBytes);

} // namespace postoffice::broker
