#pragma once

// Where the fields of Kafka's record batch v2 (DefaultRecordBatch) sit, shared by the batch
// encoder and decoder.

#include <cstddef>
#include <cstdint>

namespace postoffice::broker::batchlayout {

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

// Reads a big-endian int32 (a batch's length) from raw bytes.
inline std::int32_t readBe32(const std::uint8_t *p)
{
    return std::int32_t(std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 |
                        std::uint32_t(p[3]));
}

} // namespace postoffice::broker::batchlayout
