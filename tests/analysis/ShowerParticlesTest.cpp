#include "umbra/analysis/ShowerParticles.hpp"

#include <fastjet/PseudoJet.hh>
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "umbra/analysis/detail/AngleKernels.hpp"
#include "umbra/analysis/detail/SimdKernels.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace
{
TEST(ShowerParticles, TargetOriginDirectionsAndEnergies)
{
    const std::vector<ShowerHit> hits = {{30, -40, 0.0, 0, 0},       // zero energy: no particle
                                         {30, 40, 120, 10, 3},      // |r| = 130
                                         {0, 0, 500, 2.5, 20}};
    const auto particles = ShowerParticles()(hits, {1e9, 1e9, 1e9});  // vertex ignored for target
    ASSERT_EQ(particles.size(), 2u);
    EXPECT_EQ(particles[0].user_index(), 1);
    EXPECT_DOUBLE_EQ(particles[0].E(), 10);
    EXPECT_DOUBLE_EQ(particles[0].px(), 10 * 30 / 130.0);
    EXPECT_DOUBLE_EQ(particles[0].py(), 10 * 40 / 130.0);
    EXPECT_DOUBLE_EQ(particles[0].pz(), 10 * 120 / 130.0);
    EXPECT_NEAR(particles[0].m2(), 0, 1e-12);
    EXPECT_EQ(particles[1].user_index(), 2);
    EXPECT_DOUBLE_EQ(particles[1].pz(), 2.5);
    EXPECT_DOUBLE_EQ(particles[1].px(), 0);
}

TEST(ShowerParticles, TruthVertexOrigin)
{
    const std::vector<ShowerHit> hits = {{10, 5, 500, 4, 12}, {13, 9, 400, 1, 8}, {10, 5, 400, 1, 8}};
    const ShowerParticles maker({.origin = ShowerOrigin::truth_vertex});
    const LabPoint vertex{10, 5, 400};
    EXPECT_EQ(maker.apex(hits, vertex), vertex);
    const auto particles = maker(hits, vertex);
    ASSERT_EQ(particles.size(), 2u);  // the hit at the vertex has no direction
    EXPECT_DOUBLE_EQ(particles[0].pz(), 4);  // straight down z from the vertex
    EXPECT_DOUBLE_EQ(particles[0].px(), 0);
    EXPECT_DOUBLE_EQ(particles[1].px(), 3 / 5.0);  // (3, 4, 0)/5 in the vertex plane
    EXPECT_DOUBLE_EQ(particles[1].py(), 4 / 5.0);
    EXPECT_DOUBLE_EQ(particles[1].pz(), 0);
}

TEST(ShowerParticles, ShowerStartEstimate)
{
    // An isolated (noise-like) hit in layer 2, then a shower from layer 10 on.
    const std::vector<ShowerHit> hits = {
        {200, 200, 273, 0.5, 2},   // isolated: layer 3 is empty
        {4, 1, 390, 3, 10},       {6, 1, 390, 1, 10},  // layer 10: centroid x = 4.5
        {5, -1, 402, 4, 11},      // layer 11
        {10, 3, 420, 2, 12},      // layer 12
        {90, 90, 450, 50, 14},    // beyond start + 3 layers: not in the centroid
        {0, 0, 300, -1, 4},       // negative energy: ignored
    };
    const LabPoint start = ShowerParticles::estimate_shower_start(hits, 3, 10);
    const double e = 3 + 1 + 4 + 2;
    EXPECT_DOUBLE_EQ(start[0], (3 * 4 + 1 * 6 + 4 * 5 + 2 * 10) / e);
    EXPECT_DOUBLE_EQ(start[1], (3 * 1 + 1 * 1 + 4 * -1 + 2 * 3) / e);
    EXPECT_DOUBLE_EQ(start[2], 390 - 10);

    // One layer only: its centroid; no consecutive layers: the first hit layer.
    const LabPoint one = ShowerParticles::estimate_shower_start(hits, 1, 0);
    EXPECT_DOUBLE_EQ(one[0], 4.5);
    EXPECT_DOUBLE_EQ(one[2], 390);
    const std::vector<ShowerHit> sparse = {{1, 2, 300, 1, 4}, {7, 7, 400, 5, 9}};
    const LabPoint first = ShowerParticles::estimate_shower_start(sparse, 3, 10);
    EXPECT_DOUBLE_EQ(first[0], 1);
    EXPECT_DOUBLE_EQ(first[2], 290);
    EXPECT_TRUE(std::isnan(ShowerParticles::estimate_shower_start({}, 3, 10)[0]));

    // As an origin: directions from the start point.
    const ShowerParticles maker({.origin = ShowerOrigin::shower_start, .start_layers = 3, .start_offset_mm = 10});
    const auto apex = maker.apex(hits, {0, 0, 0});
    EXPECT_EQ(apex, start);
    const auto particles = maker(hits, {0, 0, 0});
    ASSERT_EQ(particles.size(), 6u);
    const auto& p = particles[1];  // hit (4, 1, 390)
    const double dx = 4 - start[0], dy = 1 - start[1], dz = 10;
    const double r = std::sqrt(dx * dx + dy * dy + dz * dz);
    EXPECT_DOUBLE_EQ(p.px(), 3 * dx / r);
    EXPECT_DOUBLE_EQ(p.pz(), 3 * dz / r);
}

TEST(ShowerParticles, RejectsBadInputAndConfig)
{
    const std::vector<ShowerHit> bad = {{1, 2, std::nan(""), 1, 0}};
    EXPECT_THROW(ShowerParticles()(bad, {0, 0, 0}), InputError);
    EXPECT_THROW(ShowerParticles({.start_layers = 0}), InputError);
    EXPECT_THROW(ShowerParticles({.start_offset_mm = -1}), InputError);
    EXPECT_EQ(parse_shower_origin("shower_start"), ShowerOrigin::shower_start);
    EXPECT_EQ(to_string(ShowerOrigin::truth_vertex), "truth_vertex");
    EXPECT_THROW(parse_shower_origin("vertex"), InputError);
}

// atan2(|a × b|, a · b) keeps full precision at small angles where acos(a · b) does not,
// and the series/half-angle kernel of the hot loops agrees with it to rounding.
TEST(ShowerParticles, AnglesPreciseAtSmallAngles)
{
    for (double theta : {1e-9, 1e-6, 1e-3, 0.05, 0.3, 0.5, 1.0, 2.0, 3.1})
    {
        const std::array<double, 3> a{0, 0, 7};
        const std::array<double, 3> b{std::sin(theta) * 3, 0, std::cos(theta) * 3};
        EXPECT_NEAR(opening_angle(a, b), theta, 1e-15 * theta + 1e-16) << theta;
    }
    // acos loses it: at 1e-9 rad a · b rounds to 1.
    EXPECT_EQ(std::acos(std::cos(1e-9)), 0.0);

    std::mt19937_64 rng(7);
    std::vector<double> chord2, reference_angles;
    std::normal_distribution<double> gauss(0, 1);
    std::uniform_real_distribution<double> log_angle(-8, std::log10(3.1));
    for (int k = 0; k < 20000; ++k)
    {
        std::array<double, 3> a{gauss(rng), gauss(rng), gauss(rng)};
        const double na = std::sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        for (auto& x : a) x /= na;
        // b: a rotated by a random angle about a random perpendicular axis.
        std::array<double, 3> t{gauss(rng), gauss(rng), gauss(rng)};
        const double dot = t[0] * a[0] + t[1] * a[1] + t[2] * a[2];
        for (int i = 0; i < 3; ++i) t[static_cast<std::size_t>(i)] -= dot * a[static_cast<std::size_t>(i)];
        const double nt = std::sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
        for (auto& x : t) x /= nt;
        const double theta = std::pow(10.0, log_angle(rng));
        std::array<double, 3> b;
        for (std::size_t i = 0; i < 3; ++i) b[i] = std::cos(theta) * a[i] + std::sin(theta) * t[i];
        const double reference = opening_angle(a, b);
        // Both forms carry an absolute rounding error ~1e-16 rad from the stored unit vectors.
        EXPECT_NEAR(detail::angle_between_unit(a, b), reference, 4e-15 * reference + 1e-15) << theta;
        EXPECT_NEAR(reference, theta, 1e-13 * theta + 1e-15) << theta;
        double c2 = 0;
        for (std::size_t i = 0; i < 3; ++i) c2 += (a[i] - b[i]) * (a[i] - b[i]);
        chord2.push_back(c2);
        reference_angles.push_back(reference);
    }
    // The vectorised kernel (series with Newton square root, libm asin above 0.5 chord).
    chord2.push_back(0.0);  // identical directions: exactly 0
    chord2.resize(detail::simd_padded(chord2.size()), 0.0);
    std::vector<double> angles(chord2.size());
    detail::angles_from_chord2(chord2.data(), 0, chord2.size(), angles.data());
    for (std::size_t k = 0; k < reference_angles.size(); ++k)
    {
        EXPECT_NEAR(angles[k], reference_angles[k], 8e-15 * reference_angles[k] + 1e-15) << reference_angles[k];
    }
    EXPECT_EQ(angles[reference_angles.size()], 0.0);
}
}  // namespace
}  // namespace umbra::analysis
