#pragma once
//! Test helpers for the jet tests: a brute-force O(n³) e⁺e⁻ pairwise clustering written
//! straight from the definitions (alp-physics.md §5.2, FastJet manual §3 / ClusterSequence.cc
//! for the normalisation), and random particle sets.
#include <fastjet/PseudoJet.hh>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace umbra::test
{
struct BruteForceConfig
{
    bool durham = false;  //!< d_ij = 2 min(E²)(1 − cos θ), no beam
    double p = -1;        //!< genkt exponent
    double radius = 0.2;  //!< genkt R
    bool beam = true;     //!< genkt: d_iB = E^{2p}
    bool wta = false;     //!< winner-take-all (mod p) instead of four-vector sum
};

//! Same jets, in order, to 1e-10 of each jet's energy (E, px, py, pz).
inline void expect_same_jets(const std::vector<fastjet::PseudoJet>& got, const std::vector<fastjet::PseudoJet>& want,
                      const std::string& what)
{
    ASSERT_EQ(got.size(), want.size()) << what;
    for (std::size_t i = 0; i < got.size(); ++i)
    {
        const double scale = want[i].E();
        EXPECT_NEAR(got[i].E(), want[i].E(), 1e-10 * scale) << what << " jet " << i;
        EXPECT_NEAR(got[i].px(), want[i].px(), 1e-10 * scale) << what << " jet " << i;
        EXPECT_NEAR(got[i].py(), want[i].py(), 1e-10 * scale) << what << " jet " << i;
        EXPECT_NEAR(got[i].pz(), want[i].pz(), 1e-10 * scale) << what << " jet " << i;
    }
}

inline double one_minus_cos(const fastjet::PseudoJet& a, const fastjet::PseudoJet& b)
{
    // Via the half angle: 1 − cos θ = 2 sin²(θ/2), θ from atan2(|a × b|, a · b).
    const double cx = a.py() * b.pz() - a.pz() * b.py();
    const double cy = a.pz() * b.px() - a.px() * b.pz();
    const double cz = a.px() * b.py() - a.py() * b.px();
    const double theta = std::atan2(std::sqrt(cx * cx + cy * cy + cz * cz), a.px() * b.px() + a.py() * b.py() + a.pz() * b.pz());
    const double s = std::sin(theta / 2);
    return 2 * s * s;
}

inline fastjet::PseudoJet recombine(const fastjet::PseudoJet& a, const fastjet::PseudoJet& b, bool wta)
{
    if (!wta) return a + b;
    const fastjet::PseudoJet& hard = a.modp2() >= b.modp2() ? a : b;
    const double scale = (a.modp() + b.modp()) / hard.modp();
    const double p = a.modp() + b.modp();
    return fastjet::PseudoJet(hard.px() * scale, hard.py() * scale, hard.pz() * scale, std::sqrt(p * p + hard.m2()));
}

//! Clusters until `stop_at` jets are left (no-beam mode) or to the end (beam mode: the
//! inclusive jets). Jets sorted by decreasing energy.
inline std::vector<fastjet::PseudoJet> brute_force_cluster(std::vector<fastjet::PseudoJet> jets, const BruteForceConfig& c,
                                                           std::size_t stop_at = 1, double* last_dij = nullptr)
{
    const bool beam = !c.durham && c.beam;
    const double r2 = c.radius > std::numbers::pi ? 2 * (3 + std::cos(c.radius)) : 2 * (1 - std::cos(c.radius));
    auto weight = [&](const fastjet::PseudoJet& j) { return c.durham ? j.E() * j.E() : std::pow(j.E() * j.E(), c.p); };
    std::vector<fastjet::PseudoJet> finished;
    while (!jets.empty() && (beam || jets.size() > stop_at))
    {
        double best = std::numeric_limits<double>::infinity();
        std::size_t bi = 0, bj = 0;
        bool to_beam = false;
        for (std::size_t i = 0; i < jets.size(); ++i)
        {
            if (beam && weight(jets[i]) < best)
            {
                best = weight(jets[i]);
                bi = i;
                to_beam = true;
            }
            for (std::size_t j = i + 1; j < jets.size(); ++j)
            {
                const double angular = 2 * one_minus_cos(jets[i], jets[j]);
                const double d = c.durham ? std::min(weight(jets[i]), weight(jets[j])) * angular
                                          : std::min(weight(jets[i]), weight(jets[j])) * angular / r2;
                if (d < best)
                {
                    best = d;
                    bi = i;
                    bj = j;
                    to_beam = false;
                }
            }
        }
        if (last_dij) *last_dij = best;
        if (to_beam)
        {
            finished.push_back(jets[bi]);
            jets.erase(jets.begin() + static_cast<std::ptrdiff_t>(bi));
            continue;
        }
        const auto merged = recombine(jets[bi], jets[bj], c.wta);
        jets.erase(jets.begin() + static_cast<std::ptrdiff_t>(bj));
        jets[bi] = merged;
    }
    if (!beam) finished = jets;
    std::sort(finished.begin(), finished.end(), [](const auto& a, const auto& b) { return a.E() > b.E(); });
    return finished;
}

//! n massless particles around +z: a few "prongs" with Gaussian angular spread, energies
//! exponential. Deterministic for a seed.
inline std::vector<fastjet::PseudoJet> random_particles(std::size_t n, unsigned seed, double spread = 0.08,
                                                        double prong_spread = 0.25)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> gauss(0, 1);
    std::exponential_distribution<double> energy(1.0 / 50);
    std::vector<std::array<double, 2>> prongs(4);
    for (auto& prong : prongs) prong = {prong_spread * gauss(rng), prong_spread * gauss(rng)};
    std::vector<fastjet::PseudoJet> particles;
    for (std::size_t i = 0; i < n; ++i)
    {
        const auto& prong = prongs[i % prongs.size()];
        const double tx = prong[0] + spread * gauss(rng), ty = prong[1] + spread * gauss(rng);
        const double e = 1 + energy(rng);
        const double norm = std::sqrt(1 + tx * tx + ty * ty);
        fastjet::PseudoJet p(e * tx / norm, e * ty / norm, e / norm, e);
        p.set_user_index(static_cast<int>(i));
        particles.push_back(p);
    }
    return particles;
}
}  // namespace umbra::test
