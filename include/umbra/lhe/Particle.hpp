#pragma once
//! \file
//! One particle line of an LHE event: the 13 columns of the Les Houches
//! accord (Boos et al., hep-ph/0109068; LHEF: Alwall et al., hep-ph/0609017).
//! Values are kept as in the file: momenta in GeV (LHE's unit), lifetime in
//! mm. Convert with umbra::units where they enter umbra's MeV/mm/ns world.

#include <cmath>

namespace umbra::lhe
{
//! LHE status codes (ISTUP).
namespace Status
{
inline constexpr int incoming = -1;
inline constexpr int outgoing = 1;
inline constexpr int spacelike_intermediate = -2;
inline constexpr int resonance = 2;          //!< decayed intermediate, mass preserved
inline constexpr int documentation = 3;
inline constexpr int incoming_beam = -9;
}  // namespace Status

struct Particle
{
    int pdg = 0;      //!< IDUP: PDG id
    int status = 0;   //!< ISTUP: see lhe::Status
    int mother1 = 0;  //!< MOTHUP(1): 1-based index of the first mother, 0 = none
    int mother2 = 0;  //!< MOTHUP(2): 1-based index of the last mother, 0 = none
    int color1 = 0;   //!< ICOLUP(1): colour flow tag
    int color2 = 0;   //!< ICOLUP(2): anticolour flow tag
    double px = 0;    //!< PUP(1) [GeV]
    double py = 0;    //!< PUP(2) [GeV]
    double pz = 0;    //!< PUP(3) [GeV]
    double e = 0;     //!< PUP(4) energy [GeV]
    double m = 0;     //!< PUP(5) generated mass [GeV]
    double lifetime = 0;  //!< VTIMUP: proper lifetime c*tau [mm]
    double spin = 9;      //!< SPINUP: cos(spin, momentum) in the lab; 9 = unknown

    double momentum() const noexcept { return std::sqrt(px * px + py * py + pz * pz); }

    friend bool operator==(const Particle&, const Particle&) = default;
};
}  // namespace umbra::lhe
