// Broker core throughput: produce then consume N records with 100-byte values over 6 partitions,
// in-process, single-threaded. Prints `produce_consume_records_per_s: N` and `peak_rss_mb: N`.
// Usage: bench_broker [records] (default 10,000,000; callgrind runs use fewer).
#include "Cluster.h"
#include "ManualClock.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace postoffice::broker;

namespace {

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
    constexpr std::int32_t kPartitions = 6;
    constexpr std::size_t kBatch = 1000; // records per produce request, like a full batch.size
    constexpr std::int32_t kFetchMax = 10000;

    ManualClock clock(0);
    Cluster cluster(1, clock);
    TopicConfig config;
    config.partitions = kPartitions;
    config.retentionMs = -1;
    if (cluster.createTopic("orders", config) != ErrorCode::None) {
        std::fprintf(stderr, "bench_broker: cannot create topic\n");
        return 1;
    }

    // Distinct values per record would only measure the benchmark's own formatting; the broker
    // copies the bytes either way.
    const std::string value(100, 'v');
    std::vector<RecordRef> batch(kBatch);
    for (RecordRef &r : batch)
        r.value = std::string_view(value);
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

    const double cpuStart = cpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    std::int64_t produced = 0;
    std::int32_t partition = 0;
    while (produced < total) {
        const std::size_t n = std::size_t(std::min<std::int64_t>(std::int64_t(kBatch), total - produced));
        cluster.produce("orders", partition, std::span<const RecordRef>(batch.data(), n), options, onDone);
        produced += std::int64_t(n);
        partition = (partition + 1) % kPartitions;
    }
    const auto produceEnd = std::chrono::steady_clock::now();

    std::int64_t consumed = 0;
    std::uint64_t checksum = 0;
    FetchResult fetched;
    for (std::int32_t p = 0; p < kPartitions; ++p) {
        std::int64_t offset = 0;
        while (cluster.fetch("orders", p, offset, kFetchMax, fetched) == ErrorCode::None &&
               !fetched.records.empty()) {
            for (const RecordView &r : fetched.records) {
                const auto v = r.value();
                checksum += v->size() + std::uint8_t(v->back());
            }
            consumed += std::int64_t(fetched.records.size());
            offset = fetched.records.back().offset() + 1;
        }
    }
    const auto end = std::chrono::steady_clock::now();
    const double cpu = cpuSeconds() - cpuStart;

    if (acknowledged != total || consumed != total || errors != 0 ||
        checksum != std::uint64_t(total) * (100 + std::uint8_t('v'))) {
        std::fprintf(stderr, "bench_broker: produced %lld acknowledged %lld consumed %lld errors %lld\n",
                     static_cast<long long>(total), static_cast<long long>(acknowledged),
                     static_cast<long long>(consumed), static_cast<long long>(errors));
        return 1;
    }
    const double seconds = std::chrono::duration<double>(end - start).count();
    const double produceSeconds = std::chrono::duration<double>(produceEnd - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("produce_consume_records_per_s: %.0f\n", double(total) / seconds);
    std::printf("produce_consume_records_per_cpu_s: %.0f\n", double(total) / cpu);
    std::printf("produce_records_per_s: %.0f\n", double(total) / produceSeconds);
    std::printf("consume_records_per_s: %.0f\n", double(total) / (seconds - produceSeconds));
    std::printf("peak_rss_mb: %.0f\n", double(usage.ru_maxrss) / 1024.0);
    return 0;
}
