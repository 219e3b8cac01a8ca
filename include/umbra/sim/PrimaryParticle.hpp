#pragma once
//! \file
//! One particle handed by a PrimarySource to the transport, with where it came
//! from for the truth record. Units: MeV, mm, ns (LHE's GeV is converted by
//! the source).

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "umbra/core/ThreeVector.hpp"

namespace umbra::sim
{
//! Which kind of source made a primary.
enum class PrimaryOrigin
{
    beam,  //!< BeamSource
    gun,   //!< ParticleGunSource
    lhe,   //!< LheSource
};

struct PrimaryParticle
{
    int pdg = 0;                //!< PDG id
    ThreeVector position;       //!< start point [mm]
    ThreeVector momentum;       //!< [MeV]
    double time = 0;            //!< start time [ns] (t = 0 when the beam reaches z = 0)
    double mass = 0;            //!< rest mass used for the energy [MeV]
    //! Weight of the generator event this particle belongs to (LHE XWGTUP of
    //! its input file; 1 for the beam and the gun).
    double weight = 1;

    // --- truth record ---
    PrimaryOrigin origin = PrimaryOrigin::gun;
    //! LHE ISTUP of the particle (always 1 for fired LHE particles); 1 for beam
    //! and gun primaries (ldmx-sw gives gun primaries HepEvt status 1 too).
    int generator_status = 1;
    int input_index = -1;     //!< LHE: index of the input file in the source's list; -1 otherwise
    int particle_index = 0;   //!< LHE: 1-based position in its event (MOTHUP numbering); 0 otherwise
    int mother_index = 0;     //!< LHE: MOTHUP(1) (1-based, 0 = none); 0 otherwise

    double momentum_magnitude() const noexcept { return momentum.mag(); }
    //! Total energy [MeV]
    double total_energy() const noexcept { return std::sqrt(momentum.mag2() + mass * mass); }
    //! Kinetic energy [MeV], computed without cancellation: p^2 / (E + m).
    double kinetic_energy() const noexcept
    {
        const double p2 = momentum.mag2();
        return p2 / (std::sqrt(p2 + mass * mass) + mass);
    }
    //! Unit vector along the momentum (zero for a particle at rest).
    ThreeVector direction() const noexcept { return momentum.unit(); }
};

//! PDG id of a particle given by Geant4-style name ("e-", "e+", "gamma",
//! "mu-", "mu+"; also "electron", "positron", "photon"); empty if unknown.
std::optional<int> pdg_from_name(std::string_view name);

//! Geant4-style name of a PDG id ("e-" ...), or the number as text if not one of the above.
std::string particle_name(int pdg);

//! PDG mass [MeV] of the particles the transport handles (e, mu, gamma; PDG 2024
//! via umbra::constants); empty for other ids.
std::optional<double> particle_mass(int pdg);

//! Momentum magnitude [MeV] of a particle of rest mass `mass` [MeV] with
//! kinetic energy `kinetic_energy` [MeV]: p = sqrt(T (T + 2m)).
inline double momentum_from_kinetic_energy(double kinetic_energy, double mass) noexcept
{
    return std::sqrt(kinetic_energy * (kinetic_energy + 2 * mass));
}
}  // namespace umbra::sim
