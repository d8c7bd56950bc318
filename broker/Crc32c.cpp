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
// The crc32 instruction has a latency of three cycles but a throughput of one: three independent
// streams over three blocks keep it busy, and the three CRCs are combined by "shifting" the earlier
// ones over the later blocks' length (multiplying by x^(8·length) mod P, done with tables), as in
// Mark Adler's crc32c.c.
constexpr std::size_t kLong = 8192;
constexpr std::size_t kShort = 256;

using ShiftTable = std::array<std::array<std::uint32_t, 256>, 4>;

std::uint32_t gf2Times(const std::uint32_t *mat, std::uint32_t vec)
{
    std::uint32_t sum = 0;
    while (vec) {
        if (vec & 1)
            sum ^= *mat;
        vec >>= 1;
        ++mat;
    }
    return sum;
}

void gf2Square(std::uint32_t *square, const std::uint32_t *mat)
{
    for (int n = 0; n < 32; ++n)
        square[n] = gf2Times(mat, mat[n]);
}

// The operator that appends `len` zero bytes (a power of two) to a raw CRC, as 4 byte tables.
ShiftTable zerosTable(std::size_t len)
{
    std::uint32_t odd[32], even[32];
    odd[0] = kPolynomial; // one zero bit
    std::uint32_t row = 1;
    for (int n = 1; n < 32; ++n) {
        odd[n] = row;
        row <<= 1;
    }
    gf2Square(even, odd); // two bits
    gf2Square(odd, even); // four bits
    const std::uint32_t *op = nullptr;
    for (;;) {
        gf2Square(even, odd); // 1, 4, 16… bytes
        len >>= 1;
        if (len == 0) {
            op = even;
            break;
        }
        gf2Square(odd, even);
        len >>= 1;
        if (len == 0) {
            op = odd;
            break;
        }
    }
    ShiftTable t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        t[0][n] = gf2Times(op, n);
        t[1][n] = gf2Times(op, n << 8);
        t[2][n] = gf2Times(op, n << 16);
        t[3][n] = gf2Times(op, n << 24);
    }
    return t;
}

inline std::uint32_t shift(const ShiftTable &t, std::uint32_t crc)
{
    return t[0][crc & 0xff] ^ t[1][(crc >> 8) & 0xff] ^ t[2][(crc >> 16) & 0xff] ^ t[3][crc >> 24];
}

template<std::size_t Block>
__attribute__((target("sse4.2"))) inline void threeWay(std::uint64_t &crc0, const std::uint8_t *&p,
                                                       std::size_t &n, const ShiftTable &t)
{
    while (n >= 3 * Block) {
        std::uint64_t crc1 = 0, crc2 = 0;
        const std::uint8_t *end = p + Block;
        do {
            std::uint64_t a, b, c;
            std::memcpy(&a, p, 8);
            std::memcpy(&b, p + Block, 8);
            std::memcpy(&c, p + 2 * Block, 8);
            crc0 = _mm_crc32_u64(crc0, a);
            crc1 = _mm_crc32_u64(crc1, b);
            crc2 = _mm_crc32_u64(crc2, c);
            p += 8;
        } while (p < end);
        crc0 = shift(t, std::uint32_t(crc0)) ^ std::uint32_t(crc1);
        crc0 = shift(t, std::uint32_t(crc0)) ^ std::uint32_t(crc2);
        p += 2 * Block;
        n -= 3 * Block;
    }
}

__attribute__((target("sse4.2"))) std::uint32_t extendHardware(std::uint32_t crc, const std::uint8_t *p,
                                                               std::size_t n)
{
    static const ShiftTable longShift = zerosTable(kLong);
    static const ShiftTable shortShift = zerosTable(kShort);
    std::uint64_t c = ~crc;
    threeWay<kLong>(c, p, n, longShift);
    threeWay<kShort>(c, p, n, shortShift);
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
