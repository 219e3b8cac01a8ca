#include "umbra/reco/EcalVetoCalculator.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/geometry/EcalHexReadout.hpp"

namespace umbra::reco
{
namespace
{
struct Pattern
{
    std::shared_ptr<const geometry::DetectorGeometry> geometry =
        geometry::DetectorGeometry::load_named("ldmx-det-v14-8gev");
    std::shared_ptr<const geometry::EcalHexReadout> readout = std::make_shared<const geometry::EcalHexReadout>();
    std::vector<double> layer_z;
    Pattern()
    {
        for (int l = 0; l < 34; ++l) layer_z.push_back(geometry->ecal().layer_z(l));
    }
    EcalRecHit hit_at(int layer, double x, double y, double energy) const
    {
        const auto id = readout->locate(layer, x, y);
        EXPECT_TRUE(id.has_value()) << "no cell at " << x << ", " << y;
        return hit(*id, energy);
    }
    EcalRecHit hit(geometry::EcalId id, double energy) const
    {
        const auto centre = readout->cell_centre(id);
        EcalRecHit h;
        h.id = id;
        h.x = centre.x;
        h.y = centre.y;
        h.z = layer_z[static_cast<std::size_t>(id.layer())];
        h.energy = energy;
        return h;
    }
    EcalVetoCalculator calculator(double radius) const
    {
        return EcalVetoCalculator(readout, layer_z, ContainmentRadii::uniform(radius, 34), {});
    }
};

// Electron straight down z at x = -50 mm (seen at the ECal scoring plane), photon straight down
// z from the target centre: both trajectories are fixed lines, so every distance below is a
// distance from (-50, 0) or (0, 0).
RecoilTruth straight_recoil()
{
    RecoilTruth r;
    r.at_ecal = TrajectorySeed{{-50, 0, 240}, {0, 0, 4000}};
    r.at_target = TrajectorySeed{{0, 0, 0}, {0, 0, 4000}};  // photon: (0, 0, 8000 - 4000)
    return r;
}

TEST(EcalVetoCalculator, HandBuiltPatternWithUniformRadii)
{
    const Pattern p;
    const auto h1 = p.hit_at(0, -50, 0, 100);   // on the electron: e region 0; photon ~50 mm: g region 2
    const auto h2 = p.hit_at(3, 0, 0, 50);      // on the photon: g region 0; electron ~50 mm: e region 2
    const auto h5 = p.hit(p.readout->nearest_neighbours(h2.id).front(), 5);  // h2's neighbour
    const auto h3 = p.hit_at(10, 100, 100, 10);  // far from both (> 5 R): outside regions 0..4
    const auto h4 = p.hit_at(25, 0, -70, 40);    // photon ~70 (g 3), electron ~86 (e 4), outside 0..2
    const std::vector<EcalRecHit> hits{h1, h2, h5, h3, h4};
    const auto r = p.calculator(20).compute(hits, straight_recoil());

    const double e_total = 205;
    EXPECT_EQ(r.n_readout_hits, 5);
    EXPECT_DOUBLE_EQ(r.summed_det, e_total);
    EXPECT_DOUBLE_EQ(r.max_cell_dep, 100);
    EXPECT_DOUBLE_EQ(r.avg_layer_hit, (0 + 3 + 3 + 10 + 25) / 5.0);
    EXPECT_EQ(r.deepest_layer_hit, 25);
    EXPECT_DOUBLE_EQ(r.ecal_back_energy, 40);
    const double mean_layer = (0 * 100 + 3 * 55 + 10 * 10 + 25 * 40) / e_total;
    const double var_layer = (100 * std::pow(0 - mean_layer, 2) + 55 * std::pow(3 - mean_layer, 2) +
                              10 * std::pow(10 - mean_layer, 2) + 40 * std::pow(25 - mean_layer, 2)) /
                             e_total;
    EXPECT_NEAR(r.std_layer_hit, std::sqrt(var_layer), 1e-9);
    const double x_mean = (100 * h1.x + 50 * h2.x + 5 * h5.x + 10 * h3.x + 40 * h4.x) / e_total;
    const double x_var = (100 * std::pow(h1.x - x_mean, 2) + 50 * std::pow(h2.x - x_mean, 2) +
                          5 * std::pow(h5.x - x_mean, 2) + 10 * std::pow(h3.x - x_mean, 2) +
                          40 * std::pow(h4.x - x_mean, 2)) /
                         e_total;
    EXPECT_NEAR(r.x_std, std::sqrt(x_var), 1e-9);
    EXPECT_EQ(r.layer_energy[3], 55);
    EXPECT_EQ(r.layer_hits[3], 2);

    // Segments: layers 0-5, 6-16, 17-33.
    EXPECT_DOUBLE_EQ(r.energy_seg[0], 155);
    EXPECT_DOUBLE_EQ(r.energy_seg[1], 10);
    EXPECT_DOUBLE_EQ(r.energy_seg[2], 40);
    EXPECT_NEAR(r.layer_mean_seg[0], 3.0 * 55 / 155, 1e-12);
    EXPECT_NEAR(r.y_mean_seg[2], h4.y, 1e-12);

    // Containment, R = 20 mm in every layer.
    EXPECT_DOUBLE_EQ(r.e_cont_energy[0][0], 100);
    EXPECT_DOUBLE_EQ(r.e_cont_y_mean[0][0], h1.y);
    EXPECT_DOUBLE_EQ(r.e_cont_energy[4][2], 40);
    EXPECT_DOUBLE_EQ(r.g_cont_n_hits[0][0], std::hypot(h5.x, h5.y) < 20 ? 2 : 1);
    EXPECT_DOUBLE_EQ(r.g_cont_n_hits[2][0], 1);  // h1
    EXPECT_DOUBLE_EQ(r.g_cont_n_hits[3][2], 1);  // h4
    for (int i = 0; i < 5; ++i) EXPECT_DOUBLE_EQ(r.o_cont_energy[i][1], 10) << "region " << i;
    for (int i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(r.o_cont_energy[i][2], 40) << "region " << i;
    EXPECT_DOUBLE_EQ(r.o_cont_energy[3][2], 0);
    EXPECT_DOUBLE_EQ(r.o_cont_energy[0][0], 0);
    EXPECT_DOUBLE_EQ(r.o_cont_layer_mean[0][2], 25);
    EXPECT_DOUBLE_EQ(r.o_cont_layer_std[0][2], 0);
    EXPECT_DOUBLE_EQ(r.outside_containment_energy[0], 50);

    // Isolation: h2 and h5 are neighbours, the rest isolated; the centroid's nearest hit is h2
    // (a layer-3 hit: the layer-0 exclusion hits nothing here).
    EXPECT_DOUBLE_EQ(r.summed_tight_iso, 100 + 10 + 40);

    // Trajectories: 50 mm apart at layer 0, parallel.
    EXPECT_NEAR(r.ep_sep, 50, 1e-9);
    EXPECT_NEAR(r.ep_dot, 1, 1e-12);
    EXPECT_TRUE(r.fiducial);
    EXPECT_NEAR(r.recoil_p, 4000, 1e-9);
    EXPECT_NEAR(r.recoil_theta, 0, 1e-9);

    // Tracking hits: all but h1 (inside the electron's radius). Near the photon: within 8.7 mm
    // of (0, 0); photon territory: x >= -4.35 (the plane 4.35 mm from the photon towards the
    // electron at x = -50).
    int near = 0, territory = 0, first_near = 33;
    for (const auto* h : {&h2, &h5, &h3, &h4})
    {
        if (std::hypot(h->x, h->y) < 8.7)
        {
            ++near;
            first_near = std::min(first_near, h->layer());
        }
        if (h->x >= -4.35) ++territory;
    }
    EXPECT_EQ(r.n_near_ph_hits, near);
    EXPECT_EQ(r.first_near_ph_layer, first_near);
    EXPECT_EQ(r.photon_territory_hits, territory);
    EXPECT_EQ(r.n_straight_tracks, 0);
}

TEST(EcalVetoCalculator, CentroidCellAndItsRingAreExcludedFromIsolationInLayerZero)
{
    // A lone layer-0 hit is its own centroid: it is skipped, so summed_tight_iso is 0 (the
    // ldmx-sw behaviour); the same hit in layer 1 counts.
    const Pattern p;
    const auto calculator = p.calculator(20);
    EXPECT_DOUBLE_EQ(calculator.compute({p.hit_at(0, 30, 30, 7)}, {}).summed_tight_iso, 0);
    EXPECT_DOUBLE_EQ(calculator.compute({p.hit_at(1, 30, 30, 7)}, {}).summed_tight_iso, 7);
}

TEST(EcalVetoCalculator, WithoutRecoilElectron)
{
    // No trajectories: no containment region is filled, ep_* are 999, the photon territory is
    // every read-out hit and every hit is a tracking hit (a straight MIP track is found).
    const Pattern p;
    // A MIP through the same cell of layers 4, 6, 8, 10 (even layers share the cell lattice).
    std::vector<EcalRecHit> hits;
    const auto cell = *p.readout->locate(4, 60, -20);
    for (int layer = 4; layer <= 10; layer += 2) hits.push_back(p.hit(geometry::EcalId(layer, cell.module(), cell.cell()), 0.15));
    const auto r = p.calculator(20).compute(hits, {});
    EXPECT_EQ(r.photon_territory_hits, 4);
    EXPECT_EQ(r.ep_sep, 999);
    EXPECT_EQ(r.ep_dot, 999);
    EXPECT_DOUBLE_EQ(r.e_cont_energy[0][0], 0);
    EXPECT_DOUBLE_EQ(r.o_cont_energy[0][0], 0);
    EXPECT_EQ(r.first_near_ph_layer, 33);
    EXPECT_EQ(r.n_straight_tracks, 1);
    EXPECT_FALSE(r.fiducial);
    EXPECT_EQ(r.recoil_p, -1);
}

TEST(EcalVetoCalculator, EmptyEventIsAllZero)
{
    const Pattern p;
    const auto r = p.calculator(20).compute({}, straight_recoil());
    EXPECT_EQ(r.n_readout_hits, 0);
    EXPECT_EQ(r.summed_det, 0);
    EXPECT_EQ(r.shower_rms, 0);
    EXPECT_EQ(r.n_straight_tracks, 0);
    EXPECT_EQ(r.photon_territory_hits, 0);
}

TEST(EcalVetoCalculator, FeatureListHasTheLdmxOrder)
{
    const auto features = EcalVetoResult::bdt_features();
    ASSERT_EQ(features.size(), 47u);  // reference §7
    EXPECT_EQ(features[0].name, "n_readout_hits");
    EXPECT_EQ(features[11].name, "n_straight_tracks");
    EXPECT_EQ(features[16].name, "ep_dot");
    EXPECT_EQ(features[46].name, "o_cont_layer_mean_r0_s2");
    EXPECT_TRUE(features[0].integer);
    EXPECT_FALSE(features[1].integer);
    // Column names are unique.
    const auto columns = EcalVetoResult::columns();
    for (std::size_t i = 0; i < columns.size(); ++i)
        for (std::size_t j = i + 1; j < columns.size(); ++j) EXPECT_NE(columns[i].name, columns[j].name);
}
}  // namespace
}  // namespace umbra::reco
