#pragma once
//! \file
//! Outgoing kinematics of a dark brem, l(E) Z -> l A', drawn from a reference
//! library and scaled to the actual incident energy, as G4DarkBreM's
//! G4DarkBreMModel::scale does (shared/reference/darkbrem.md 4.2-4.3):
//!
//!   f = (E - m_l - m_A) / (E_lib - m_l - m_A),  E_rec = (E_rec,lib - m_l) f + m_l
//!   ForwardOnly: keep the library recoil pT; redraw while pT^2 + m_l^2 > E_rec^2
//!   CMScaling:   boost the recoil out of the library's centre-of-momentum frame into
//!                the frame of (p_cm - (0,0,dE), E_cm - dE), dE = E_lib - E; energy E_rec
//!   none:        the library recoil as it is
//!   recoil polar angle asin(pT / |p|), random azimuth; A' = beam - recoil (3-momentum;
//!   the nucleus recoil is neglected, as in G4DarkBreM).
//!
//! Differences from G4DarkBreM, on purpose: by default the library event is chosen at
//! random with the caller's per-event RandomStream (results do not depend on threads or
//! call order; Selection::sequential gives G4DarkBreM's cyclic order from a random start);
//! when ForwardOnly finds no usable event after max_redraws it throws instead of emitting
//! NaN; CMScaling with scale_aprime sets the A' energy (G4DarkBreM leaves it unset, NaN).

#include <cstdint>
#include <map>
#include <utility>

#include "umbra/core/RandomStream.hpp"
#include "umbra/darkbrem/ReferenceLibrary.hpp"

namespace umbra::darkbrem
{
enum class ScalingMethod
{
    forward_only,
    cm_scaling,
    none,
};
ScalingMethod parse_scaling_method(std::string_view name);

struct ScaledKinematics
{
    double recoil[3] = {};  //!< recoil lepton momentum [MeV], incident lepton along +z
    double aprime[3] = {};  //!< A' momentum [MeV]
    double recoil_energy = 0;  //!< [MeV]
    double aprime_energy = 0;  //!< [MeV] (from the A' mass and momentum)
};

class LibrarySampler
{
public:
    enum class Selection
    {
        random,      //!< uniform over the bin, from the caller's stream (reproducible per event)
        sequential,  //!< G4DarkBreM: cyclic through the bin from a random start (state per sampler)
    };

    struct Config
    {
        double aprime_mass = 10;      //!< [MeV]
        double lepton_mass = 0.51099895;  //!< [MeV]
        ScalingMethod method = ScalingMethod::forward_only;
        bool scale_aprime = false;    //!< scale the A' from the library too (G4DarkBreM's scale_APrime)
        Selection selection = Selection::random;
        int max_redraws = 10000;      //!< ForwardOnly redraw limit (G4DarkBreM: min(10000, smallest bin))
        std::uint64_t seed = 1;       //!< sequential selection: start indices
    };

    LibrarySampler(const ReferenceLibrary& library, Config config);

    //! Kinematics for a lepton of total energy `energy` [MeV] on a nucleus of charge z.
    ScaledKinematics sample(double energy, double z, RandomStream& rng);

private:
    const LibraryEvent& draw(const std::vector<LibraryEvent>& bin, RandomStream& rng);

    const ReferenceLibrary& library_;
    Config config_;
    std::map<const std::vector<LibraryEvent>*, std::size_t> next_index_;  //!< sequential selection state
};
}  // namespace umbra::darkbrem
