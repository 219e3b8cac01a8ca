#include "umbra/core/RandomStream.hpp"

namespace umbra
{
namespace
{
//! SplitMix64 finaliser (Steele, Lea, Flood, OOPSLA 2014): a bijective
//! avalanche mix of a 64-bit word.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t hash_key(const StreamKey& key, std::uint64_t salt) noexcept
{
    std::uint64_t h = mix64(key.seed + salt);
    h = mix64(h ^ (key.stream + 0x9e3779b97f4a7c15ULL));
    h = mix64(h ^ (key.event + 0xd1b54a32d192ed03ULL));
    return h;
}

struct SplitMix64
{
    std::uint64_t state;
    std::uint64_t next() noexcept { return mix64(state += 0x9e3779b97f4a7c15ULL); }
};
}  // namespace

RandomStream::RandomStream(const StreamKey& key) noexcept
{
    SplitMix64 low{hash_key(key, 0x243f6a8885a308d3ULL)};
    SplitMix64 high{hash_key(key, 0x13198a2e03707344ULL)};
    state_ = {low.next(), low.next(), high.next(), high.next()};
    if ((state_[0] | state_[1] | state_[2] | state_[3]) == 0) state_[0] = 1;  // never all-zero
}
}  // namespace umbra
