#pragma once
//! \file
//! Dark bremsstrahlung e⁻ N → e⁻ N A' in the transport, as ldmx-sw runs G4DarkBreM for its
//! target dark-brem signal (reference ldmx-v14-detector.md §8.4, darkbrem.md §3–4):
//!
//! * **Cross-section**: G4DarkBreM's Weizsäcker–Williams Σ(T) of the region's materials
//!   (DarkBremCrossSectionTable), ε² included, zero below the threshold; only for the
//!   primary lepton (e⁻, or μ± with lepton = muon) inside the region (ldmx-sw biases the primary only), and with
//!   only_one_per_event (ldmx-sw's setting) none after the first dark brem.
//! * **Biasing**: the cross-section is multiplied by B (default LDMX's
//!   m_A'^max(2, log10 m_A')/ε² with m_A' in MeV: 10⁶ for 10 MeV, ε = 0.01). The event weight
//!   is the exact likelihood ratio of "first dark brem at optical depth τ":
//!   σ e^{−τ} / (B σ e^{−Bτ}) = e^{(B−1)τ}/B, τ = ∫ Σ ds along the primary's path in the
//!   region before the dark brem (summed step by step, as DeepConversionBiasing does for
//!   the hard brem). For B τ ≪ 1 this is 1/B, ldmx-sw's weight.
//! * **Kinematics**: the element is chosen by its share n_i σ_i; the recoil and the A' are
//!   drawn from the reference library and scaled to the electron's energy (LibrarySampler:
//!   ForwardOnly by default, CMScaling, none), rotated into the electron's direction. The
//!   electron continues with the recoil momentum (G4DarkBreM kills it and makes a new one
//!   with the same momentum; the physics is the same, only the track id differs). The A'
//!   leaves the detector invisibly: it is recorded in the truth record (PDG 622, creator
//!   DarkBrem, status 2) and not transported.
//! * **Decays** (decay = physical | flat, G4DarkBreM's FlatDecay): the A' decays to e⁺e⁻ at a
//!   distance along its momentum drawn from the exponential of its lab decay length for ε
//!   (physics::DarkParticle, vector) or uniformly in [decay_min, decay_max] (unweighted, as
//!   G4DarkBreM); the pair (isotropic in the A' rest frame) is transported from that vertex,
//!   recorded as the A''s daughters, and the event's decay_vertex_z is the vertex z. Only
//!   e⁺e⁻ is modelled, so decays need m_A' < 2 m_μ.
//! * **Filter** (ldmx-sw's TargetDarkBremFilter): when the primary leaves the region (or
//!   stops in it) without having made an A' of total energy ≥ min_aprime_energy there, the
//!   event is aborted at once (so rejected tries cost almost nothing); events that never
//!   made one are rejected at the end.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "umbra/darkbrem/LibrarySampler.hpp"
#include "umbra/darkbrem/WeizsackerWilliamsCrossSection.hpp"
#include "umbra/sim/DarkBremCrossSectionTable.hpp"
#include "umbra/sim/SimulationHooks.hpp"

namespace umbra::geometry
{
class DetectorGeometry;
}

namespace umbra::sim
{
enum class DarkBremLepton
{
    electron,
    muon,
};
DarkBremLepton parse_dark_brem_lepton(std::string_view name);

//! What the A' does after its emission.
enum class AprimeDecay
{
    none,      //!< invisible: leaves the detector
    physical,  //!< e⁺e⁻ at an exponential distance with the lab decay length for ε
    flat,      //!< e⁺e⁻ at a distance uniform in [decay_min, decay_max] (G4DarkBreM FlatDecay)
};
AprimeDecay parse_aprime_decay(std::string_view name);

class DarkBremProcess final : public ExtraProcess, public SimulationObserver
{
public:
    //! PDG id of the A' in the truth record (ldmx-sw's, G4DarkBreM's library default 622).
    static constexpr int aprime_pdg = 622;

    struct Config
    {
        std::filesystem::path library;    //!< directory of LHE/CSV files or one file (dark-brem-lib-gen, umbra library)
        //! The lepton that radiates: electron (e⁻, as G4DarkBreM attaches it to G4Electron) or
        //! muon (μ⁻ and μ⁺; the library must be a muon library, the WW integrals use m_μ).
        DarkBremLepton lepton = DarkBremLepton::electron;
        double aprime_mass = 10;          //!< m_A' [MeV]
        double epsilon = 0.01;            //!< kinetic mixing
        double threshold = 4000;          //!< minimum electron kinetic energy for a dark brem [MeV]
        darkbrem::WWMethod method = darkbrem::WWMethod::automatic;
        darkbrem::ScalingMethod scaling = darkbrem::ScalingMethod::forward_only;
        std::string region = "target";
        double bias = 0;                  //!< B; 0: LDMX's m_A'^max(2, log10 m_A')/ε²
        bool only_one_per_event = true;
        double beam_energy = 8000;        //!< top of the cross-section table [MeV] (×1.05 margin)
        double min_aprime_energy = 4000;  //!< TargetDarkBremFilter threshold on the A' total energy [MeV]
        AprimeDecay decay = AprimeDecay::none;
        double decay_min = 0;             //!< flat decays: distance range from the dark-brem vertex [mm]
        double decay_max = 0;
    };

    //! The run's shared parts: the library and the cross-section table.
    struct Shared
    {
        std::shared_ptr<const darkbrem::ReferenceLibrary> library;
        std::shared_ptr<const DarkBremCrossSectionTable> cross_sections;
    };
    //! Loads the library and tabulates the cross-sections (slow: seconds; `threads` share it).
    static Shared prepare(const geometry::DetectorGeometry& geometry, const Config& config, unsigned threads);
    //! LDMX's default bias for m_A' [MeV] and ε.
    static double ldmx_bias(double aprime_mass, double epsilon);

    DarkBremProcess(std::shared_ptr<const geometry::DetectorGeometry> geometry, Shared shared, Config config);

    const Config& config() const noexcept { return config_; }
    double bias() const noexcept { return bias_; }
    //! The current (last) event: whether a dark brem happened, its A' total energy [MeV] and
    //! the biasing weight e^{(B−1)τ}/B.
    bool happened() const noexcept { return happened_; }
    double aprime_energy() const noexcept { return aprime_energy_; }
    double incident_energy() const noexcept { return incident_energy_; }  //!< electron total energy [MeV]
    //! The A' decay vertex [mm] (NaN without a decay).
    const ThreeVector& decay_vertex() const noexcept { return decay_vertex_; }
    double weight() const noexcept { return weight_; }

    // ExtraProcess
    ProcessId id() const override { return ProcessId::dark_brem; }
    bool applies_to(ParticleKind kind) const override;
    double cross_section(const Track& track, int material) const override;
    void interact(Track& track, int material, std::vector<Track>& secondaries, RandomStream& rng) override;
    // SimulationObserver
    void begin_event(SimEvent& event) override;
    StepVerdict on_step(const StepRecord& step) override;
    bool end_event(SimEvent& event) override;

private:
    bool active(const Track& track, int volume) const noexcept;
    double lepton_mass() const noexcept;
    void decay(const ThreeVector& origin, double time, const ThreeVector& momentum, int aprime_row,
               std::vector<Track>& secondaries, RandomStream& rng);

    std::shared_ptr<const geometry::DetectorGeometry> geometry_;
    Shared shared_;
    Config config_;
    darkbrem::LibrarySampler sampler_;
    int region_ = -1;
    double bias_ = 1;
    // per event
    SimEvent* event_ = nullptr;
    double optical_depth_ = 0;
    bool happened_ = false;
    double aprime_energy_ = 0;
    double incident_energy_ = 0;
    ThreeVector decay_vertex_;
    double weight_ = 1;
};
}  // namespace umbra::sim
