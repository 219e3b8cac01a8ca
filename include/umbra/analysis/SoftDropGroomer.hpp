#pragma once
//! \file
//! Soft drop (Larkoski, Marzani, Soyez, Thaler, arXiv:1402.2657) in e⁺e⁻ form,
//! alp-physics.md §5.6, following fjcontrib RecursiveTools' SoftDrop with the theta_E
//! symmetry measure and energy-ordered recursion:
//!  1. recluster the jet's particles with Cambridge/Aachen (ee_genkt, p = 0, one jet,
//!     E-scheme), i.e. angular ordering in 3-D angles;
//!  2. undo the last merging j → j₁ + j₂; if
//!        min(E₁, E₂)/(E₁ + E₂) > z_cut (θ₁₂/R₀)^β
//!     stop: the groomed jet is j, z_g = min(E₁, E₂)/(E₁ + E₂), R_g = θ₁₂;
//!     otherwise drop the lower-energy branch and repeat on the higher-energy one;
//!  3. if a single particle is reached, it is the groomed jet and z_g = R_g = 0 (as
//!     fjcontrib's grooming mode, which then leaves symmetry and ΔR at 0).
//! β = 0 is the modified mass-drop tagger's symmetry cut; β → ∞ no grooming. θ₁₂ is the
//! 3-D angle between the branches' momenta [rad].
//! Empty jet: every output NaN, no constituents.
#include <cstddef>
#include <vector>

namespace umbra::analysis
{
class JetConstituents;

struct SoftDropResult
{
    double mass_MeV = 0;    //!< groomed-jet invariant mass
    double energy_MeV = 0;  //!< groomed-jet energy
    double z_g = 0;         //!< energy sharing at the stopping splitting
    double r_g = 0;         //!< opening angle at the stopping splitting [rad]
    std::size_t n_constituents = 0;  //!< particles kept
};

class SoftDropGroomer
{
public:
    struct Config
    {
        double z_cut = 0.1;
        double beta = 0;
        double radius = 0.2;  //!< R₀ [rad]
    };

    SoftDropGroomer();
    //! Validates 0 ≤ z_cut < 1 (strictly below 0.5 to be able to pass), β ≥ 0, R₀ > 0 (InputError).
    explicit SoftDropGroomer(Config config);

    const Config& config() const noexcept { return config_; }

    SoftDropResult operator()(const JetConstituents& jet) const;
    //! Positions (into `jet`) of the particles the groomed jet keeps, ascending.
    std::vector<std::size_t> groomed_constituents(const JetConstituents& jet) const;

private:
    int groom(const JetConstituents& jet, SoftDropResult& result) const;

    Config config_;
};
}  // namespace umbra::analysis
