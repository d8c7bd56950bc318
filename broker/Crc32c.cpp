#include "Crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define POSTOFFICE_CRC32C_SSE42 1
#include <nmmintrin.h>
#endif

namespace postoffice::broker {

namespace {

constexpr std::uint32_t kPolynomial = 0x82f63b78; // Castagnoli, reflected

struct Tables
{
    std::array<std::array<std::uint32_t, 256>, 8> t{};
    constexpr Tables()
    {
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? (c >> 1) ^ kPolynomial : c >> 1;
            t[0][i] = c;
        }
        for (std::uint32_t i = 0; i < 256; ++i)
            for (std::size_t s = 1; s < 8; ++s)
                t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
    }
};

constexpr Tables kTables;

#ifdef POSTOFFICE_CRC32C_SSE42
__attribute__((target("sse4.2"))) std::uint32_t extendHardware(std::uint32_t crc, const std::uint8_t *p,
                                                               std::size_t n)
{
    std::uint64_t c = ~crc;
    while (n >= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        c = _mm_crc32_u64(c, word);
        p += 8;
        n -= 8;
    }
    std::uint32_t c32 = std::uint32_t(c);
    while (n--)
        c32 = _mm_crc32_u8(c32, *p++);
    return ~c32;
}

bool hasSse42()
{
    static const bool has = __builtin_cpu_supports("sse4.2");
    return has;
}
#endif

} // namespace

std::uint32_t Crc32c::extendSoftware(std::uint32_t crc, std::span<const std::uint8_t> bytes)
{
    const auto &t = kTables.t;
    const std::uint8_t *p = bytes.data();
    std::size_t n = bytes.size();
    std::uint32_t c = ~crc;
    while (n >= 8) {
        // Little-endian assembly of the word, whatever the host's byte order.
        const std::uint32_t lo = c ^ (std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 |
                                      std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24);
        const std::uint32_t hi = std::uint32_t(p[4]) | std::uint32_t(p[5]) << 8 | std::uint32_t(p[6]) << 16 |
                                 std::uint32_t(p[7]) << 24;
        c = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
            t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n--)
        c = t[0][(c ^ *p++) & 0xff] ^ (c >> 8);
    return ~c;
}

std::uint32_t Crc32c::extend(std::uint32_t crc, std::span<const std::uint8_t> bytes)
{
#ifdef POSTOFFICE_CRC32C_SSE42
    if (hasSse42())
        return extendHardware(crc, bytes.data(), bytes.size());
#endif
    return extendSoftware(crc, bytes);
}

} // namespace postoffice::broker
