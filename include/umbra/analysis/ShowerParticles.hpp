#pragma once
//! \file
//! ECal hits as massless pseudo-particles (alp-physics.md §5.1): one per hit i with
//! energy E_i, direction n_i = (r_i − O)/|r_i − O| seen from an apex O, and momentum
//! p_i = E_i n_i, as fastjet::PseudoJet(px, py, pz, E) with user_index = the hit's index.
//!
//! Apex choices (ShowerOrigin):
//!  - target: O = (0, 0, 0), the target centre where the ALP (or brem photon) is made;
//!  - truth_vertex: O = a point given per event (the true decay / conversion vertex);
//!  - shower_start: O = an estimate of where the shower starts, made from the hits alone
//!    (estimate_shower_start below):
//!      1. start layer ℓ₀ = the first layer with hits whose next layer also has hits (an
//!         isolated noise hit upstream does not start a shower; the e⁺e⁻ of a decay or
//!         conversion cross every following sensor layer); if no two consecutive layers
//!         have hits, the first hit layer;
//!      2. transverse position = the energy-weighted centroid (x, y) of the hits in layers
//!         ℓ₀ … ℓ₀ + start_layers − 1. Energy weighting is what makes it robust: for
//!         massless straight-line daughters of a vertex V the energy-weighted centroid in
//!         any plane z is r_T(V) + (P_T/E)(z − z_V), i.e. it lies on the parent's line of
//!         flight whatever the energy sharing and opening angle, so it sits within
//!         θ_parent × (z − z_V) (≲ 1 mm for forward showers) of the vertex;
//!      3. z = the z of layer ℓ₀ minus start_offset_mm (default 10 mm): the vertex lies
//!         in the absorber between the last empty sensor layer and ℓ₀; for a vertex
//!         uniformly distributed there the expected distance to ℓ₀ is half the sensor
//!         pitch (the 34 LDMX v14 Si layers span 247.4 … 769.1 mm, mean pitch 15.8 mm).
//!    Hits with energy ≤ 0 are ignored.
//!
//! A change of O along z is approximately a uniform rescaling of all angles (§5.1): ratios
//! (τ_21, D2, N2, z_g) are nearly independent of the choice, e₂, C2, widths, masses and
//! R_g scale with it.
#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "umbra/analysis/ShowerHit.hpp"

namespace fastjet
{
class PseudoJet;
}

namespace umbra::analysis
{
class JetConstituents;

enum class ShowerOrigin
{
    target,        //!< (0, 0, 0)
    truth_vertex,  //!< the per-event vertex passed to the call
    shower_start,  //!< estimated from the hits (ShowerParticles::estimate_shower_start)
};

//! "target", "truth_vertex", "shower_start".
std::string_view to_string(ShowerOrigin origin) noexcept;
//! Inverse of to_string; InputError naming the valid choices otherwise.
ShowerOrigin parse_shower_origin(std::string_view text);

//! Angle [rad] between two non-zero 3-vectors, atan2(|a × b|, a · b) (precise at small
//! angles, alp-physics.md §5.1).
double opening_angle(const std::array<double, 3>& a, const std::array<double, 3>& b) noexcept;
//! Same for the 3-momenta of two pseudo-jets.
double opening_angle(const fastjet::PseudoJet& a, const fastjet::PseudoJet& b) noexcept;

class ShowerParticles
{
public:
    struct Config
    {
        ShowerOrigin origin = ShowerOrigin::target;
        int start_layers = 3;          //!< hit layers averaged for the shower-start centroid
        double start_offset_mm = 10;   //!< shower-start apex this far upstream of layer ℓ₀ [mm]
    };

    ShowerParticles();
    //! Validates: start_layers ≥ 1, start_offset_mm finite and ≥ 0 (InputError).
    explicit ShowerParticles(Config config);

    const Config& config() const noexcept { return config_; }

    //! The apex O of this event for the configured origin. For shower_start, estimated from
    //! `hits`; NaN coordinates if no hit has energy > 0.
    LabPoint apex(std::span<const ShowerHit> hits, const LabPoint& truth_vertex) const;

    //! Append one pseudo-particle per hit to `out` (cleared first) seen from `apex`. Hits
    //! with energy ≤ 0, or exactly at the apex (no direction), give no particle. A
    //! non-finite hit coordinate or energy is an InputError.
    static void make(std::span<const ShowerHit> hits, const LabPoint& apex, std::vector<fastjet::PseudoJet>& out);

    //! The same particles as energies and unit directions (index = hit index), cleared first.
    static void make(std::span<const ShowerHit> hits, const LabPoint& apex, JetConstituents& out);

    //! apex() then make().
    std::vector<fastjet::PseudoJet> operator()(std::span<const ShowerHit> hits, const LabPoint& truth_vertex) const;

    //! The shower-start estimate described in the file comment.
    static LabPoint estimate_shower_start(std::span<const ShowerHit> hits, int start_layers, double start_offset_mm);

private:
    Config config_;
};
}  // namespace umbra::analysis
