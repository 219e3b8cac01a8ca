#include "umbra/analysis/JetClustering.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "BruteForceClustering.hpp"
#include "umbra/core/Error.hpp"

using umbra::test::expect_same_jets;

namespace umbra::analysis
{
namespace
{
struct Case
{
    JetAlgorithm algorithm;
    double p;  // brute-force exponent
};

// FastJet (libfastjet) against the O(n³) clustering written from the definitions, for
// 20 random particles in several prongs, every algorithm, both recombinations.
TEST(JetClustering, InclusiveJetsMatchBruteForce)
{
    const Case cases[] = {{JetAlgorithm::anti_kt, -1}, {JetAlgorithm::kt, 1}, {JetAlgorithm::cambridge_aachen, 0},
                          {JetAlgorithm::ee_genkt, 0.5}, {JetAlgorithm::ee_genkt, -0.5}};
    for (unsigned seed = 1; seed <= 6; ++seed)
    {
        const auto particles = test::random_particles(20, seed);
        for (const auto& c : cases)
        {
            for (auto recombination : {JetRecombination::e_scheme, JetRecombination::wta})
            {
                for (double radius : {0.15, 0.4, 4.0})
                {
                    const JetClustering clustering({c.algorithm, radius, c.p, recombination});
                    const auto jets = clustering.inclusive_jets(particles);
                    const auto want = test::brute_force_cluster(
                        particles, {.durham = false, .p = c.p, .radius = radius, .beam = true,
                                    .wta = recombination == JetRecombination::wta});
                    const auto what = fmt::format("seed {} {} R={} {}", seed, to_string(c.algorithm), radius,
                                                  to_string(recombination));
                    expect_same_jets(jets, want, what);
                    if (radius > 3.5)
                    {
                        EXPECT_EQ(jets.size(), 1u) << what;
                    }
                }
            }
        }
    }
}

TEST(JetClustering, SmallRadiusGivesSeveralJetsSortedByEnergy)
{
    const auto particles = test::random_particles(20, 3);
    const auto jets = JetClustering({JetAlgorithm::anti_kt, 0.1}).inclusive_jets(particles);
    ASSERT_GT(jets.size(), 2u);  // four prongs 0.25 rad apart
    for (std::size_t i = 1; i < jets.size(); ++i) EXPECT_GE(jets[i - 1].E(), jets[i].E());
    double sum = 0, want = 0;
    for (const auto& j : jets) sum += j.E();
    for (const auto& p : particles) want += p.E();
    EXPECT_NEAR(sum, want, 1e-9 * want);  // every particle ends in exactly one jet
    // Constituents remain reachable after the ClusterSequence left scope.
    std::size_t n = 0;
    for (const auto& j : jets) n += j.constituents().size();
    EXPECT_EQ(n, particles.size());
}

TEST(JetClustering, DurhamExclusiveJetsMatchBruteForce)
{
    for (unsigned seed = 11; seed <= 16; ++seed)
    {
        const auto particles = test::random_particles(20, seed);
        for (auto recombination : {JetRecombination::e_scheme, JetRecombination::wta})
        {
            const JetClustering clustering({.algorithm = JetAlgorithm::ee_kt, .recombination = recombination});
            for (int n : {1, 2, 3, 5})
            {
                const auto jets = clustering.exclusive_jets(particles, n);
                const auto want = test::brute_force_cluster(
                    particles, {.durham = true, .wta = recombination == JetRecombination::wta},
                    static_cast<std::size_t>(n));
                expect_same_jets(jets, want, fmt::format("seed {} N={} {}", seed, n, to_string(recombination)));
            }
            // ee_kt has no beam distance: the inclusive "jets" are the one jet of everything.
            EXPECT_EQ(clustering.inclusive_jets(particles).size(), 1u);
        }
    }
}

TEST(JetClustering, FewerParticlesThanRequestedJets)
{
    const auto particles = test::random_particles(2, 5);
    const auto jets = JetClustering({.algorithm = JetAlgorithm::ee_kt}).exclusive_jets(particles, 3);
    EXPECT_EQ(jets.size(), 2u);
    EXPECT_TRUE(JetClustering().inclusive_jets({}).empty());
}

TEST(JetClustering, ValidatesConfig)
{
    EXPECT_THROW(JetClustering({JetAlgorithm::anti_kt, 0}), InputError);
    EXPECT_THROW(JetClustering({JetAlgorithm::anti_kt, -0.4}), InputError);
    EXPECT_THROW(JetClustering({JetAlgorithm::anti_kt, 2000}), InputError);
    EXPECT_THROW(JetClustering({JetAlgorithm::ee_genkt, 0.4, std::nan("")}), InputError);
    EXPECT_NO_THROW(JetClustering({JetAlgorithm::ee_kt, 0}));  // R unused
    EXPECT_THROW(JetClustering().exclusive_jets(test::random_particles(3, 1), 0), InputError);
    EXPECT_EQ(parse_jet_algorithm("cambridge_aachen"), JetAlgorithm::cambridge_aachen);
    EXPECT_THROW(parse_jet_algorithm("antikt"), InputError);
    EXPECT_EQ(parse_jet_recombination("wta"), JetRecombination::wta);
    EXPECT_THROW(parse_jet_recombination("pt"), InputError);
}
}  // namespace
}  // namespace umbra::analysis
