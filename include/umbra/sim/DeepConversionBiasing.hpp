#pragma once
//! \file
//! Direct sampling of the deep-conversion background of the displaced-ALP search: a beam
//! electron radiates a hard photon (k ≥ k_min) in the target, and that photon's first
//! interaction is a conversion deep in the ECal (z ≥ z_min). ldmx-sw makes this sample by
//! brute force (ecal.deep_photo_nuclear configured for conversions: ~10⁵ tries per kept
//! event, reference §8.3); here every event has it, with the weight that makes the weighted
//! sample equal to the unbiased one.
//!
//! 1. Hard bremsstrahlung in the target, biased. While the primary electron is in the
//!    brem region and has not yet radiated a photon above k_min, an extra process with
//!    cross-section (B − 1) σ_h(E) runs beside the built-in bremsstrahlung, so hard photons
//!    come at B σ_h (σ_h = Σ_i n_i σ_i^brem(k > k_min), the built-in model's own DCS). The
//!    likelihood ratio of "first hard photon at path length s" is
//!    σ_h e^{−τ(s)} / (B σ_h e^{−B τ(s)}) = e^{(B−1) τ(s)} / B, τ(s) = ∫₀ˢ σ_h, exact
//!    whichever process made the photon; τ is summed step by step (σ_h at the mean of the
//!    step's end energies, which differ by < 10⁻³ at GeV in the 0.35 mm target). After the
//!    first hard photon everything is unbiased again. B = 0 in the configuration picks
//!    B = 3 / τ_target(E_beam), so ≈ 95 % of primaries radiate.
//! 2. Forced conversion of that photon (ForcedInteraction): it is taken over before it is
//!    transported; its first interaction is forced to be a conversion inside the window
//!    (z ≥ z_min, in the conversion region), with weight P = probability of exactly that,
//!    and the pair (GammaConversion, element chosen as the tables do) is transported from
//!    the vertex. The photon's straight path to the vertex is scored on the scoring planes.
//! Event weight: generator weight × e^{(B−1)τ}/B × P. Events where the primary radiates no
//! hard photon in the target, or the window is out of the photon's reach, are rejected.
#include <memory>
#include <string>

#include "umbra/sim/DeepConversionSelection.hpp"
#include "umbra/sim/ForcedInteraction.hpp"
#include "umbra/sim/SimulationHooks.hpp"

namespace umbra::geometry
{
class DetectorGeometry;
}

namespace umbra::sim
{
class PhysicsTables;

class DeepConversionBiasing final : public ExtraProcess, public SimulationObserver
{
public:
    struct Config
    {
        DeepConversionSelection selection;
        double brem_bias = 0;       //!< B; 0: automatic (3 / τ_target at beam_energy)
        double beam_energy = 8000;  //!< for the automatic B [MeV]
    };

    //! Throws InputError for unknown regions, k_min ≤ 0 or a window outside the detector.
    DeepConversionBiasing(std::shared_ptr<const geometry::DetectorGeometry> geometry,
                          std::shared_ptr<const PhysicsTables> tables, Config config);

    const Config& config() const noexcept { return config_; }
    double bias() const noexcept { return bias_; }
    //! σ_h [1/mm] for an electron of kinetic energy T in `material`.
    double hard_brem_cross_section(int material, double kinetic_energy) const;

    //! The current (last) event: whether the primary radiated the hard photon in the brem
    //! region, its weight e^{(B−1)τ}/B, and the photon's kinetic energy [MeV].
    bool radiated() const noexcept { return photon_.tagged(); }
    double brem_weight() const noexcept { return brem_weight_; }
    double photon_energy() const noexcept { return photon_.energy(); }
    //! The forced conversion of the current event: vertex z [mm] and e+e- opening angle [rad].
    double conversion_vertex_z() const noexcept { return vertex_z_; }
    double opening_angle() const noexcept { return opening_angle_; }

    // ExtraProcess
    ProcessId id() const override { return ProcessId::bremsstrahlung; }
    bool applies_to(ParticleKind kind) const override { return kind == ParticleKind::electron; }
    double cross_section(const Track& track, int material) const override;
    void interact(Track& track, int material, std::vector<Track>& secondaries, RandomStream& rng) override;

    // SimulationObserver
    void begin_event(SimEvent& event) override;
    bool on_track_start(const Track& track, std::vector<Track>& replacements, RandomStream& rng) override;
    StepVerdict on_step(const StepRecord& step) override;
    StepVerdict on_interaction(const Track& parent, ProcessId process, std::span<const Track> secondaries) override;
    bool end_event(SimEvent& event) override;

private:
    bool biasing(const Track& track) const noexcept;

    std::shared_ptr<const geometry::DetectorGeometry> geometry_;
    std::shared_ptr<const PhysicsTables> tables_;
    Config config_;
    ForcedInteraction forced_;
    int brem_region_ = -1;
    int conversion_region_ = -1;
    double bias_ = 1;

    // Per-event state.
    double optical_depth_ = 0;  //!< τ of the primary so far [1]
    HardBremPhoton photon_;     //!< the hard photon, once made
    bool converted_ = false;    //!< and forced to convert
    double brem_weight_ = 1;
    double conversion_weight_ = 1;
    double vertex_z_ = 0;       //!< [mm]
    double opening_angle_ = 0;  //!< [rad]
};
}  // namespace umbra::sim
