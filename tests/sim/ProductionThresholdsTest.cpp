#include "umbra/sim/ProductionThresholds.hpp"

#include <gtest/gtest.h>

#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

using namespace umbra;
using namespace umbra::geometry;
using namespace umbra::sim;
using Kind = MaterialSpec::FractionKind;

namespace
{
Material nist(const char* name) { return Material(*nist_material_spec(name)); }

ProductionThresholds::Values thresholds(const Material& m, double cut, RangeCutAlgorithm algorithm)
{
    ProductionThresholds::Config config;
    config.range_cut = cut;
    config.algorithm = algorithm;
    return ProductionThresholds(config)(m);
}

void expect_values(const ProductionThresholds::Values& v, double gamma_kev, double electron_kev, double positron_kev,
                   double tolerance, const char* what)
{
    EXPECT_NEAR(v.gamma / units::keV, gamma_kev, tolerance * gamma_kev) << what << " gamma";
    EXPECT_NEAR(v.electron / units::keV, electron_kev, tolerance * electron_kev) << what << " e-";
    EXPECT_NEAR(v.positron / units::keV, positron_kev, tolerance * positron_kev) << what << " e+";
}
}  // namespace

TEST(ProductionThresholds, Geant4ElevenTables)
{
    constexpr auto g4_11 = RangeCutAlgorithm::geant4_11;
    // "Table of registered couples", 0.7 mm, Geant4 11.x: HepEmShow documentation
    // (G4HepEm, doc "The components of the simulation"): G4_Si 5.85422 keV, 423.34 keV,
    // 409.007 keV; G4_lAr 5.20429 keV, 273.968 keV, 266.185 keV. Tolerance 0.1 % (achieved 0.02 %).
    expect_values(thresholds(nist("G4_Si"), 0.7, g4_11), 5.85422, 423.34, 409.007, 1e-3, "G4_Si");
    expect_values(thresholds(nist("G4_lAr"), 0.7, g4_11), 5.20429, 273.968, 266.185, 1e-3, "G4_lAr");
    // /cuts/dump of a Geant4 tutorial (Japanese Geant4 notes, 700 um): G4_BGO 64.4521 keV,
    // 770.195 keV, 731.433 keV; G4_AIR 990 eV for all three.
    const Material bgo(
        MaterialSpec{"G4_BGO", 7.13 * units::g_per_cm3, Kind::atoms, {{"Bi", 4}, {"Ge", 3}, {"O", 12}}, 534.1 * units::eV});
    expect_values(thresholds(bgo, 0.7, g4_11), 64.4521, 770.195, 731.433, 1e-3, "G4_BGO");
    expect_values(thresholds(nist("G4_AIR"), 0.7, g4_11), 0.99, 0.99, 0.99, 1e-9, "G4_AIR");
    // G4_WATER, 0.7 mm (Geant4 11 dump quoted in a public Geant4-on-GPU port's notes):
    // gamma 2.52521 keV, e- 277.633 keV.
    const auto water = thresholds(nist("G4_WATER"), 0.7, g4_11);
    EXPECT_NEAR(water.gamma / units::keV, 2.52521, 1e-3 * 2.52521);
    EXPECT_NEAR(water.electron / units::keV, 277.633, 1e-3 * 277.633);
}

TEST(ProductionThresholds, Geant4TenTables)
{
    constexpr auto g4_10 = RangeCutAlgorithm::geant4_10;
    // BDSIM documentation (target example, 3 cm cuts, Geant4 10.x): G4_Cu 128.416 keV,
    // 52.2089 MeV, 48.4888 MeV; G4_AIR 990 eV, 43.5254 keV, 43.2339 keV. Achieved: all digits.
    expect_values(thresholds(nist("G4_Cu"), 30.0, g4_10), 128.416, 52208.9, 48488.8, 1e-4, "G4_Cu 3 cm");
    expect_values(thresholds(nist("G4_AIR"), 30.0, g4_10), 0.99, 43.5254, 43.2339, 1e-4, "G4_AIR 3 cm");
    // G4_Pb, 0.7 mm, e- 1.00386 MeV, e+ 951.321 keV: Geant4 10.x TestEm3 output as recalled by the
    // author (not found in the search corpora); reproduced to all printed digits.
    const auto lead = thresholds(nist("G4_Pb"), 0.7, g4_10);
    EXPECT_NEAR(lead.electron / units::keV, 1003.86, 1e-4 * 1003.86);
    EXPECT_NEAR(lead.positron / units::keV, 951.321, 1e-4 * 951.321);
    // Geant4 10.3 TestEm0.out: "Germanium" (5.323 g/cm^3) at 1 mm: 20.7332 keV, 870.964 keV,
    // 825.404 keV; "Water" at 100 um: 1.11344 keV, 85.1138 keV, 83.8172 keV. 10.3 differs slightly
    // from the 10.4-10.7 converter reproduced here: agreement 0.8 %.
    const Material germanium(MaterialSpec{"Germanium", 5.323 * units::g_per_cm3, Kind::mass, {{"Ge", 1.0}}, {}});
    expect_values(thresholds(germanium, 1.0, g4_10), 20.7332, 870.964, 825.404, 8e-3, "Germanium 1 mm");
    const Material water(MaterialSpec{"Water", 1.0 * units::g_per_cm3, Kind::atoms, {{"H", 2}, {"O", 1}}, {}});
    expect_values(thresholds(water, 0.1, g4_10), 1.11344, 85.1138, 83.8172, 8e-3, "Water 100 um");
}

TEST(ProductionThresholds, LdmxDefaultsAndOrdering)
{
    // Default: 0.7 mm, Geant4 11 converter. Thresholds rise with Z and density; e+ < e-.
    const ProductionThresholds cuts;
    const auto w = cuts(nist("G4_W"));
    const auto si = cuts(nist("G4_Si"));
    EXPECT_GT(w.gamma, si.gamma);
    EXPECT_GT(w.electron, si.electron);
    EXPECT_LT(w.positron, w.electron);
    // The two converters agree to ~1 % (G4_W 0.7 mm).
    const auto w10 = thresholds(nist("G4_W"), 0.7, RangeCutAlgorithm::geant4_10);
    EXPECT_NEAR(w10.electron / w.electron, 1.0, 0.015);
    EXPECT_NEAR(w10.gamma / w.gamma, 1.0, 0.015);
}

TEST(ProductionThresholds, InvalidConfigThrows)
{
    ProductionThresholds::Config config;
    config.range_cut = 0;
    EXPECT_THROW(ProductionThresholds{config}, InputError);
    config = {};
    config.lowest_energy = 20.0 * units::GeV;
    EXPECT_THROW(ProductionThresholds{config}, InputError);
}
