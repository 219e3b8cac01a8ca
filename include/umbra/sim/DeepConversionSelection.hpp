#pragma once
//! \file
//! What makes an event a deep-conversion background event (docs/backgrounds.md): the
//! primary radiates a photon above min_photon_energy in the brem region, and that photon's
//! first interaction is a conversion at z ≥ conversion_z_min inside the conversion region.
//! Shared by the direct method (DeepConversionBiasing) and brute force (DeepConversionFilter).
#include <span>
#include <string>

#include "umbra/sim/ProcessId.hpp"
#include "umbra/sim/Track.hpp"

namespace umbra::sim
{
struct DeepConversionSelection
{
    double min_photon_energy = 5010;  //!< kinetic energy of the hard photon [MeV]
    std::string brem_region = "target";
    double conversion_z_min = 350;    //!< lab z of the conversion vertex ≥ this [mm]
    std::string conversion_region = "ecal";
};

//! The first photon above the threshold that the primary electron radiates in the brem region,
//! tagged when the transport reports the bremsstrahlung, and recognised when the transport
//! starts it (the same kinetic energy and direction, bit for bit: nothing changes a secondary
//! between the two).
class HardBremPhoton
{
public:
    void reset() noexcept { tagged_ = false; }
    //! From SimulationObserver::on_interaction; `in_brem_region`: whether the parent is. True
    //! when this interaction made the hard photon (only the first one is tagged).
    bool tag(const Track& parent, ProcessId process, std::span<const Track> secondaries, double min_energy,
             bool in_brem_region) noexcept
    {
        if (tagged_ || !in_brem_region || parent.parent_id != 0 || parent.kind != ParticleKind::electron ||
            process != ProcessId::bremsstrahlung)
        {
            return false;
        }
        for (const auto& s : secondaries)
        {
            if (s.kind == ParticleKind::gamma && s.kinetic_energy >= min_energy)
            {
                tagged_ = true;
                energy_ = s.kinetic_energy;
                direction_ = s.direction;
                return true;
            }
        }
        return false;
    }
    bool tagged() const noexcept { return tagged_; }
    double energy() const noexcept { return energy_; }  //!< kinetic energy [MeV]
    //! Whether `track` is the tagged photon.
    bool is(const Track& track) const noexcept
    {
        return tagged_ && track.kind == ParticleKind::gamma && track.kinetic_energy == energy_ &&
               track.direction.x == direction_.x && track.direction.y == direction_.y &&
               track.direction.z == direction_.z;
    }

private:
    bool tagged_ = false;
    double energy_ = 0;  //!< [MeV]
    ThreeVector direction_;
};
}  // namespace umbra::sim
