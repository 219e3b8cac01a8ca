#pragma once
//! \file
//! A particle gun for validation studies (e.g. single electrons into a W
//! block): `count` particles per event of one species, with a fixed or flat
//! kinetic-energy range, a start point with an optional flat spread and a
//! direction with an optional cone spread.

#include <optional>
#include <string>

#include "umbra/core/ThreeVector.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/sim/PrimarySource.hpp"

namespace umbra::sim
{
class ParticleGunSource final : public PrimarySource
{
public:
    struct Config
    {
        int pdg = 11;  //!< e-, e+, gamma, mu- or mu+
        //! Kinetic energy [MeV]; with max_kinetic_energy, the lower end of a flat range.
        double kinetic_energy = 4 * units::GeV;
        //! Upper end of a flat kinetic-energy range [MeV]; empty: fixed energy.
        std::optional<double> max_kinetic_energy;
        ThreeVector position{0, 0, 0};   //!< start point [mm]
        ThreeVector direction{0, 0, 1};  //!< normalised by the constructor
        //! Full widths of a flat spread of the start point [mm] (width * (U - 0.5), as the beam spot).
        ThreeVector position_spread{0, 0, 0};
        //! Half-angle of a cone around `direction` inside which directions are
        //! drawn uniformly in solid angle [rad]; 0: no spread.
        double angular_spread = 0;
        int count = 1;            //!< particles per event (each drawn independently)
        double time = 0;          //!< [ns] before the shift
        bool time_shift = true;   //!< add z / time_shift_speed (ldmx-sw convention, t = 0 at z = 0)
    };

    //! Validates the configuration (InputError with "problem (why) suggestion").
    explicit ParticleGunSource(Config config);

    //! `count` primaries; each draws exactly six uniforms: energy, x, y, z,
    //! cos(theta), phi (so streams stay aligned whatever is switched on).
    std::vector<PrimaryParticle> primaries(std::uint64_t event, RandomStream& rng) override;
    std::string describe() const override;

    const Config& config() const noexcept { return config_; }

private:
    Config config_;
    double mass_ = 0;  //!< [MeV]
};
}  // namespace umbra::sim
