#pragma once
//! \file
//! Improved Weizsaecker-Williams cross-sections for a pseudoscalar, scalar or
//! vector boson X radiated off an electron on a nucleus, with the theta
//! integration done analytically and chi taken at theta = 0
//! (shared/reference/alp-physics.md 3.4; Liu & Miller, PRD 96 (2017) 016004;
//! Liu, McKeen & Miller, PRD 95 (2017) 036010):
//!
//!   dsigma_P/dx = a^2 a_X chi beta_x (2 x^2 U + m_e^2 x^3) / (3 U^2)
//!   dsigma_S/dx = a^2 a_X chi beta_x x (2 x U + m_e^2 (2 - x)^2) / (3 U^2)
//!   dsigma_V/dx = a^2 a_X chi beta_x (2/3) [2 (3 - 3x + x^2) U + m_e^2 x (x^2 + 2x - 2)] / U^2
//!   U = U_min = m^2 (1-x)/x + m_e^2 x,  beta_x = sqrt(1 - m^2/(x^2 E0^2)),
//!   chi = chi(t_min(x, 0), E0^2),  x in [m/E0, 1 - max(m_e, m)/E0]  ("Impr-cut").
//!
//! Used to compare the exact generator with WW (the generator issue asks for it);
//! a_X = g^2/(4 pi) (P, S) or eps^2 alpha (V).

#include "umbra/core/AdaptiveIntegrator.hpp"
#include "umbra/physics/DarkParticle.hpp"
#include "umbra/physics/PhotonFlux.hpp"

namespace umbra::darkbrem
{
struct ImprovedWWInput
{
    physics::DarkParticleKind kind = physics::DarkParticleKind::pseudoscalar;
    double boson_mass = 0.05;    //!< [GeV]
    double beam_energy = 8;      //!< total energy E0 [GeV]
    double alpha = 1 / 137.035999084;
    double alpha_x = 1;          //!< boson coupling strength a_X
    double electron_mass = 0.00051099895;  //!< [GeV]
};

//! sigma [pb] and the mean energy fraction <x>.
struct ImprovedWWResult
{
    double cross_section = 0;
    double mean_energy_fraction = 0;
};

ImprovedWWResult improved_ww_cross_section(const ImprovedWWInput& input, physics::PhotonFlux& flux);
}  // namespace umbra::darkbrem
