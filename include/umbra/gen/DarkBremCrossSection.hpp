#pragma once
//! \file
//! Total cross-section of l N -> l N X from the exact matrix element
//! (DarkBremMatrixElement) integrated over DarkBremPhaseSpace with VEGAS.
//!
//! Coupling conventions:
//! * CouplingConvention::madgraph (default) reproduces the MadGraph setups
//!   users compare with (shared/reference/darkbrem.md 1.4, alp-physics.md 1.4):
//!   alpha = 1/127.9 at the lepton-photon vertex (the UFOs' aEWM1), alpha =
//!   1/137.04 at the nucleus (GAN = 0.3028177). Dark photon as dark-brem-lib-gen
//!   5.2: lepton coupling 1.0018 eps e (its Z-A' mixing makes the A' coupling
//!   slightly larger than eps e), form-factor size from A = the nucleus mass in
//!   GeV (its param card passes the mass as Anuc), inelastic term corrected.
//!   ALP / scalar as the seed's UFO: g = m_e/Lambda given as the coupling,
//!   inelastic term squared, A = the atomic mass.
//! * CouplingConvention::alpha0: alpha(0) = 1/137.036 everywhere, lepton
//!   coupling eps e for the dark photon, A = atomic mass, corrected inelastic
//!   term (rates ~7 % below the MadGraph convention).

#include <cstdint>
#include <string_view>

#include "umbra/gen/DarkBremPhaseSpace.hpp"
#include "umbra/gen/VegasIntegrator.hpp"
#include "umbra/physics/TargetNucleus.hpp"

namespace umbra::gen
{
enum class CouplingConvention
{
    madgraph,
    alpha0,
};
CouplingConvention parse_coupling_convention(std::string_view name);

struct DarkBremProcess
{
    physics::DarkParticleKind kind = physics::DarkParticleKind::vector;
    double boson_mass = 0.01;      //!< [GeV]
    double coupling = 0.01;        //!< epsilon (vector) or g (pseudoscalar, scalar; = m_e/Lambda)
    double beam_energy = 8;        //!< incident lepton total energy [GeV]
    double lepton_mass = 0.000511; //!< [GeV]; muon beams: 0.10566
    physics::TargetNucleus target = physics::TargetNucleus::preset("tungsten");
    CouplingConvention convention = CouplingConvention::madgraph;

    void validate() const;
    //! The matrix-element configuration these parameters imply.
    DarkBremMatrixElement::Config matrix_element_config() const;
    DarkBremPhaseSpace::Config phase_space_config() const;
};

struct DarkBremCrossSectionResult
{
    double cross_section = 0;  //!< [pb]
    double error = 0;          //!< [pb]
    double chi2_per_dof = 0;
    std::uint64_t calls = 0;
};

class DarkBremCrossSection
{
public:
    DarkBremCrossSection(const DarkBremProcess& process, const VegasIntegrator::Config& vegas);

    //! Integrate (adapting the grid); the adapted grid stays available for event generation.
    DarkBremCrossSectionResult compute();

    //! The integrand: d sigma / d^5u [pb] at u (0 where kinematically closed).
    double integrand(std::span<const double> u) const;
    const VegasIntegrator& integrator() const noexcept { return vegas_; }
    const DarkBremPhaseSpace& phase_space() const noexcept { return phase_space_; }
    const DarkBremMatrixElement& matrix_element() const noexcept { return matrix_element_; }

private:
    DarkBremProcess process_;
    DarkBremMatrixElement matrix_element_;
    DarkBremPhaseSpace phase_space_;
    VegasIntegrator vegas_;
};
}  // namespace umbra::gen
