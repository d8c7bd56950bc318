#include "Rng.h"

namespace postoffice::app {

std::uint64_t Rng::splitmix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

Rng::Rng(std::uint64_t seed)
{
    std::uint64_t state = seed;
    for (auto &word : m_s)
        word = splitmix64(state);
}

Rng Rng::forStream(std::uint64_t seed, QStringView nodeId, std::uint64_t purpose)
{
    // FNV-1a over the UTF-16 code units: stable, independent of Qt's per-process qHash seed.
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (QChar c : nodeId) {
        h ^= c.unicode();
        h *= 0x100000001b3ULL;
    }
    std::uint64_t state = seed ^ (h * 0x9e3779b97f4a7c15ULL);
    state ^= splitmix64(state) + purpose * 0xd1b54a32d192ed03ULL;
    return Rng(splitmix64(state));
}

} // namespace postoffice::app
