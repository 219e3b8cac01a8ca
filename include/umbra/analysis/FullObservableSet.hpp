#pragma once
//! \file
//! `umbra observables --set full`: the 3-D jet-substructure observables of one event
//! (alp-physics.md §5), as a flat row of doubles in a fixed, named order.
//!
//! Per event:
//!  1. hits → massless pseudo-particles seen from `clustering_origin` (ShowerParticles);
//!  2. inclusive jets with `jets` (default: e⁺e⁻ anti-kt-like ee_genkt, p = −1,
//!     R = 0.2 rad, E-scheme), with JetClustering's (FastJet's) definitions, run by the
//!     built-in clusterer unless fastjet_clustering; n_jets counts jets with
//!     E ≥ min_jet_energy_MeV;
//!  3. the leading (highest-energy) jet's hits, in hit order, become particles again, seen
//!     from `origin` (for shower_start the start is estimated from the leading jet's hits,
//!     so that a recoil-electron shower elsewhere in the ECal does not pull it; if
//!     clustering_origin equals origin the apex of step 1 is kept). All substructure uses
//!     these particles, in e⁺e⁻ measures (energies, 3-D angles);
//!  4. event shower shapes from all hits (ShowerShapes).
//!
//! Columns (names(), units()):
//!  - n_hits, total_energy [MeV], n_jets, jet2_energy [MeV] (0 if one jet);
//!  - jet1_energy [MeV], jet1_energy_fraction (of total_energy), jet1_n_constituents,
//!    jet1_mass [MeV] (E² − |p|²), jet1_width [rad] (Σ E θ / Σ E about the WTA axis);
//!  - tau{1,2,3,21,32}_b{1,2}_{kt,wta}: N-subjettiness (NSubjettiness) with exclusive
//!    Durham axes, E-scheme (kt) or winner-take-all (wta), β = 1, 2; normalised by
//!    Σ E R^β unless normalise_tau is false;
//!  - {e2,e3,c2,d2,n2}_b{1,2}: energy correlators (EnergyCorrelators), β = 1, 2;
//!  - lambda_1_0p5, lambda_1_1, lambda_1_2, lambda_2_0: λ^κ_β (GeneralisedAngularity)
//!    about the WTA axis with the jet R (λ¹₁ = width/R, λ²₀ = (p_T^D)²);
//!  - sd_mass [MeV], sd_energy [MeV], sd_zg, sd_rg [rad], sd_n_constituents: soft drop
//!    (SoftDropGroomer) with z_cut, β and R₀ = R;
//!  - theta12 [rad], z12, y12: exclusive-2 Durham subjets (TwoProngSplitting, E_vis = the
//!    leading jet's energy);
//!  - shower_rms_r, shower_z_mean, shower_z_rms [mm], n_hit_layers, first_hit_layer,
//!    last_hit_layer (ShowerShapes, all hits).
//!
//! Why R = 0.2 rad by default: seen from the target, LDMX ECal hits lie at z ≈ 247–770 mm.
//! The 68 % containment radius of an electron shower is 11–15 mm in the first layers and
//! 20–50 mm around shower maximum (ldmx-sw RoC_v14_8gev table, data/ecal), so a cone of
//! 0.2 rad (≈ 50 mm at the ECal face, 70 mm at z = 350 mm, 90 mm at 450 mm) holds ≳ 2
//! containment radii of the photon/ALP shower, including both prongs of a decay (their
//! separation seen from the target is ≲ 0.06 rad), while a recoil-electron shower more than
//! ≈ 0.2 rad away stays a separate jet (R = 0.4 would merge it far more often). With
//! origin = truth_vertex or shower_start the angles are several times larger: keep jet
//! finding from the target (clustering_origin, the default) or raise R.
//!
//! Undefined values are NaN: with no hit of positive energy everything except n_hits,
//! total_energy, n_jets (0) and n_hit_layers (0); ratios whose denominator is 0
//! (e.g. τ₂₁ of a one-particle jet, C2 with e₂ = 0); θ₁₂, z₁₂, y₁₂ of a one-particle
//! jet. τ_N of a jet with fewer than N particles is 0 (fjcontrib's convention), soft drop
//! that grooms down to one particle gives z_g = R_g = 0 and mass 0.
//!
//! Thread-safe: compute() is const and keeps its scratch buffers thread_local.
#include <span>
#include <string>
#include <vector>

#include "umbra/analysis/EnergyCorrelators.hpp"
#include "umbra/analysis/JetClustering.hpp"
#include "umbra/analysis/ShowerHit.hpp"
#include "umbra/analysis/ShowerParticles.hpp"
#include "umbra/analysis/SoftDropGroomer.hpp"
#include "umbra/analysis/detail/EeClusterer.hpp"

namespace umbra::analysis
{
struct FullObservableConfig
{
    ShowerOrigin origin = ShowerOrigin::target;             //!< apex of the substructure directions
    ShowerOrigin clustering_origin = ShowerOrigin::target;  //!< apex of the jet finding
    int start_layers = 3;          //!< shower_start estimate: layers in the centroid
    double start_offset_mm = 10;   //!< shower_start estimate: apex upstream of the first layer [mm]
    JetClustering::Config jets{};  //!< ee_genkt, p = −1, R = 0.2 rad, E-scheme
    double min_jet_energy_MeV = 100;  //!< jets counted in n_jets [MeV]
    double soft_drop_z_cut = 0.1;
    double soft_drop_beta = 0;
    bool normalise_tau = true;  //!< τ_N / Σ E_i R^β (dimensionless) instead of MeV·rad^β
    //! Find the jets with libfastjet (JetClustering) instead of the built-in e⁺e⁻ clusterer.
    //! Both give the same jets (EeClustererTest, FullObservableSetTest); the built-in one is
    //! about 4× faster for 100 hits. For cross-checks.
    bool fastjet_clustering = false;
};

class FullObservableSet
{
public:
    FullObservableSet();
    //! Validates every part (InputError with the offending parameter).
    explicit FullObservableSet(FullObservableConfig config);

    const FullObservableConfig& config() const noexcept { return config_; }

    //! Observable names, fixed order, snake_case, unique.
    const std::vector<std::string>& names() const noexcept;
    //! Unit of each observable ("MeV", "mm", "rad", "" for dimensionless and counts).
    const std::vector<std::string>& units() const noexcept;

    //! Every observable of the event into out (out.size() == names().size(), else
    //! InputError). truth_vertex [mm] is only read for origin truth_vertex. A hit with a
    //! non-finite position or energy is an InputError; hits with energy ≤ 0 are ignored.
    void compute(std::span<const ShowerHit> hits, const LabPoint& truth_vertex, std::span<double> out) const;

private:
    FullObservableConfig config_;
    ShowerParticles clustering_particles_;
    ShowerParticles jet_particles_;
    JetClustering clustering_;
    detail::EeClusterer::Config inclusive_;
    EnergyCorrelators correlators_;
    SoftDropGroomer soft_drop_;
};
}  // namespace umbra::analysis
