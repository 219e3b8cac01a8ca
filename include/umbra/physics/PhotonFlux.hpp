#pragma once
//! \file
//! The effective photon flux of the Weizsaecker-Williams method,
//!
//!   chi(t_min, t_max) = integral_{t_min}^{t_max} dt (t - t_min) / t^2 G2(t),
//!
//! (Bjorken, Essig, Schuster, Toro, PRD 80 (2009) 075018, eq. A17; Kim & Tsai,
//! PRD 8 (1973) 3109), integrated in ln t where the integrand is smooth, as
//! G4DarkBreM does (shared/reference/darkbrem.md 3.2). Dimensionless.

#include "umbra/core/AdaptiveIntegrator.hpp"
#include "umbra/physics/NuclearFormFactor.hpp"

namespace umbra::physics
{
class PhotonFlux
{
public:
    explicit PhotonFlux(NuclearFormFactor form_factor, double relative_tolerance = 1e-10);

    //! chi for t in [t_min, t_max] [MeV^2]; 0 unless 0 < t_min < t_max.
    double operator()(double t_min, double t_max);
    //! The elastic part in closed form (from DMG4's DarkPhotons.cc as given in
    //! shared/reference/alp-physics.md 3.2), for cross-checks.
    double elastic_closed_form(double t_min, double t_max) const noexcept;

    const NuclearFormFactor& form_factor() const noexcept { return form_factor_; }

private:
    NuclearFormFactor form_factor_;
    AdaptiveIntegrator integrator_;
};
}  // namespace umbra::physics
