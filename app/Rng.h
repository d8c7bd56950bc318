#pragma once

// A seeded random stream of our own (xoshiro256**, seeded through splitmix64) so that results are
// bit-identical on every platform and standard library. Each node draws from streams derived from
// (run seed, node id, purpose): a producer's arrivals are the same in every architecture because
// nothing else ever draws from its arrival stream.

#include <QStringView>

#include <cstdint>

namespace postoffice::app {

class Rng
{
public:
    explicit Rng(std::uint64_t seed = 0);
    // The stream for one purpose of one node: independent of the order streams are created in.
    static Rng forStream(std::uint64_t seed, QStringView nodeId, std::uint64_t purpose);

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    // Uniform in (0, 1]: never 0, so -log(u) is always finite.
    double uniformOpen() { return double((next() >> 11) + 1) * 0x1.0p-53; }
    // Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    bool bernoulli(double p) { return p > 0.0 && uniform() < p; }
    std::uint32_t below(std::uint32_t n) { return std::uint32_t((next() >> 32) * n >> 32); }

    static std::uint64_t splitmix64(std::uint64_t &state);

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4];
};

} // namespace postoffice::app
