// Broker core throughput, in-process and single-threaded: 10 M records (100-byte values, null keys)
// over 6 partitions, every record produced through Cluster::produce and read back through
// Cluster::fetch.
//
// It runs the way a broker with retention runs in steady state, not as "fill 1 GB, then drain":
// in rounds of kRound records, a producer sends batches of kBatch records (partitions in turn, as a
// sticky partitioner's full batches do), a consumer fetches every partition from its position up to the high
// watermark, checksums what it gets and moves its position (its commit; kept here, not in a consumer group,
// so the figure is the broker's alone), then the clock moves on and log maintenance runs
// (log.retention.check.interval.ms): retention.bytes deletes segments the consumer has finished with, and
// their memory is reused by the next segments (see LogMemory.h), so peak memory is small and flat whatever
// the record count.
//
// Figures: produce_consume_records_per_s (wall; on a shared machine this also counts other people's
// work), produce_consume_records_per_cpu_s (process user + system CPU time) and peak_rss_mb.
// The run fails unless every record is acknowledged and consumed exactly once with the right bytes.
// Usage: bench_broker [records] (default 10,000,000; callgrind runs use fewer).
#include "Cluster.h"
#include "ManualClock.h"

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace postoffice::broker;

namespace {

constexpr std::int32_t kPartitions = 6;
constexpr std::size_t kValueBytes = 100;
constexpr std::size_t kBatch = 1000;      // records per produce request, like a full batch.size
constexpr std::int64_t kRound = 64000;    // records produced, then consumed, per round
constexpr std::int32_t kFetchMax = 10000; // records per fetch (max.poll.records-like)

// Process CPU time (user + system): on a shared machine wall time also counts other people's work.
double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    const std::int64_t total = argc > 1 ? std::atoll(argv[1]) : 10'000'000;

    ManualClock clock(0);
    ClusterConfig clusterConfig;
    clusterConfig.logRetentionCheckIntervalMs = 1; // one clock tick per round
    Cluster cluster(1, clock, clusterConfig);
    TopicConfig config;
    config.partitions = kPartitions;
    config.retentionMs = -1;
    config.segmentBytes = 1 << 20;
    config.retentionBytes = 1 << 20;
    if (cluster.createTopic("orders", config) != ErrorCode::None) {
        std::fprintf(stderr, "bench_broker: cannot create topic\n");
        return 1;
    }

    // Each record's value carries its sequence number in its first 8 bytes, so the checksum proves
    // every record was read once and in order; the rest is filler the broker copies all the same.
    std::vector<std::string> values(kBatch, std::string(kValueBytes, 'v'));
    std::vector<RecordRef> batch(kBatch);
    for (std::size_t i = 0; i < kBatch; ++i)
        batch[i].value = std::string_view(values[i]);
    ProduceOptions options;
    options.acks = Acks::Leader;

    std::int64_t acknowledged = 0;
    std::int64_t errors = 0;
    const ProduceCallback onDone = [&](const ProduceResult &r) {
        if (r.error == ErrorCode::None)
            acknowledged += r.recordCount;
        else
            ++errors;
    };

    std::array<std::int64_t, kPartitions> position{}; // the consumer's committed offsets
    std::int64_t consumed = 0;
    std::uint64_t checksum = 0;
    std::uint64_t expected = 0;
    FetchResult fetched;

    const double cpuStart = cpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    std::int64_t produced = 0;
    std::int32_t partition = 0;
    while (produced < total) {
        const std::int64_t roundEnd = std::min(total, produced + kRound);
        while (produced < roundEnd) {
            const std::size_t n =
                std::size_t(std::min<std::int64_t>(std::int64_t(kBatch), roundEnd - produced));
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint64_t sequence = std::uint64_t(produced) + i;
                std::memcpy(values[i].data(), &sequence, sizeof sequence);
                expected += sequence;
            }
            cluster.produce("orders", partition, std::span<const RecordRef>(batch.data(), n), options,
                            onDone);
            produced += std::int64_t(n);
            partition = (partition + 1) % kPartitions;
        }
        for (std::int32_t p = 0; p < kPartitions; ++p) {
            std::int64_t &offset = position[std::size_t(p)];
            while (cluster.fetch("orders", p, offset, kFetchMax, fetched) == ErrorCode::None &&
                   !fetched.records.empty()) {
                for (const RecordView &r : fetched.records) {
                    const auto v = r.value();
                    std::uint64_t sequence;
                    std::memcpy(&sequence, v->data(), sizeof sequence);
                    checksum +=
                        sequence + std::uint8_t(v->back()) - std::uint8_t('v') + v->size() - kValueBytes;
                }
                consumed += std::int64_t(fetched.records.size());
                offset = fetched.records.back().offset() + 1;
            }
            if (fetched.error != ErrorCode::None) {
                std::fprintf(stderr, "bench_broker: fetch failed: %s\n", errorName(fetched.error));
                return 1;
            }
        }
        clock.advanceMs(1);
        cluster.advance(clock.nowMs()); // retention deletes segments the consumer has read
    }
    const auto end = std::chrono::steady_clock::now();
    const double cpu = cpuSeconds() - cpuStart;

    if (acknowledged != total || consumed != total || errors != 0 || checksum != expected) {
        std::fprintf(stderr,
                     "bench_broker: produced %lld acknowledged %lld consumed %lld errors %lld checksum %s\n",
                     static_cast<long long>(total), static_cast<long long>(acknowledged),
                     static_cast<long long>(consumed), static_cast<long long>(errors),
                     checksum == expected ? "ok" : "WRONG");
        return 1;
    }
    const double seconds = std::chrono::duration<double>(end - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("produce_consume_records_per_s: %.0f\n", double(total) / seconds);
    std::printf("produce_consume_records_per_cpu_s: %.0f\n", double(total) / cpu);
    std::printf("peak_rss_mb: %.0f\n", double(usage.ru_maxrss) / 1024.0);
    return 0;
}
