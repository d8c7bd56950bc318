#include "Histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace postoffice::app {

namespace {
constexpr std::uint64_t kExactLimit = 2ULL << Histogram::kSubBits; // 256: below this, exact
constexpr int kHalf = 1 << Histogram::kSubBits;                    // 128

// std::llround (half away from zero) for 0 <= x, clamped to kMaxMicros, without the library call:
// below 2^52 the fraction x - trunc(x) is exact, so the result is the same.
std::uint64_t roundedMicros(double x)
{
    if (!(x < double(Histogram::kMaxMicros)))
        return Histogram::kMaxMicros;
    const auto whole = std::uint64_t(x);
    return std::min(whole + (x - double(whole) >= 0.5 ? 1 : 0), Histogram::kMaxMicros);
}
} // namespace

int Histogram::bucketOf(std::uint64_t micros)
{
    if (micros < kExactLimit)
        return int(micros);
    const int shift = std::bit_width(micros) - 1 - kSubBits; // ≥ 1: micros >> shift is in [128, 256)
    return int(kExactLimit) + (shift - 1) * kHalf + int((micros >> shift) - kHalf);
}

double Histogram::bucketMidMicros(int bucket)
{
    if (bucket < int(kExactLimit))
        return bucket;
    const int shift = (bucket - int(kExactLimit)) / kHalf + 1;
    const std::uint64_t mantissa = std::uint64_t((bucket - int(kExactLimit)) % kHalf + kHalf);
    const double low = double(mantissa << shift);
    return low + double((1ULL << shift) - 1) / 2.0;
}

void Histogram::record(double ms)
{
    const double clampedMs = std::max(ms, 0.0);
    const std::uint64_t micros = roundedMicros(clampedMs * 1000.0);
    const int bucket = bucketOf(micros);
    if (bucket >= int(m_counts.size()))
        m_counts.resize(std::size_t(bucket) + 64, 0);
    ++m_counts[std::size_t(bucket)];
    ++m_count;
    m_sumMs += clampedMs;
    m_maxMs = std::max(m_maxMs, clampedMs);
    m_lowest = std::min(m_lowest, bucket);
    m_highest = std::max(m_highest, bucket);
}

void Histogram::merge(const Histogram &other)
{
    if (other.m_count == 0)
        return;
    if (m_counts.size() < other.m_counts.size())
        m_counts.resize(other.m_counts.size(), 0);
    for (int b = other.m_lowest; b <= other.m_highest; ++b)
        m_counts[std::size_t(b)] += other.m_counts[std::size_t(b)];
    m_count += other.m_count;
    m_sumMs += other.m_sumMs;
    m_maxMs = std::max(m_maxMs, other.m_maxMs);
    m_lowest = std::min(m_lowest, other.m_lowest);
    m_highest = std::max(m_highest, other.m_highest);
}

void Histogram::clear()
{
    if (m_highest >= 0)
        std::fill(m_counts.begin() + m_lowest, m_counts.begin() + m_highest + 1, 0);
    m_count = 0;
    m_sumMs = 0.0;
    m_maxMs = 0.0;
    m_lowest = 1 << 30;
    m_highest = -1;
}

double Histogram::percentile(double q) const
{
    if (m_count == 0)
        return 0.0;
    // Nearest rank: the smallest value with at least ceil(q·n) samples at or below it.
    const std::uint64_t rank =
        std::max<std::uint64_t>(1, std::uint64_t(std::ceil(std::clamp(q, 0.0, 1.0) * double(m_count))));
    std::uint64_t seen = 0;
    for (int b = m_lowest; b <= m_highest; ++b) {
        seen += m_counts[std::size_t(b)];
        if (seen >= rank)
            return std::min(bucketMidMicros(b) / 1000.0, m_maxMs);
    }
    return m_maxMs;
}

} // namespace postoffice::app
