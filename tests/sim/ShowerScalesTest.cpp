#include "umbra/sim/ShowerScales.hpp"

#include <gtest/gtest.h>

#include "umbra/core/Units.hpp"

using namespace umbra;
using namespace umbra::geometry;
using namespace umbra::sim;

namespace
{
ShowerScales scales(const char* name) { return ShowerScales(Material(*nist_material_spec(name))); }
}  // namespace

TEST(ShowerScales, ScaleEnergy)
{
    // PDG eq. 34.37: E_s = m_e c^2 sqrt(4 pi / alpha) = 21.2052 MeV.
    EXPECT_NEAR(ShowerScales::scale_energy() / units::MeV, 21.2052, 1e-4);
}

TEST(ShowerScales, CriticalEnergyAndMoliereRadiusMatchPdg)
{
    // PDG "Atomic and nuclear properties of materials": critical energy for e- (Rossi
    // definition) [MeV] and Moliere radius [mm]. Values quoted from the PDG tables (not
    // re-verified in this session: the search corpora hold no copy). Tolerance 2 % (brief);
    // achieved <= 0.1 % for the solids below.
    struct Case
    {
        const char* name;
        double critical_energy;
        double moliere_radius;
    };
    for (const Case& c : {Case{"G4_W", 7.97, 9.327}, Case{"G4_Si", 40.19, 49.44}, Case{"G4_Cu", 19.42, 15.68},
                          Case{"G4_Pb", 7.43, 16.02}, Case{"G4_Fe", 21.68, 17.19}})
    {
        const ShowerScales s = scales(c.name);
        EXPECT_NEAR(s.critical_energy() / units::MeV, c.critical_energy, 0.02 * c.critical_energy) << c.name;
        EXPECT_NEAR(s.moliere_radius() / units::mm, c.moliere_radius, 0.02 * c.moliere_radius) << c.name;
        EXPECT_NEAR(s.critical_energy() / units::MeV, c.critical_energy, 0.002 * c.critical_energy)
            << c.name << " (achieved)";
    }
    // Air (PDG 87.92 MeV) and water (PDG 78.33 MeV, computed there with I = 79.7 eV; umbra uses
    // Geant4's 78 eV; Geant4 TestEm0 prints 78.77 MeV for its "Water", TestEm0.out of Geant4 10.3).
    EXPECT_NEAR(scales("G4_AIR").critical_energy(), 87.92, 0.02 * 87.92);
    EXPECT_NEAR(scales("G4_WATER").critical_energy(), 78.33, 0.02 * 78.33);
    EXPECT_NEAR(scales("G4_WATER").critical_energy(), 78.7732, 0.005 * 78.7732);
}

TEST(ShowerScales, PdgFitIsAFewPercentAway)
{
    // PDG Fig. 34.14 fits: 610/(Z+1.24) MeV (solids), 710/(Z+0.92) MeV (gases); the fit itself
    // is quoted as good to a few per cent, so compare to the Rossi values at 5 %.
    for (const char* name : {"G4_W", "G4_Si", "G4_Cu", "G4_Pb", "G4_Al"})
    {
        const Material m(*nist_material_spec(name));
        EXPECT_NEAR(ShowerScales::critical_energy_pdg_fit(m) / ShowerScales(m).critical_energy(), 1.0, 0.05) << name;
    }
    const Material argon(*nist_material_spec("G4_Ar"));
    EXPECT_NEAR(ShowerScales::critical_energy_pdg_fit(argon), 710.0 / 18.92, 1e-9);
}
