#pragma once
//! \file
//! Total dark-bremsstrahlung cross-section per atom, l N -> l N A', in the
//! Weizsaecker-Williams approximation, as G4DarkBreM computes it
//! (shared/reference/darkbrem.md 3.1-3.7):
//!
//! * Full: double differential in the A' energy fraction x and angle theta
//!   with the exact 2 -> 2 amplitude and chi(t_min(x, theta), E0^2)
//!   (Liu & Miller, PRD 96 (2017) 016004, as coded in DMG4, arXiv:2101.12192
//!   App. A eqs. 16-17; theta < 0.3 rad as DMG4);
//! * Improved: theta integrated analytically, chi(t_min(x, 0), E0^2)
//!   (Bjorken, Essig, Schuster, Toro, PRD 80 (2009) 075018, eq. A14 form);
//! * HyperImproved: one chi for all x with t_min = m_A^4/(4 E0^2),
//!   t_max = m_A^2 + m_l^2 (BEST's classic IWW);
//! * Automatic: Full if m_A/m_l < 50, else Improved (G4DarkBreM's rule).
//!
//! Conventions are G4DarkBreM's so its numbers are reproduced: alpha =
//! 1/137 exactly, 1 GeV^-2 = 3.894e8 pb, kinetic energy as input, x up to
//! 1 - max(m_l, m_A)/E0. Holds integration workspaces: one instance per thread.

#include <map>
#include <memory>
#include <utility>

#include "umbra/core/AdaptiveIntegrator.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/physics/PhotonFlux.hpp"

namespace umbra::darkbrem
{
enum class WWMethod
{
    full,
    improved,
    hyper_improved,
    automatic,
};
WWMethod parse_ww_method(std::string_view name);
std::string_view to_string(WWMethod method);

class WeizsackerWilliamsCrossSection
{
public:
    struct Config
    {
        double dark_photon_mass = 10 * units::MeV;            //!< m_A' [MeV]
        double lepton_mass = constants::electron_mass;         //!< incident lepton (e or mu) [MeV]
        double epsilon = 1;                                    //!< kinetic mixing (sigma scales as eps^2)
        WWMethod method = WWMethod::automatic;
        double max_mass_ratio_for_full = 50;                   //!< automatic: Full if m_A/m_l below this
        double threshold = 0;                                  //!< minimum kinetic energy, raised to 2 m_A' [MeV]
        double relative_tolerance = 1e-7;                      //!< of each numerical integral (results
                                                               //!< agree with 1e-9 to 1e-8 relative)
        void validate() const;
    };

    explicit WeizsackerWilliamsCrossSection(const Config& config);
    ~WeizsackerWilliamsCrossSection();

    //! Cross-section per atom [umbra area units: multiply by 1/units::pb for pb] for a lepton
    //! of kinetic energy `kinetic_energy` [MeV] on a nucleus of charge Z and atomic mass A [g/mol].
    double per_atom(double kinetic_energy, int atomic_number, double atomic_mass);

    //! The method in use (automatic resolved).
    WWMethod method() const noexcept { return method_; }
    const Config& config() const noexcept { return config_; }

private:
    physics::PhotonFlux& flux_for(int atomic_number, double atomic_mass);
    double full(double e0, physics::PhotonFlux& flux);
    double improved(double e0, physics::PhotonFlux& flux);
    double hyper_improved(double e0, physics::PhotonFlux& flux);

    Config config_;
    WWMethod method_;
    AdaptiveIntegrator x_integrator_;
    AdaptiveIntegrator theta_integrator_;
    std::map<std::pair<int, double>, std::unique_ptr<physics::PhotonFlux>> fluxes_;
};
}  // namespace umbra::darkbrem
