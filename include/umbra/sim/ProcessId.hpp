#pragma once
//! \file
//! Which physics process made a secondary or limited a step, as a one-byte id
//! for the truth record, with Geant4's process names (the strings ldmx-sw
//! stores as a track's creator process; Geant4 10.2 physics lists
//! G4EmStandardPhysics, G4EmExtraPhysics, G4DecayPhysics; ldmx-sw's dark
//! bremsstrahlung process is "DarkBrem").
//!
//!   ProcessId id = ProcessId::compton;
//!   std::string_view name = process_name(id);          // "compt"
//!   std::optional<ProcessId> back = process_from_name("compt");

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace umbra::sim
{
enum class ProcessId : std::uint8_t
{
    primary,                  //!< "Primary": not created by a process (generator particle)
    ionisation,               //!< "eIoni": e+- ionisation, delta-ray production (Moller / Bhabha)
    bremsstrahlung,           //!< "eBrem": e+- bremsstrahlung
    annihilation,             //!< "annihil": e+ e- -> 2 gamma (in flight or at rest)
    compton,                  //!< "compt": Compton scattering
    photoelectric,            //!< "phot": photoelectric absorption
    conversion,               //!< "conv": gamma -> e+ e-
    muon_pair,                //!< "GammaToMuPair": gamma -> mu+ mu-
    muon_ionisation,          //!< "muIoni": mu+- ionisation, delta-ray production
    multiple_scattering,      //!< "msc": e+- multiple scattering (step limitation)
    muon_multiple_scattering, //!< "muMsc": mu+- multiple scattering (step limitation)
    decay,                    //!< "Decay"
    photonuclear,             //!< "photonNuclear": gamma + nucleus (G4PhotoNuclearProcess)
    electronuclear,           //!< "electronNuclear": e+- + nucleus (G4ElectronNuclearProcess)
    dark_brem,                //!< "DarkBrem": ldmx-sw dark bremsstrahlung (e N -> e N A')
    transportation,           //!< "Transportation": a step that ended on a volume boundary
};

//! Number of ProcessId values.
inline constexpr int process_id_count = 16;

//! The Geant4 process name of `id` (see the enum comments).
constexpr std::string_view process_name(ProcessId id) noexcept
{
    constexpr std::array<std::string_view, process_id_count> names{
        "Primary", "eIoni",  "eBrem", "annihil",       "compt",         "phot",            "conv",
        "GammaToMuPair", "muIoni", "msc", "muMsc", "Decay", "photonNuclear", "electronNuclear", "DarkBrem", "Transportation"};
    const auto index = static_cast<std::size_t>(id);
    return index < names.size() ? names[index] : std::string_view{};
}

//! The id whose process_name() is `name` (exact, case-sensitive); nullopt if none.
constexpr std::optional<ProcessId> process_from_name(std::string_view name) noexcept
{
    for (int i = 0; i < process_id_count; ++i)
    {
        const auto id = static_cast<ProcessId>(i);
        if (process_name(id) == name) return id;
    }
    return std::nullopt;
}
}  // namespace umbra::sim
