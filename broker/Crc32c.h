#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace postoffice::broker {

// CRC-32C (Castagnoli), the checksum of Kafka's record batch v2. A checksum rather than a codec,
// so it lives here: SSE4.2's crc32 instruction where the CPU has it, slicing-by-8 tables otherwise.
class Crc32c
{
public:
    static std::uint32_t compute(std::span<const std::uint8_t> bytes) { return extend(0, bytes); }
    // Continues a CRC over more bytes: extend(compute(a), b) == compute(a + b).
    static std::uint32_t extend(std::uint32_t crc, std::span<const std::uint8_t> bytes);
    // The portable path alone, for tests that compare it with the hardware one.
    static std::uint32_t extendSoftware(std::uint32_t crc, std::span<const std::uint8_t> bytes);
};

} // namespace postoffice::broker
