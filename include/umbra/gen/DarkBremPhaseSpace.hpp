#pragma once
//! \file
//! Three-body phase space of l(p1) N(P1) -> l(p2) N(P2) X(k) in the lab frame
//! (nucleus at rest, lepton along +z), mapped from the unit 5-cube with
//! variables chosen for the WW-like peaks of dark bremsstrahlung:
//!   u0 -> x = E_X/E0, logarithmic in (1 - x) (hard X spectra),
//!   u1 -> theta_X, logarithmic in theta_X^2 + theta_c^2 with theta_c^2 = U_min/(x E0^2),
//!         U_min = m_X^2 (1-x)/x + m_l^2 x (the angle where the X spectrum turns over),
//!   u2 -> phi_X,
//!   u3 -> angle psi of the recoil lepton to p1 - k, logarithmic in psi^2 + psi0^2 with
//!         psi0 = (minimal momentum transfer) / |p2| (the photon-propagator pole 1/t^2),
//!   u4 -> its azimuth about p1 - k.
//! |p2| then follows from energy conservation with the exact nucleus recoil. The
//! returned weight is the phase-space density (2 pi)^4 dPhi_3 / d^5u, so that
//! sigma = integral d^5u |M|^2 weight / (4 M |p1|).

#include <optional>
#include <span>

#include "umbra/gen/DarkBremMatrixElement.hpp"

namespace umbra::gen
{
struct DarkBremKinematics
{
    Momentum lepton_in, nucleus_in, lepton_out, nucleus_out, boson;
    double phase_space_weight = 0;  //!< (2 pi)^4 dPhi_3 / d^5u [GeV^2]
};

class DarkBremPhaseSpace
{
public:
    struct Config
    {
        double beam_energy = 8;          //!< total lepton energy E0 [GeV]
        double lepton_mass = 0.000511;   //!< [GeV]
        double nucleus_mass = 171.3;     //!< [GeV]
        double boson_mass = 0.01;        //!< [GeV]
        void validate() const;
    };

    explicit DarkBremPhaseSpace(const Config& config);

    //! Momenta and weight for u in [0,1)^5; nullopt where the point is kinematically closed.
    std::optional<DarkBremKinematics> map(std::span<const double> u) const;

    //! Flux factor 4 M |p1| [GeV^2].
    double flux() const noexcept { return flux_; }
    const Config& config() const noexcept { return config_; }
    static constexpr int dimensions = 5;

private:
    Config config_;
    Momentum lepton_in_, nucleus_in_;
    double x_min_, x_max_;
    double flux_;
};
}  // namespace umbra::gen
