#pragma once
//! \file
//! A visibly decaying dark-sector boson (ALP, scalar or dark photon): decay
//! widths, proper lifetime and decay lengths.
//!
//! Implements /work/shared/reference/alp-physics.md section 2 (2.1 partial
//! widths, 2.3 lifetime and lab decay length). Widths are tree level with
//! exact threshold factors; all quantities in umbra units (MeV, mm, ns).
//!
//!   DarkParticle alp(DarkParticleKind::pseudoscalar, 50 * units::MeV, 1e-5);
//!   double length = alp.lab_decay_length(8 * units::GeV);  // ~159 mm

#include <string_view>

namespace umbra::physics
{
//! Lorentz structure of the boson's coupling to leptons.
enum class DarkParticleKind
{
    pseudoscalar,  //!< ALP, L = -i g a ebar gamma5 e
    scalar,        //!< L = -g phi ebar e
    vector,        //!< dark photon, L = eps e A'_mu (sum_l lbar gamma^mu l) (kinetic mixing)
};

//! "pseudoscalar", "scalar" or "vector".
std::string_view to_string(DarkParticleKind kind) noexcept;

//! Inverse of to_string; also accepts the aliases "alp" (pseudoscalar) and
//! "dark-photon" (vector). Case-sensitive. Throws InputError listing the valid
//! names for anything else.
DarkParticleKind parse_dark_particle_kind(std::string_view name);

//! A dark boson of given kind, mass and coupling.
//!
//! Decay channels included in total_width() (see also total_width_note()):
//! - pseudoscalar and scalar: e+e- only. The seed workflow's MadGraph UFO
//!   (alp-physics.md section 1.4) couples the ALP only to electrons, so
//!   BR(e+e-) = 1 at every mass by construction; the scalar is treated the
//!   same way (electron-only coupling).
//! - vector: e+e- and mu+mu- (kinetic mixing couples to every charged
//!   lepton with the same eps). Hadronic decays (above ~2 m_pi = 279 MeV,
//!   usually taken from the measured R-ratio) and tau+tau- (above 3.55 GeV)
//!   are NOT included, so above ~0.3 GeV the total width is underestimated
//!   and the lifetime / decay lengths are overestimated.
//!
//! The constructor validates the parameters (InputError). The data members
//! are public for convenience; call validate() again after changing them.
//! The width and length functions assume a valid particle.
struct DarkParticle
{
    DarkParticleKind kind = DarkParticleKind::pseudoscalar;  //!< coupling structure [-]
    double mass = 0;                                         //!< rest mass [MeV]
    //! Dimensionless coupling [1]: Yukawa g of -i g a ebar g5 e (pseudoscalar)
    //! or -g phi ebar e (scalar); kinetic-mixing parameter eps (vector).
    double coupling = 0;

    //! Validating constructor (calls validate()).
    DarkParticle(DarkParticleKind particle_kind, double particle_mass, double particle_coupling);

    //! Throws InputError unless 2 m_e < mass < infinity, 0 < coupling < infinity
    //! and the resulting width is a positive finite number.
    void validate() const;

    //! Gamma(X -> e+ e-) [MeV] (alp-physics.md section 2.1).
    double partial_width_ee() const noexcept;
    //! Gamma(X -> mu+ mu-) [MeV]: nonzero only for the vector above 2 m_mu
    //! (pseudoscalar and scalar couple only to electrons in this model).
    double partial_width_mumu() const noexcept;
    //! Sum of the included channels [MeV]; see the class comment and total_width_note().
    double total_width() const noexcept;
    //! One line saying which decay channels total_width() includes and omits.
    std::string_view total_width_note() const noexcept;

    //! tau = hbar / Gamma_total [ns] (alp-physics.md section 2.3).
    double proper_lifetime() const noexcept;
    //! c tau = hbar c / Gamma_total [mm] (alp-physics.md section 2.3).
    double proper_decay_length() const noexcept;
    //! Mean lab flight distance L = beta gamma c tau = (p / m) c tau [mm]
    //! for lab momentum `momentum` [MeV] (alp-physics.md section 2.3).
    //! Throws InputError for a negative or non-finite momentum.
    double lab_decay_length(double momentum) const;
};

//! The coupling (g, or eps for the vector) for which a `kind` boson of mass
//! `mass` [MeV] and lab momentum `momentum` [MeV] has mean lab decay length
//! `lab_decay_length` [mm]. Every included width scales as coupling^2 (also
//! the vector's mu+mu- channel), so L = (p/m) hbar c / (coupling^2 Gamma_1)
//! with Gamma_1 the total width at unit coupling, inverted exactly:
//! coupling = sqrt(p hbar c / (m L Gamma_1)) (alp-physics.md section 2.3).
//! Throws InputError for a mass at or below 2 m_e, or a non-positive or
//! non-finite momentum or decay length.
double coupling_for_lab_decay_length(DarkParticleKind kind, double mass, double momentum,
                                     double lab_decay_length);
}  // namespace umbra::physics
