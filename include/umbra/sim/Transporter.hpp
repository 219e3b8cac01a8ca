#pragma once
//! \file
//! The condensed-history transport of e±, γ and μ± through a DetectorGeometry:
//! one Transporter per thread (State), sharing the immutable geometry, physics
//! tables and readout (Params). simulate() runs one event from its primaries.
//!
//! Stepping (Geant4 Physics Reference Manual, "Tracking" and "Electromagnetic
//! physics: general features"):
//!  - discrete processes by the number of mean free paths left; for charged
//!    particles the "integral approach": sample with the largest cross-section
//!    over the energies the step can reach, accept with σ(E_post)/σ_max;
//!  - continuous energy loss from the restricted dE/dx and range tables, the
//!    step limited by the step function (dRoverRange 0.2, finalRange 1 mm for e±,
//!    0.1 mm for μ±: Geant4's defaults), loss fluctuations (Urban model);
//!  - multiple scattering (Urban, UseSafety step limit), true ↔ geometric path;
//!  - exact boundary crossing on the prism geometry; helix steps in the uniform
//!    field regions, with the chord kept within `field_miss_distance` of the arc;
//!  - particles below the tracking cut deposit their energy where they stop
//!    (positrons annihilate at rest into two 511 keV photons).
#include <memory>
#include <vector>

#include "umbra/core/RandomStream.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/geometry/EcalHexReadout.hpp"
#include "umbra/sim/EnergyLossFluctuation.hpp"
#include "umbra/sim/PhotonMajorant.hpp"
#include "umbra/sim/PhysicsTables.hpp"
#include "umbra/sim/PrimaryParticle.hpp"
#include "umbra/sim/SimEvent.hpp"
#include "umbra/sim/SimulationHooks.hpp"
#include "umbra/sim/Track.hpp"

namespace umbra::sim
{
struct TransportConfig
{
    //! Secondaries created with at least this kinetic energy go to the truth record [MeV].
    double truth_energy_threshold = 100.0;
    //! e± step function (Geant4 default SetStepFunction(0.2, 1 mm)).
    double electron_dr_over_range = 0.2;
    double electron_final_range = 1.0;  //!< [mm]
    //! μ± step function (Geant4 default SetStepFunctionMuHad(0.2, 0.1 mm)).
    double muon_dr_over_range = 0.2;
    double muon_final_range = 0.1;  //!< [mm]
    //! Steps shorter than this fraction of the range use dE/dx × step (Geant4 linLossLimit).
    double linear_loss_limit = 0.01;
    //! Range rejection: e+- below this kinetic energy whose range is shorter than the distance
    //! to any boundary of a non-sensitive volume stop at once [MeV]. 0 (default) = off, as Geant4.
    double range_rejection_energy = 0.0;
    //! Record scoring-plane crossings of particles with at least this kinetic energy [MeV].
    double scoring_energy_threshold = 0.0;
    //! Largest distance between a helix and its chord in a magnetic field [mm] (Geant4 default 0.25).
    double field_miss_distance = 0.25;
    bool multiple_scattering = true;
    bool loss_fluctuations = true;
    //! Woodcock tracking of photons above 1 MeV inside the calorimeters (exact; PhotonMajorant).
    bool photon_delta_tracking = true;
    //! Stop transporting particles that leave these regions (none by default).
    std::uint64_t max_steps_per_track = 10'000'000;

    void validate() const;
};

class Transporter
{
public:
    Transporter(std::shared_ptr<const geometry::DetectorGeometry> geometry, std::shared_ptr<const PhysicsTables> tables,
                std::shared_ptr<const geometry::EcalHexReadout> readout, TransportConfig config = {});

    //! Add a discrete process (photonuclear, dark brem, ...) sampled with the EM processes.
    void add_process(std::shared_ptr<ExtraProcess> process);
    //! Add an observer (filter, biasing bookkeeping, custom scoring).
    void add_observer(std::shared_ptr<SimulationObserver> observer);

    //! Transport one event. `rng` is the event's own stream.
    SimEvent simulate(std::uint64_t event, const std::vector<PrimaryParticle>& primaries, RandomStream& rng);

    const TransportConfig& config() const noexcept { return config_; }

private:
    struct Secondaries;
    void transport(Track track, RandomStream& rng);
    void transport_photon(Track& track, RandomStream& rng);
    //! Woodcock flights inside `region` while the photon is above the majorant's range;
    //! returns false when the photon is gone (absorbed, killed, event aborted).
    bool delta_track_photon(Track& track, int region, RandomStream& rng);
    void transport_charged(Track& track, RandomStream& rng);
    //! Discrete interaction of a charged particle or photon at its current position.
    void interact(Track& track, ProcessId process, int material, RandomStream& rng);
    void push_secondary(const Track& parent, Track secondary, ProcessId process);
    void deposit(const Track& track, double energy, const ThreeVector& where);
    ProcessId choose_process(const Track& track, int material, double u) const;
    double extra_cross_section(const Track& track, int material) const;
    //! Record the scoring planes crossed by the straight segment pre_position -> track.position.
    void score_crossings(const Track& track, const ThreeVector& pre_position, double pre_energy, double pre_time);
    StepVerdict notify_step(const Track& track, const ThreeVector& pre_position, double pre_energy, int pre_volume,
                            double deposit, ProcessId process, double step_length);
    //! Offer a track to the observers' on_track_start(); true if one took it over (its
    //! replacements are then on the stack).
    bool take_over(const Track& track, RandomStream& rng);

    std::shared_ptr<const geometry::DetectorGeometry> geometry_;
    std::shared_ptr<const PhysicsTables> tables_;
    std::shared_ptr<const geometry::EcalHexReadout> readout_;
    TransportConfig config_;
    EnergyLossFluctuation fluctuation_;
    PhotonMajorant majorant_;
    std::vector<std::shared_ptr<ExtraProcess>> processes_;
    std::vector<std::shared_ptr<SimulationObserver>> observers_;

    // Per-event state.
    SimEvent* event_ = nullptr;
    std::vector<Track> stack_;
    std::vector<Track> scratch_;
    std::vector<Track> replacements_;           //!< on_track_start() output
    mutable ExtraProcess* chosen_extra_ = nullptr;  //!< set by choose_process() when an extra process won
    int next_track_id_ = 1;
    double pre_time_ = 0;  //!< time at the start of the current step [ns] (scoring)
    bool abort_event_ = false;
    std::vector<int> ecal_hit_index_;  //!< dense EcalId → row in event_->ecal_hits (or -1)
    std::vector<int> ecal_touched_;    //!< dense indices to reset after the event
};
}  // namespace umbra::sim
