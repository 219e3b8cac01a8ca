#pragma once
//! \file
//! Incoherent (Compton) scattering of a photon on the electrons of one atom,
//! as Geant4's standard model G4KleinNishinaCompton (Geant4 Physics Reference
//! Manual (PRM), "Gamma incident" > "Compton scattering"):
//!
//!  * cross-section per atom: the empirical formula of the PRM (Storm & Israel
//!    / Hubbell data fitted for 10 keV - 100 GeV; PRM quotes 10 % accuracy at
//!    10-20 keV, <= 5-6 % above 20 keV):
//!      sigma(Z, E) = P1(Z) ln(1 + 2X)/X + [P2(Z) + P3(Z) X + P4(Z) X^2]
//!                    / [1 + a X + b X^2 + c X^3],     X = E / m_e c^2,
//!    Pi(Z) = Z (d_i + e_i Z + f_i Z^2), with Geant4's low-energy extrapolation
//!    below T0 = 15 keV (40 keV for hydrogen);
//!  * final state: the Klein-Nishina DCS (O. Klein, Y. Nishina, Z. Phys. 52
//!    (1929) 853) for a free electron at rest, sampled by the Butcher & Messel
//!    composition-rejection method (J.C. Butcher, H. Messel, Nucl. Phys. 20
//!    (1960) 15; PRM "Compton scattering" > "Sampling the final state"):
//!    epsilon = k'/E from f1 ~ 1/epsilon on [eps0, 1] or f2 ~ epsilon,
//!    accepted with g = 1 - epsilon sin^2(theta) / (1 + epsilon^2).
//!
//! Binding effects and Doppler broadening are ignored in the final state, as
//! in G4KleinNishinaCompton. The electron direction follows from momentum
//! conservation. Secondaries below `Config::lowest_secondary_energy` (Geant4:
//! 100 eV) are not produced; their energy is reported as locally deposited.
//!
//!   const ComptonScattering compton;
//!   double sigma = compton.cross_section_per_atom(1 * units::MeV, 74);  // [mm^2]
//!   ComptonFinalState fs = compton.sample(1 * units::MeV, direction, rng);

#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/sim/ThreeVector.hpp"

namespace umbra::sim
{
//! One sampled Compton event; directions in the frame of the `direction` passed
//! to sample() (pass {0, 0, 1} for the frame in which the photon moves along z).
struct ComptonFinalState
{
    double photon_energy = 0;            //!< scattered photon energy k' [MeV]; 0 if absorbed
    ThreeVector photon_direction;        //!< unit vector (zero if the photon was absorbed)
    double photon_cos_theta = 1;         //!< cos of the photon scattering angle [1]
    double electron_kinetic_energy = 0;  //!< recoil electron T = E - k' [MeV]; 0 if not produced
    ThreeVector electron_direction;      //!< unit vector (zero if not produced)
    double deposited_energy = 0;         //!< energy of secondaries below threshold [MeV]
};

class ComptonScattering
{
public:
    struct Config
    {
        //! Secondaries (photon or electron) below this are deposited locally
        //! (G4KleinNishinaCompton's lowestSecondaryEnergy) [MeV].
        double lowest_secondary_energy = 100 * units::eV;

        //! Throws InputError unless lowest_secondary_energy is finite and >= 0.
        void validate() const;
    };

    ComptonScattering() = default;
    explicit ComptonScattering(const Config& config);

    //! Empirical cross-section per atom (PRM formula; file comment) [mm^2];
    //! 0 for E <= 0. `atomic_number` may be fractional (effective Z).
    double cross_section_per_atom(double photon_energy, double atomic_number) const noexcept;

    //! Klein-Nishina total cross-section per free electron (Heitler, "The
    //! Quantum Theory of Radiation" (1954) eq. 22.9; PDG review "Passage of
    //! particles through matter") [mm^2].
    static double klein_nishina_cross_section(double photon_energy) noexcept;

    //! Samples epsilon = k'/E from the Klein-Nishina DCS (Butcher & Messel).
    static double sample_energy_fraction(double photon_energy, RandomStream& rng) noexcept;

    //! A full final state for incident energy E > 0 along the unit vector `direction`.
    ComptonFinalState sample(double photon_energy, const ThreeVector& direction,
                             RandomStream& rng) const noexcept;

    const Config& config() const noexcept { return config_; }

private:
    Config config_;
};
}  // namespace umbra::sim
