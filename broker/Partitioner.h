#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace postoffice::broker {

// Kafka Java client's Utils.murmur2: seed 0x9747b28c, little-endian 4-byte blocks, Java's signed
// tail bytes, 32-bit wrap-around. Same key bytes → same value as the Java client.
std::int32_t murmur2(std::string_view bytes);

// Kafka's BuiltInPartitioner.partitionForKey: Utils.toPositive(Utils.murmur2(key)) % numPartitions,
// toPositive(x) = x & 0x7fffffff. Returns -1 when numPartitions <= 0 (no partition exists).
std::int32_t partitionForKey(std::string_view keyBytes, std::int32_t numPartitions);

// How records without a key are spread over partitions.
enum class NullKeyStrategy {
    Sticky,    // KIP-480 (Kafka's default since 2.4): stay on one partition until its batch completes
    RoundRobin // partitioner.class=RoundRobinPartitioner: one record per partition in turn
};

// Chooses a partition for each record, per topic. Keyed records always use partitionForKey; the
// strategy only governs null keys. Deterministic: the sticky choice comes from a seeded generator,
// not from Java's ThreadLocalRandom, so runs repeat exactly for the same seed.
class Partitioner
{
public:
    explicit Partitioner(NullKeyStrategy strategy = NullKeyStrategy::Sticky, std::uint64_t seed = 1);

    NullKeyStrategy strategy() const { return m_strategy; }

    // -1 when numPartitions <= 0.
    std::int32_t partition(const std::string &topic, std::optional<std::string_view> key,
                           std::int32_t numPartitions);

    // KIP-480: the producer calls this when a batch for partition is completed (full or sent); if
    // that was the sticky partition, the next null-key record goes to a different one.
    void onBatchCompleted(const std::string &topic, std::int32_t partition, std::int32_t numPartitions);

private:
    struct TopicState
    {
        std::int32_t sticky = -1;
        std::uint32_t roundRobin = 0;
    };
    std::int32_t pickOtherThan(std::int32_t previous, std::int32_t numPartitions);

    NullKeyStrategy m_strategy;
    std::uint64_t m_rng;
    std::unordered_map<std::string, TopicState> m_topics;
};

} // namespace postoffice::broker
