#pragma once
//! \file
//! N-subjettiness (Thaler, Van Tilburg, arXiv:1011.2268 and arXiv:1108.2701) in e⁺e⁻ form,
//! alp-physics.md §5.3:
//!   τ_N^(β) = (1/d₀) Σ_i E_i min_{k=1..N} θ_{i,k}^β,
//! θ_{i,k} the 3-D angle [rad] between particle i and axis k;
//! unnormalised d₀ = 1 (then τ is in MeV), normalised d₀ = Σ_i E_i R₀^β (dimensionless).
//! Ratios τ₂₁ = τ₂/τ₁, τ₃₂ = τ₃/τ₂ do not depend on d₀.
//! Axes (both from a reclustering of the jet's particles with the exclusive e⁺e⁻ kt
//! (Durham) algorithm, stopped at N jets, as fjcontrib's KT_Axes / WTA_KT_Axes in their
//! e⁺e⁻ variant):
//!  - kt: E-scheme recombination, axis = direction of the subjet's momentum
//!    (the natural choice for β = 2);
//!  - wta_kt: winner-take-all (WTA_modp) recombination, axis = direction of the hardest
//!    particle branch (recoil-free, recommended for β ≈ 1; Larkoski, Neill, Thaler
//!    arXiv:1401.2158).
//! No minimisation of the axes (fjcontrib's OnePass) is done.
//! Fewer than N particles (also an empty jet): τ_N = 0, as fjcontrib, which pads with zero
//! axes; a ratio with τ = 0 in the denominator is then NaN.
#include <span>
#include <string_view>
#include <vector>

#include "umbra/analysis/JetConstituents.hpp"

namespace umbra::analysis
{
class NSubjettiness
{
public:
    enum class Axes
    {
        kt,      //!< exclusive ee-kt, E-scheme
        wta_kt,  //!< exclusive ee-kt, winner-take-all
    };
    enum class Normalisation
    {
        unnormalised,  //!< d₀ = 1
        normalised,    //!< d₀ = Σ E_i R₀^β
    };

    struct Config
    {
        double beta = 1;
        Axes axes = Axes::wta_kt;
        Normalisation normalisation = Normalisation::normalised;
        double radius = 0.2;  //!< R₀ [rad] of the normalisation
    };

    NSubjettiness();
    //! Validates β > 0 and R₀ > 0, finite (InputError).
    explicit NSubjettiness(Config config);

    const Config& config() const noexcept { return config_; }

    //! τ_N of the jet for the configured axes.
    double operator()(const JetConstituents& jet, int n_axes) const;
    //! τ_1 … τ_{tau.size()} with one reclustering.
    void operator()(const JetConstituents& jet, std::span<double> tau) const;

    //! The N exclusive ee-kt axes (unit vectors; fewer if the jet has fewer particles),
    //! highest energy first. Thread-safe (thread_local clusterer).
    static std::vector<Direction> axes(const JetConstituents& jet, Axes axes, int n_axes);
    //! Σ_i E_i min_k θ_{i,k}^β (unnormalised τ) for given axes; 0 for no axes.
    static double unnormalised_tau(const JetConstituents& jet, std::span<const Direction> axes, double beta);
    //! min_k θ_{i,k} for every particle (for evaluating several β on the same axes).
    static void min_axis_angles(const JetConstituents& jet, std::span<const Direction> axes, std::vector<double>& out);

private:
    Config config_;
};

std::string_view to_string(NSubjettiness::Axes axes) noexcept;
}  // namespace umbra::analysis
