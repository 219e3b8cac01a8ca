#include "umbra/analysis/ShowerShapes.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace umbra::analysis
{
namespace
{
TEST(ShowerShapes, MomentsByHand)
{
    // Energies 1, 3 at x = 0, 4 (centroid x = 3): Σ E (x − 3)² / Σ E = (9 + 3)/4 = 3.
    // z = 300, 340 with the same weights: mean 330, rms² = (900 + 3 · 100)/4 = 300.
    const std::vector<ShowerHit> hits = {{0, 2, 300, 1, 4}, {4, 2, 340, 3, 6}, {50, 50, 900, 0, 30}};
    const auto s = ShowerShapes::measure(hits);
    EXPECT_EQ(s.n_hits, 2u);
    EXPECT_DOUBLE_EQ(s.energy_MeV, 4);
    EXPECT_NEAR(s.rms_r_mm, std::sqrt(3.0), 1e-14);
    EXPECT_NEAR(s.z_mean_mm, 330, 1e-12);
    EXPECT_NEAR(s.z_rms_mm, std::sqrt(300.0), 1e-12);
    EXPECT_EQ(s.n_hit_layers, 2);
    EXPECT_EQ(s.first_hit_layer, 4);
    EXPECT_EQ(s.last_hit_layer, 6);
}

TEST(ShowerShapes, TransverseRmsIsTwoDimensionalAndLayersCounted)
{
    // Four unit hits on a circle of radius 5 around (1, −2): rms_r = 5. Three distinct
    // layers, one outside 0..63 (counted by the slow path).
    const std::vector<ShowerHit> hits = {
        {6, -2, 400, 1, 10}, {-4, -2, 400, 1, 10}, {1, 3, 410, 1, 11}, {1, -7, 410, 1, 70}};
    const auto s = ShowerShapes::measure(hits);
    EXPECT_NEAR(s.rms_r_mm, 5, 1e-14);
    EXPECT_EQ(s.n_hit_layers, 3);
    EXPECT_EQ(s.last_hit_layer, 70);
}

TEST(ShowerShapes, NoHits)
{
    const auto s = ShowerShapes::measure({});
    EXPECT_EQ(s.n_hits, 0u);
    EXPECT_EQ(s.energy_MeV, 0);
    EXPECT_EQ(s.n_hit_layers, 0);
    EXPECT_TRUE(std::isnan(s.rms_r_mm) && std::isnan(s.z_mean_mm) && std::isnan(s.first_hit_layer));
}
}  // namespace
}  // namespace umbra::analysis
