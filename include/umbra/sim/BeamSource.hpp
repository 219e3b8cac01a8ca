#pragma once
//! \file
//! The LDMX beam: one particle per event from a fixed gun, its start point
//! smeared by a flat beam spot, as ldmx-sw's ParticleGun + beam-spot smearing
//! (SimCore/src/SimCore/Generators/ParticleGun.cxx, PrimaryGenerator.cxx).
//!
//!   auto source = BeamSource(BeamSource::preset("ldmx-8gev-upstream-tagger"));
//!   auto rng = make_primary_stream(seed, event);
//!   auto primaries = source.primaries(event, rng);
//!
//! Presets reproduce the ldmx-sw guns of SimCore/python/generators.py
//! (shared/reference/ldmx-v14-detector.md §1): the "upstream tagger" guns start
//! at z = -883 mm with the direction that the magnet bends onto (0, 0, 0).

#include <string>
#include <string_view>
#include <vector>

#include "umbra/core/ThreeVector.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/sim/PrimarySource.hpp"

namespace umbra::sim
{
class BeamSource final : public PrimarySource
{
public:
    struct Config
    {
        std::string name = "ldmx-8gev-upstream-tagger";  //!< label for describe()
        int pdg = 11;                                     //!< e-, e+, gamma, mu- or mu+
        //! Kinetic energy [MeV] (ldmx-sw's gun `energy` is G4ParticleGun's kinetic energy).
        double kinetic_energy = 8 * units::GeV;
        ThreeVector position{-21.745876, 0, -883.0};  //!< gun position before smearing [mm]
        //! Direction (normalised by the constructor); default: the 8 GeV gun's
        //! momentum (388.55154, 0, 7991.0703) of generators.py -> (0.0485658, 0, 0.9988200).
        ThreeVector direction{388.55154, 0, 7991.0703};
        //! Full widths of the flat beam spot [mm]: the start point moves by
        //! width * (U - 0.5) in x, y, z (ldmx-sw PrimaryGenerator::smearBeamspot);
        //! beamSpotSmear = [20, 80, 0] in all standard LDMX samples.
        ThreeVector beam_spot_width{20, 80, 0};
        double time = 0;          //!< gun time before the shift [ns]
        bool time_shift = true;   //!< add z / time_shift_speed to the time (ldmx-sw default)
    };

    //! Validates the configuration (InputError: unknown particle, energy <= 0,
    //! zero direction, negative width).
    explicit BeamSource(Config config);

    //! The named presets (ldmx-sw guns, generators.py):
    //!  - "ldmx-8gev-upstream-tagger"    single_8gev_e_upstream_tagger
    //!  - "ldmx-4gev-upstream-tagger"    single_4gev_e_upstream_tagger
    //!  - "ldmx-1pt2gev-upstream-tagger" single_1pt2gev_e_upstream_tagger
    //!  - "ldmx-4gev-upstream-target"    single_4gev_e_upstream_target
    //! all with the standard beam spot [20, 80, 0] mm and the time shift on.
    //! Throws InputError for an unknown name (listing the known ones).
    static Config preset(std::string_view name);
    static std::vector<std::string> preset_names();

    //! One primary: draws exactly three uniforms (x, y, z smear), in that order.
    std::vector<PrimaryParticle> primaries(std::uint64_t event, RandomStream& rng) override;
    std::string describe() const override;

    const Config& config() const noexcept { return config_; }

private:
    Config config_;  //!< direction normalised
    double mass_ = 0;      //!< [MeV]
    double momentum_ = 0;  //!< [MeV]
};
}  // namespace umbra::sim
