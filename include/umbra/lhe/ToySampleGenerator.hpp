#pragma once
//! \file
//! Synthetic MadGraph-format ALP samples for tests, demos and benchmarks.
//!
//! NOT a physics generator: the kinematics of e- N -> e- N a (a -> e+ e-)
//! are drawn from simple shapes (hard ALP energy fraction, forward angles
//! of the order of m/E) and then made to conserve four-momentum exactly by
//! solving for the recoil-electron energy with the nucleus recoil. The
//! cross-section written to <init> is a placeholder (1 pb) and says so in the
//! header. The file has the particle order, status codes, PDG ids (ALP 622,
//! nucleus 623) and MadGraph banner (run card, param card with the ALP mass,
//! width and DMINPUTS lambda) of the seed workflow's MadGraph output, which is
//! what the LHE tools need to be exercised. The physics generator is the
//! `gen` module.

#include <cstdint>
#include <filesystem>

#include "umbra/core/Units.hpp"
#include "umbra/lhe/Event.hpp"
#include "umbra/lhe/RunInfo.hpp"

namespace umbra::lhe
{
struct ToySampleConfig
{
    std::uint64_t events = 1000;
    std::uint64_t seed = 1;
    double beam_energy = 8 * units::GeV;         //!< incident electron [MeV]
    double nucleus_mass = 171.3 * units::GeV;     //!< tungsten as in the seed's UFO [MeV]
    double alp_mass = 50 * units::MeV;            //!< [MeV]
    double lambda = 1 * units::GeV;               //!< UFO Lambda: g_aee = m_e / Lambda [MeV]
    bool decayed = true;                          //!< write a -> e+ e- (MadGraph `p1 > e- e+`)
    int alp_pdg = 622;
    int nucleus_pdg = 623;

    void validate() const;
};

class ToySampleGenerator
{
public:
    explicit ToySampleGenerator(ToySampleConfig config);

    //! Header and <init> of the sample.
    RunInfo run_info() const;
    //! Event number `index` (0-based); depends only on (seed, index).
    void generate(std::uint64_t index, Event& event) const;
    //! Write the whole sample (.lhe or .lhe.gz).
    void write(const std::filesystem::path& path) const;

private:
    ToySampleConfig config_;
};
}  // namespace umbra::lhe
