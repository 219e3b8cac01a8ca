#include "umbra/analysis/detail/EeClusterer.hpp"

#include <fastjet/ClusterSequence.hh>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "BruteForceClustering.hpp"
#include "umbra/analysis/JetClustering.hpp"
#include "umbra/analysis/JetConstituents.hpp"

using umbra::test::expect_same_jets;

namespace umbra::analysis::detail
{
namespace
{
using Node = EeClusterer::Node;

std::vector<fastjet::PseudoJet> as_jets(const EeClusterer& c, const std::vector<int>& ids)
{
    std::vector<fastjet::PseudoJet> jets;
    for (int id : ids)
    {
        const Node& n = c.nodes()[static_cast<std::size_t>(id)];
        jets.emplace_back(n.px, n.py, n.pz, n.energy);
    }
    std::sort(jets.begin(), jets.end(), [](const auto& a, const auto& b) { return a.E() > b.E(); });
    return jets;
}

// The lean clusterer must reproduce FastJet's Durham exclusive jets and d_merge values
// (which y12 uses) and the brute-force clustering, E-scheme and WTA.
TEST(EeClusterer, DurhamMatchesFastJetAndBruteForce)
{
    analysis::detail::prepare_fastjet();
    for (unsigned seed = 1; seed <= 8; ++seed)
    {
        for (std::size_t n : {2u, 3u, 20u, 57u})
        {
            const auto particles = test::random_particles(n, seed);
            JetConstituents jet;
            jet.assign(particles);
            for (bool wta : {false, true})
            {
                EeClusterer clusterer({.measure = EeClusterer::Measure::durham, .wta = wta});
                clusterer.cluster(jet);
                ASSERT_EQ(clusterer.nodes().size(), 2 * n - 1);
                const fastjet::ClusterSequence cs(
                    particles, fastjet::JetDefinition(fastjet::ee_kt_algorithm,
                                                      wta ? fastjet::WTA_modp_scheme : fastjet::E_scheme));
                for (int njets : {1, 2, 3})
                {
                    const auto what = fmt::format("seed {} n {} wta {} N {}", seed, n, wta, njets);
                    std::vector<int> ids;
                    clusterer.exclusive_jets(njets, ids);
                    const auto want = fastjet::sorted_by_E(cs.exclusive_jets_up_to(njets));
                    expect_same_jets(as_jets(clusterer, ids), want, what);
                    if (static_cast<std::size_t>(njets) < n)
                    {
                        EXPECT_NEAR(clusterer.exclusive_dmerge(njets), cs.exclusive_dmerge(njets),
                                    1e-9 * cs.exclusive_dmerge(njets))
                            << what;
                    }
                    if (n <= 20)
                    {
                        const auto brute = test::brute_force_cluster(particles, {.durham = true, .wta = wta},
                                                                     static_cast<std::size_t>(njets));
                        expect_same_jets(as_jets(clusterer, ids), brute, what + " brute force");
                    }
                }
            }
        }
    }
}

TEST(EeClusterer, GenktInclusiveMatchesFastJet)
{
    analysis::detail::prepare_fastjet();
    for (unsigned seed = 21; seed <= 26; ++seed)
    {
        const auto particles = test::random_particles(40, seed);
        JetConstituents jet;
        jet.assign(particles);
        for (double p : {-1.0, 0.0, 1.0, 0.5})
        {
            for (double radius : {0.1, 0.3, 1000.0})
            {
                for (bool wta : {false, true})
                {
                    EeClusterer clusterer(
                        {.measure = EeClusterer::Measure::genkt, .p = p, .radius = radius, .beam = true, .wta = wta});
                    clusterer.cluster(jet);
                    const fastjet::ClusterSequence cs(
                        particles, fastjet::JetDefinition(fastjet::ee_genkt_algorithm, radius, p,
                                                          wta ? fastjet::WTA_modp_scheme : fastjet::E_scheme));
                    const auto want = fastjet::sorted_by_E(cs.inclusive_jets());
                    expect_same_jets(as_jets(clusterer, clusterer.final_jets()), want,
                                     fmt::format("seed {} p {} R {} wta {}", seed, p, radius, wta));
                }
            }
        }
    }
}

TEST(EeClusterer, CambridgeTreeLeavesAndSingleParticle)
{
    const auto particles = test::random_particles(15, 4);
    JetConstituents jet;
    jet.assign(particles);
    EeClusterer clusterer({.measure = EeClusterer::Measure::genkt, .p = 0, .radius = 1000});
    clusterer.cluster(jet);
    ASSERT_EQ(clusterer.final_jets().size(), 1u);
    std::vector<int> leaves;
    clusterer.leaves(clusterer.final_jets().front(), leaves);
    std::sort(leaves.begin(), leaves.end());
    ASSERT_EQ(leaves.size(), 15u);
    for (int i = 0; i < 15; ++i) EXPECT_EQ(leaves[static_cast<std::size_t>(i)], i);
    // p = 0, R = 1000: d_ij = 2(1 − cos θ_ij)/(2(3 + cos 1000)); the first merging is the
    // closest pair of particles.
    double closest = 1e300;
    for (int i = 0; i < 15; ++i)
    {
        for (int j = i + 1; j < 15; ++j)
        {
            closest = std::min(closest, 2 * test::one_minus_cos(particles[static_cast<std::size_t>(i)],
                                                                particles[static_cast<std::size_t>(j)]));
        }
    }
    EXPECT_NEAR(clusterer.nodes()[15].distance, closest / (2 * (3 + std::cos(1000.0))), 1e-12);

    JetConstituents one;
    one.add(5, 0, 0, 1);
    clusterer.cluster(one);
    ASSERT_EQ(clusterer.final_jets().size(), 1u);
    EXPECT_EQ(clusterer.final_jets().front(), 0);
    std::vector<int> ids;
    clusterer.exclusive_jets(2, ids);
    EXPECT_EQ(ids.size(), 1u);
    EXPECT_EQ(clusterer.exclusive_dmerge(1), 0);
}
}  // namespace
}  // namespace umbra::analysis::detail
