#include "umbra/analysis/FullObservableSet.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <thread>

#include "umbra/analysis/GeneralisedAngularity.hpp"
#include "umbra/analysis/JetConstituents.hpp"
#include "umbra/analysis/NSubjettiness.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace
{
using Row = std::vector<double>;

std::size_t column(const FullObservableSet& set, const std::string& name)
{
    const auto& names = set.names();
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) throw std::runtime_error("no column " + name);
    return static_cast<std::size_t>(it - names.begin());
}

Row compute(const FullObservableSet& set, const std::vector<ShowerHit>& hits, const LabPoint& vertex = {0, 0, 0})
{
    Row row(set.names().size());
    set.compute(hits, vertex, row);
    return row;
}

//! A toy two-prong shower: an ALP of energy e from the target decaying at z_vertex into two
//! prongs (energy fractions z, 1 − z, opening angle opening) that deposit in the layers
//! downstream with a lateral Gaussian spread growing with depth; plus a soft recoil shower
//! 80 mm to the side.
std::vector<ShowerHit> two_prong_event(unsigned seed, std::size_t n_hits, double z_vertex = 330)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> gauss(0, 1);
    std::uniform_real_distribution<double> uniform(0, 1);
    std::exponential_distribution<double> expo(1);
    const double e = 5000, z = 0.2 + 0.3 * uniform(rng), opening = 0.05 + 0.05 * uniform(rng);
    const double ax = 0.01 * gauss(rng), ay = 0.01 * gauss(rng);
    const double vx = ax * z_vertex, vy = ay * z_vertex;
    const double phi = 6.283 * uniform(rng);
    const double tx[2] = {ax + (1 - z) * opening * std::cos(phi), ax - z * opening * std::cos(phi)};
    const double ty[2] = {ay + (1 - z) * opening * std::sin(phi), ay - z * opening * std::sin(phi)};
    std::vector<ShowerHit> hits;
    const std::size_t n_recoil = n_hits / 8;
    for (std::size_t i = 0; i < n_hits; ++i)
    {
        if (i < n_recoil)
        {
            const int layer = static_cast<int>(i % 10);
            const double zl = 247 + 15.8 * layer;
            hits.push_back({80 + 5 * gauss(rng), 5 * gauss(rng), zl, 300.0 / static_cast<double>(n_recoil) * expo(rng), layer});
            continue;
        }
        const int prong = uniform(rng) < z ? 0 : 1;
        const int first = static_cast<int>(std::ceil((z_vertex - 247) / 15.8));
        const int layer = std::min(33, first + static_cast<int>(6 * expo(rng) * uniform(rng) + 4 * uniform(rng)));
        const double zl = 247 + 15.8 * layer;
        const double depth = zl - z_vertex;
        const double spread = 1 + 0.08 * depth;
        hits.push_back({vx + tx[prong] * depth + spread * gauss(rng), vy + ty[prong] * depth + spread * gauss(rng), zl,
                        e / static_cast<double>(n_hits) * expo(rng), layer});
    }
    return hits;
}

TEST(FullObservableSet, NamesUniqueSnakeCaseWithUnits)
{
    const FullObservableSet set;
    const auto& names = set.names();
    EXPECT_EQ(set.units().size(), names.size());
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
    for (const auto& name : names)
    {
        EXPECT_TRUE(std::all_of(name.begin(), name.end(),
                                [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }))
            << name;
    }
    for (const char* required :
         {"n_jets", "jet1_energy", "jet1_mass", "jet1_width", "jet1_n_constituents", "tau1_b1_kt", "tau2_b1_kt",
          "tau3_b1_kt", "tau21_b1_kt", "tau32_b1_kt", "tau21_b1_wta", "tau32_b2_wta", "tau21_b2_kt", "e2_b1", "e3_b1",
          "c2_b1", "d2_b1", "n2_b1", "d2_b2", "n2_b2", "lambda_1_0p5", "lambda_1_1", "lambda_1_2", "lambda_2_0",
          "sd_mass", "sd_zg", "sd_rg", "theta12", "z12", "y12", "shower_rms_r", "shower_z_mean", "shower_z_rms",
          "n_hit_layers", "first_hit_layer"})
    {
        EXPECT_NO_THROW(column(set, required)) << required;
    }
    EXPECT_EQ(set.units()[column(set, "jet1_mass")], "MeV");
    EXPECT_EQ(set.units()[column(set, "tau1_b1_kt")], "");
    EXPECT_EQ(FullObservableSet({.normalise_tau = false}).units()[column(set, "tau2_b2_wta")], "MeV rad^2");
}

TEST(FullObservableSet, EmptyEventIsNaNExceptCounts)
{
    const FullObservableSet set;
    for (const auto& hits : {std::vector<ShowerHit>{}, std::vector<ShowerHit>{{1, 2, 300, 0, 3}, {1, 2, 320, -2, 4}}})
    {
        const auto row = compute(set, hits);
        for (std::size_t i = 0; i < row.size(); ++i)
        {
            const auto& name = set.names()[i];
            if (name == "n_hits" || name == "total_energy" || name == "n_jets" || name == "n_hit_layers")
                EXPECT_EQ(row[i], 0) << name;
            else
                EXPECT_TRUE(std::isnan(row[i])) << name << " = " << row[i];
        }
    }
}

TEST(FullObservableSet, SingleHit)
{
    const FullObservableSet set;
    const auto row = compute(set, {{5, 5, 400, 800, 10}});
    auto at = [&](const char* name) { return row[column(set, name)]; };
    EXPECT_EQ(at("n_jets"), 1);
    EXPECT_EQ(at("jet1_energy"), 800);
    EXPECT_EQ(at("jet1_mass"), 0);
    EXPECT_EQ(at("jet1_width"), 0);
    EXPECT_EQ(at("jet2_energy"), 0);
    EXPECT_EQ(at("tau1_b1_kt"), 0);
    EXPECT_TRUE(std::isnan(at("tau21_b1_kt")));  // 0/0
    EXPECT_EQ(at("e2_b1"), 0);
    EXPECT_TRUE(std::isnan(at("d2_b1")));
    EXPECT_EQ(at("lambda_2_0"), 1);
    EXPECT_EQ(at("sd_zg"), 0);
    EXPECT_EQ(at("sd_energy"), 800);
    EXPECT_TRUE(std::isnan(at("theta12")));
    EXPECT_EQ(at("first_hit_layer"), 10);
    EXPECT_EQ(at("n_hit_layers"), 1);
}

TEST(FullObservableSet, TwoHitsByHand)
{
    // Seen from the target: E 300 straight ahead, E 100 at θ = atan(20/400), both at z = 400.
    const double theta = std::atan(20.0 / 400), radius = 0.2;
    const FullObservableSet set;
    const auto row = compute(set, {{0, 0, 400, 300, 9}, {20, 0, 400, 100, 9}});
    auto at = [&](const char* name) { return row[column(set, name)]; };
    EXPECT_EQ(at("n_jets"), 1);
    EXPECT_NEAR(at("jet1_mass"), std::sqrt(2 * 300 * 100 * (1 - std::cos(theta))), 1e-10);
    EXPECT_NEAR(at("theta12"), theta, 1e-15);
    EXPECT_DOUBLE_EQ(at("z12"), 0.25);
    EXPECT_NEAR(at("y12"), 2 * (1 - std::cos(theta)) / 16, 1e-15);
    EXPECT_NEAR(at("tau1_b1_wta"), theta / (4 * radius), 1e-14);  // WTA axis on the E 3 hit
    EXPECT_NEAR(at("tau1_b2_wta"), theta * theta / (4 * radius * radius), 1e-14);
    EXPECT_EQ(at("tau2_b1_wta"), 0);
    EXPECT_EQ(at("tau21_b1_wta"), 0);
    EXPECT_TRUE(std::isnan(at("tau32_b1_wta")));
    EXPECT_NEAR(at("jet1_width"), 0.25 * theta, 1e-15);
    EXPECT_NEAR(at("lambda_1_1"), 0.25 * theta / radius, 1e-15);
    EXPECT_NEAR(at("lambda_1_2"), 0.25 * std::pow(theta / radius, 2), 1e-15);
    EXPECT_NEAR(at("lambda_1_0p5"), 0.25 * std::sqrt(theta / radius), 1e-15);
    EXPECT_NEAR(at("lambda_2_0"), 0.625, 1e-15);
    EXPECT_NEAR(at("e2_b1"), 0.75 * 0.25 * theta, 1e-15);
    EXPECT_NEAR(at("e2_b2"), 0.75 * 0.25 * theta * theta, 1e-15);
    EXPECT_EQ(at("d2_b1"), 0);
    EXPECT_DOUBLE_EQ(at("sd_zg"), 0.25);
    EXPECT_NEAR(at("sd_rg"), theta, 1e-15);
    EXPECT_NEAR(at("sd_mass"), at("jet1_mass"), 1e-10);
    EXPECT_NEAR(at("shower_rms_r"), std::sqrt((3 * 25.0 + 1 * 225) / 4), 1e-12);
    EXPECT_EQ(at("shower_z_rms"), 0);
}

TEST(FullObservableSet, AgreesWithTheStandaloneTools)
{
    const FullObservableSet set;
    const auto hits = two_prong_event(5, 120);
    const auto row = compute(set, hits);
    auto at = [&](const char* name) { return row[column(set, name)]; };
    EXPECT_GE(at("n_jets"), 2);  // the toy recoil is a jet of its own
    const auto jets = JetClustering().inclusive_jets(ShowerParticles()(hits, {0, 0, 0}));
    JetConstituents jet;
    jet.assign(jets.front().constituents());
    EXPECT_DOUBLE_EQ(at("jet1_energy"), jets.front().E());
    EXPECT_DOUBLE_EQ(at("jet1_n_constituents"), static_cast<double>(jet.size()));
    EXPECT_NEAR(at("jet1_mass"), jets.front().m(), 1e-6 * jets.front().m());
    double tau[3];
    NSubjettiness({.beta = 2, .axes = NSubjettiness::Axes::kt, .radius = 0.2})(jet, tau);
    EXPECT_NEAR(at("tau1_b2_kt"), tau[0], 1e-12 * tau[0]);
    EXPECT_NEAR(at("tau3_b2_kt"), tau[2], 1e-12 * tau[0]);
    NSubjettiness({.beta = 1, .axes = NSubjettiness::Axes::wta_kt, .radius = 0.2})(jet, tau);
    EXPECT_NEAR(at("tau2_b1_wta"), tau[1], 1e-12 * tau[0]);
    EXPECT_NEAR(at("tau21_b1_wta"), tau[1] / tau[0], 1e-12);
    const auto ecf = EnergyCorrelators(2)(jet);
    EXPECT_NEAR(at("d2_b2"), ecf.d2, 1e-12 * ecf.d2);
    EXPECT_NEAR(at("n2_b2"), ecf.n2, 1e-12 * ecf.n2);
    const auto sd = SoftDropGroomer()(jet);
    EXPECT_DOUBLE_EQ(at("sd_zg"), sd.z_g);
    EXPECT_DOUBLE_EQ(at("sd_mass"), sd.mass_MeV);
    const auto axis = NSubjettiness::axes(jet, NSubjettiness::Axes::wta_kt, 1).front();
    EXPECT_NEAR(at("lambda_1_0p5"), GeneralisedAngularity({1, 0.5, 0.2})(jet, axis), 1e-13);
    // A two-prong toy: τ₂₁ well below 1, soft drop finds a hard splitting.
    EXPECT_LT(at("tau21_b1_wta"), 1);
    EXPECT_GT(at("sd_zg"), 0.1);
}

// The built-in clusterer finds the same jets as libfastjet for every algorithm, hence the
// same rows (up to summation order in the jet energies).
TEST(FullObservableSet, BuiltInClusteringMatchesFastJet)
{
    const JetClustering::Config algorithms[] = {
        {},
        {.algorithm = JetAlgorithm::kt, .radius = 0.3},
        {.algorithm = JetAlgorithm::cambridge_aachen, .radius = 0.1, .recombination = JetRecombination::wta},
        {.algorithm = JetAlgorithm::ee_kt},
        {.algorithm = JetAlgorithm::ee_genkt, .radius = 4, .p = 0.5},
        {.algorithm = JetAlgorithm::anti_kt, .radius = 0.05},
    };
    for (const auto& jets : algorithms)
    {
        const FullObservableSet lean({.jets = jets});
        const FullObservableSet reference({.jets = jets, .fastjet_clustering = true});
        for (unsigned seed = 1; seed <= 8; ++seed)
        {
            const auto hits = two_prong_event(seed, 40 + 20 * seed);
            const auto a = compute(lean, hits), b = compute(reference, hits);
            for (std::size_t i = 0; i < a.size(); ++i)
            {
                const auto what = lean.names()[i] + " " + std::string(to_string(jets.algorithm)) + " seed " +
                                  std::to_string(seed);
                if (std::isnan(b[i]))
                    EXPECT_TRUE(std::isnan(a[i])) << what;
                else
                    EXPECT_NEAR(a[i], b[i], 1e-12 * std::abs(b[i])) << what;
            }
        }
    }
}

TEST(FullObservableSet, InvariantUnderUniformEnergyScaling)
{
    const FullObservableSet set({.min_jet_energy_MeV = 0});
    const std::set<std::string> scale_with_energy = {"total_energy", "jet1_energy", "jet1_mass", "jet2_energy",
                                                     "sd_mass", "sd_energy"};
    for (unsigned seed = 1; seed <= 5; ++seed)
    {
        auto hits = two_prong_event(seed, 100);
        const auto row = compute(set, hits);
        for (auto& hit : hits) hit.energy_MeV *= 3.7;
        const auto scaled = compute(set, hits);
        for (std::size_t i = 0; i < row.size(); ++i)
        {
            const auto& name = set.names()[i];
            const double want = scale_with_energy.count(name) ? 3.7 * row[i] : row[i];
            EXPECT_NEAR(scaled[i], want, 1e-9 * std::abs(want) + 1e-15) << name << " seed " << seed;
        }
    }
}

TEST(FullObservableSet, OriginChangeRescalesAngles)
{
    // All hits in one plane z = 500 and within a few mrad: moving the apex from the target
    // to z = 250 doubles every tan θ, i.e. (to O(θ²)) every angle: τ ratios, D2, N2, z_g stay,
    // e2^(β), C2^(β) ∝ λ^β, widths, masses, y12 ∝ θ² scale (alp-physics.md §5.1). Jets are
    // still found from the target.
    std::vector<ShowerHit> hits;
    std::mt19937_64 rng(2);
    std::normal_distribution<double> gauss(0, 1.5);
    std::uniform_real_distribution<double> energy(10, 20);  // no ties: WTA picks by energy
    for (int i = 0; i < 60; ++i) hits.push_back({(i % 2 ? 3.0 : -2.0) + gauss(rng), gauss(rng), 500, energy(rng), 15});
    const FullObservableSet target;
    const FullObservableSet vertex({.origin = ShowerOrigin::truth_vertex});
    const auto a = compute(target, hits);
    const auto b = compute(vertex, hits, {0, 0, 250});
    auto at = [&](const Row& r, const char* name) { return r[column(target, name)]; };
    for (const char* ratio : {"tau21_b1_kt", "tau21_b2_wta", "tau32_b1_wta", "d2_b1", "d2_b2", "n2_b1", "n2_b2",
                              "sd_zg", "z12", "lambda_2_0"})
    {
        EXPECT_NEAR(at(b, ratio), at(a, ratio), 1e-3 * std::abs(at(a, ratio))) << ratio;
    }
    EXPECT_NEAR(at(b, "e2_b1"), 2 * at(a, "e2_b1"), 1e-3 * at(b, "e2_b1"));
    EXPECT_NEAR(at(b, "e2_b2"), 4 * at(a, "e2_b2"), 1e-3 * at(b, "e2_b2"));
    EXPECT_NEAR(at(b, "c2_b1"), 2 * at(a, "c2_b1"), 1e-3 * at(b, "c2_b1"));
    EXPECT_NEAR(at(b, "y12"), 4 * at(a, "y12"), 1e-3 * at(b, "y12"));
    EXPECT_NEAR(at(b, "jet1_mass"), 2 * at(a, "jet1_mass"), 1e-3 * at(b, "jet1_mass"));
    EXPECT_NEAR(at(b, "jet1_width"), 2 * at(a, "jet1_width"), 1e-3 * at(b, "jet1_width"));
    EXPECT_NEAR(at(b, "theta12"), 2 * at(a, "theta12"), 1e-3 * at(b, "theta12"));
    EXPECT_EQ(at(b, "jet1_n_constituents"), at(a, "jet1_n_constituents"));
    // The truth vertex at the target reproduces the target origin exactly.
    EXPECT_EQ(compute(vertex, hits, {0, 0, 0}), a);
}

TEST(FullObservableSet, ShowerStartOriginUsesTheLeadingJetsHits)
{
    const auto hits = two_prong_event(8, 150);
    const FullObservableSet set({.origin = ShowerOrigin::shower_start});
    const auto row = compute(set, hits);
    // Rebuild by hand: jet from the target, start estimated from that jet's hits.
    const auto jets = JetClustering().inclusive_jets(ShowerParticles()(hits, {0, 0, 0}));
    std::vector<ShowerHit> jet_hits;
    for (const auto& c : jets.front().constituents()) jet_hits.push_back(hits[static_cast<std::size_t>(c.user_index())]);
    const auto start = ShowerParticles::estimate_shower_start(jet_hits, 3, 10);
    EXPECT_GT(start[2], 300);  // the toy decays at z = 330, upstream of the first hit layer
    std::vector<fastjet::PseudoJet> particles;
    ShowerParticles::make(jet_hits, start, particles);
    JetConstituents jet;
    jet.assign(particles);
    EXPECT_NEAR(row[column(set, "jet1_mass")], jet.mass(), 1e-9 * jet.mass());
    // Seen from near the vertex the prongs open up: larger mass than from the target.
    const auto from_target = compute(FullObservableSet(), hits);
    EXPECT_GT(row[column(set, "jet1_mass")], 3 * from_target[column(set, "jet1_mass")]);
}

TEST(FullObservableSet, ThreadSafeAndDeterministic)
{
    const FullObservableSet set;
    std::vector<std::vector<ShowerHit>> events;
    for (unsigned seed = 0; seed < 40; ++seed) events.push_back(two_prong_event(seed, 60 + seed * 5));
    std::vector<Row> serial;
    for (const auto& e : events) serial.push_back(compute(set, e));
    std::vector<Row> results[2];
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t)
    {
        threads.emplace_back([&, t] {
            for (std::size_t k = 0; k < events.size(); ++k)
            {
                const std::size_t i = t == 0 ? k : events.size() - 1 - k;  // different orders
                results[t].push_back(compute(set, events[i]));
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (std::size_t k = 0; k < events.size(); ++k)
    {
        for (std::size_t j = 0; j < serial[k].size(); ++j)
        {
            const double s = serial[k][j];
            const double a = results[0][k][j], b = results[1][events.size() - 1 - k][j];
            EXPECT_TRUE((std::isnan(s) && std::isnan(a) && std::isnan(b)) || (s == a && s == b)) << set.names()[j];
        }
    }
}

TEST(FullObservableSet, Validation)
{
    EXPECT_THROW(FullObservableSet({.jets = {.radius = 0}}), InputError);
    EXPECT_THROW(FullObservableSet({.jets = {.algorithm = JetAlgorithm::ee_kt, .radius = -1}}), InputError);
    EXPECT_THROW(FullObservableSet({.min_jet_energy_MeV = -1}), InputError);
    EXPECT_THROW(FullObservableSet({.soft_drop_z_cut = 1}), InputError);
    EXPECT_THROW(FullObservableSet({.start_layers = 0}), InputError);
    const FullObservableSet set;
    Row short_row(3);
    EXPECT_THROW(set.compute({}, {0, 0, 0}, short_row), InputError);
}
}  // namespace
}  // namespace umbra::analysis
