#include "Partitioner.h"

namespace postoffice::broker {

std::int32_t murmur2(std::string_view bytes)
{
    // Java ints wrap around; uint32_t arithmetic gives the same bits, and `>>>` is the unsigned shift.
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    const std::uint32_t length = std::uint32_t(bytes.size());
    const std::uint32_t m = 0x5bd1e995u;
    const int r = 24;
    std::uint32_t h = 0x9747b28cu ^ length;

    const std::uint32_t length4 = length / 4;
    for (std::uint32_t i = 0; i < length4; ++i) {
        const std::uint32_t i4 = i * 4;
        std::uint32_t k = std::uint32_t(data[i4]) | (std::uint32_t(data[i4 + 1]) << 8) |
                          (std::uint32_t(data[i4 + 2]) << 16) | (std::uint32_t(data[i4 + 3]) << 24);
        k *= m;
        k ^= k >> r;
        k *= m;
        h *= m;
        h ^= k;
    }

    const std::uint32_t tail = length & ~3u;
    switch (length % 4) {
    case 3:
        h ^= std::uint32_t(data[tail + 2]) << 16;
        [[fallthrough]];
    case 2:
        h ^= std::uint32_t(data[tail + 1]) << 8;
        [[fallthrough]];
    case 1:
        h ^= std::uint32_t(data[tail]);
        h *= m;
        break;
    default:
        break;
    }

    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return std::int32_t(h);
}

std::int32_t partitionForKey(std::string_view keyBytes, std::int32_t numPartitions)
{
    if (numPartitions <= 0)
        return -1;
    return (murmur2(keyBytes) & 0x7fffffff) % numPartitions;
}

Partitioner::Partitioner(NullKeyStrategy strategy, std::uint64_t seed) : m_strategy(strategy), m_rng(seed) {}

std::int32_t Partitioner::partition(const std::string &topic, std::optional<std::string_view> key,
                                    std::int32_t numPartitions)
{
    if (numPartitions <= 0)
        return -1;
    if (key)
        return partitionForKey(*key, numPartitions);

    TopicState &state = m_topics[topic];
    if (m_strategy == NullKeyStrategy::RoundRobin)
        return std::int32_t(state.roundRobin++ % std::uint32_t(numPartitions));

    if (state.sticky < 0 || state.sticky >= numPartitions)
        state.sticky = pickOtherThan(-1, numPartitions);
    return state.sticky;
}

void Partitioner::onBatchCompleted(const std::string &topic, std::int32_t partition,
                                   std::int32_t numPartitions)
{
    if (m_strategy != NullKeyStrategy::Sticky || numPartitions <= 0)
        return;
    TopicState &state = m_topics[topic];
    if (state.sticky != partition)
        return;
    state.sticky = pickOtherThan(state.sticky, numPartitions);
}

std::int32_t Partitioner::pickOtherThan(std::int32_t previous, std::int32_t numPartitions)
{
    // splitmix64: tiny, seedable and identical on every platform (std::uniform_int_distribution is not).
    m_rng += 0x9e3779b97f4a7c15ull;
    std::uint64_t z = m_rng;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    if (numPartitions == 1)
        return 0;
    if (previous < 0 || previous >= numPartitions)
        return std::int32_t(z % std::uint64_t(numPartitions));
    // Like Kafka's StickyPartitionCache: a random partition different from the previous one.
    const auto step = std::int32_t(z % std::uint64_t(numPartitions - 1)) + 1;
    return (previous + step) % numPartitions;
}

} // namespace postoffice::broker
