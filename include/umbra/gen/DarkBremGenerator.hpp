#pragma once
//! \file
//! Event generation for l N -> l N X: VEGAS integration (DarkBremCrossSection),
//! then equal-weight (unweighted) events by hit-or-miss against the maximum
//! weight found in a pre-sample from the frozen grid, written as MadGraph
//! writes this process:
//!   dark photon (dark-brem-lib-gen): 11, 9000002, 11, 9000002, 1023;
//!   ALP (the seed's UFO): 11, 623, 11, 623, 622 [, 11, -11 when decayed].
//! Candidate i uses RandomStream{seed, generator, i}; accepted events are
//! kept in candidate order, so the output does not depend on the thread count.

#include <cstdint>
#include <filesystem>
#include <string>

#include "umbra/gen/DarkBremCrossSection.hpp"
#include "umbra/lhe/RunInfo.hpp"

namespace umbra::gen
{
struct DarkBremGeneratorConfig
{
    DarkBremProcess process;
    std::uint64_t events = 20000;
    std::uint64_t seed = 1;
    unsigned threads = 1;
    //! Decay X -> e- e+ in the generator (isotropic in the X rest frame), as the seed's
    //! `p1 > e- e+`; default: decayed for the ALP, undecayed for the dark photon (libraries).
    bool decay = false;
    std::uint64_t calls_per_iteration = 10000;  //!< VEGAS (0.3 % on sigma for the dark photon at 8 GeV)
    int warmup_iterations = 6;
    int iterations = 4;
    std::uint64_t max_weight_sample = 50000;   //!< pre-sample size for the maximum weight
    //! The hit-or-miss maximum w_max is chosen from the pre-sample so that the weight above it,
    //! sum (w - w_max)+, is this fraction of the total (MadGraph's unweighting does the same);
    //! 0 takes the largest pre-sample weight. Candidates above w_max are accepted once (counted
    //! as overweight), so at most this fraction of the cross-section is mis-shaped.
    double truncated_fraction = 1e-3;
    int boson_pdg = 0;    //!< 0: 1023 for the dark photon, 622 otherwise
    int nucleus_pdg = 0;  //!< 0: 9000002 for the dark photon, 623 otherwise
    std::string command;  //!< recorded in the header

    void validate() const;
};

struct DarkBremGeneratorSummary
{
    DarkBremCrossSectionResult cross_section;
    std::uint64_t events = 0;
    std::uint64_t candidates = 0;      //!< weighted points tried
    double unweighting_efficiency = 0; //!< events / candidates
    double max_weight = 0;             //!< [pb], the hit-or-miss reference
    double truncated_fraction = 0;     //!< pre-sample weight above max_weight / total
    std::uint64_t overweight = 0;      //!< accepted candidates with weight > max_weight
    double mean_energy_fraction = 0;   //!< <E_X / E0> of the events
    double mean_lepton_angle = 0;      //!< <theta> of the recoil lepton [rad]
};

class DarkBremGenerator
{
public:
    explicit DarkBremGenerator(DarkBremGeneratorConfig config);

    //! Integrate, generate and write `path` (.lhe or .lhe.gz, MadGraph number style).
    DarkBremGeneratorSummary run(const std::filesystem::path& path);

    //! Header and <init> for a given cross-section (used by run()).
    lhe::RunInfo run_info(const DarkBremCrossSectionResult& xsec) const;

private:
    DarkBremGeneratorConfig config_;
};
}  // namespace umbra::gen
