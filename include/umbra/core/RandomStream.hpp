#pragma once
//! \file
//! Reproducible random streams. A run seed, a stream number (e.g. the job or
//! component) and an event number fully determine an independent generator,
//! so results never depend on thread count, scheduling or job splitting:
//!   RandomStream rng({.seed = 1, .stream = StreamId::vertex, .event = 42});
//! The engine is xoshiro256++ (Blackman & Vigna, "Scrambled linear
//! pseudorandom number generators", ACM TOMS 47 (2021) 36); its 256-bit state
//! is filled by SplitMix64 from two independently salted 64-bit hashes of the
//! key, so distinct keys collide with probability ~2^-128.

#include <array>
#include <cstdint>
#include <limits>

namespace umbra
{
//! Well-known stream numbers, so that two components never share a stream.
namespace StreamId
{
inline constexpr std::uint64_t generator = 1;
inline constexpr std::uint64_t vertex = 2;
inline constexpr std::uint64_t decay = 3;
inline constexpr std::uint64_t beam_spot = 4;
inline constexpr std::uint64_t vegas = 0x7665676173ULL;  //!< ASCII "vegas": VEGAS integration/sampling
inline constexpr std::uint64_t darkbrem_library = 5;     //!< dark-brem library start indices
inline constexpr std::uint64_t primaries = 6;            //!< simulation primary sources (beam spot, gun spreads)
inline constexpr std::uint64_t simulation = 7;           //!< detector simulation (transport) of one event
inline constexpr std::uint64_t reconstruction = 8;       //!< digitisation noise of one event
inline constexpr std::uint64_t test = 1000;
}  // namespace StreamId

//! Everything that identifies one random sequence.
struct StreamKey
{
    std::uint64_t seed = 0;    //!< run seed chosen by the user
    std::uint64_t stream = 0;  //!< component / purpose
    std::uint64_t event = 0;   //!< event number (or any per-item index)
};

class RandomStream
{
public:
    using result_type = std::uint64_t;

    explicit RandomStream(const StreamKey& key) noexcept;

    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

    //! Next 64 random bits.
    result_type operator()() noexcept
    {
        const auto result = rotl(state_[0] + state_[3], 23) + state_[0];
        const auto t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    //! Uniform double in [0, 1) with 53 random bits.
    double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }
    //! Uniform double in (0, 1): safe as the argument of a logarithm.
    double uniform_open() noexcept
    {
        return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53;
    }
    //! Uniform double in [low, high).
    double uniform(double low, double high) noexcept { return low + (high - low) * uniform(); }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept
    {
        return (x << k) | (x >> (64 - k));
    }

    std::array<std::uint64_t, 4> state_;
};
}  // namespace umbra
