#pragma once

// A log-linear latency histogram in the manner of HdrHistogram: values (recorded in milliseconds,
// stored as whole microseconds) below 256 µs are exact; above, each power of two is split into 128
// buckets, so a reported percentile is within 0.4 % of a true sample value (bucket midpoint). Memory
// is bounded (at most ~38 KB, grown on demand) whatever the number of samples, and histograms merge
// by adding counts, so per-second histograms roll up into run totals.

#include <cstdint>
#include <vector>

namespace postoffice::app {

class Histogram
{
public:
    void record(double ms);
    void merge(const Histogram &other);
    void clear();

    std::uint64_t count() const { return m_count; }
    double mean() const { return m_count ? m_sumMs / double(m_count) : 0.0; }
    double sum() const { return m_sumMs; }
    double max() const { return m_maxMs; }
    // The value at quantile q in [0, 1] (q = 0.95 → p95), in ms; 0 when empty.
    double percentile(double q) const;

    static constexpr int kSubBits = 7;                      // 128 buckets per power of two
    static constexpr std::uint64_t kMaxMicros = 1ULL << 42; // ~51 days; larger values are clamped
    static int bucketOf(std::uint64_t micros);
    static double bucketMidMicros(int bucket);

private:
    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_count = 0;
    double m_sumMs = 0.0;
    double m_maxMs = 0.0;
    int m_lowest = 1 << 30; // bucket range in use, so clear() and percentile() touch only that
    int m_highest = -1;
};

} // namespace postoffice::app
