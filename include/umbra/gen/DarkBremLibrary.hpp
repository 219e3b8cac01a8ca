#pragma once
//! \file
//! The dark-brem reference library, as dark-brem-lib-gen makes it and
//! G4DarkBreM reads it (shared/reference/darkbrem.md sections 1-2):
//!  * generate: one LHE file of undecayed A' events per (target, incident
//!    energy) on dark-brem-lib-gen's energy ladder, in its directory and file
//!    names, so existing scripts and G4DarkBreM accept the directory;
//!  * extract: the CSV G4DarkBreM reads (g4db-extract-library's format).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "umbra/gen/DarkBremCrossSection.hpp"

namespace umbra::gen
{
//! dark-brem-lib-gen's ladder: E = max; while E > min (1 - rel): take E, E = round(E (1 - rel), 3)
//! (darkbrem.md 1.2; Python's round to 1 MeV, compounding) [GeV].
std::vector<double> dark_brem_energy_ladder(double max_energy, double min_energy, double relative_step);

//! Python's str(float) of a double (shortest repr, ".0" for integral values): used in names.
std::string python_float_string(double value);

struct DarkBremLibraryConfig
{
    std::vector<std::string> targets{"tungsten"};
    double boson_mass = 0.01;     //!< A' mass [GeV] (--apmass)
    int run = 3000;               //!< run number (dark-brem-lib-gen's MadGraph iseed)
    double max_energy = 8.0;      //!< [GeV]
    double min_energy = 0;        //!< [GeV]; 0: max_energy / 2, as dark-brem-lib-gen
    double relative_step = 0.1;
    std::uint64_t events = 20000; //!< per energy point
    std::string lepton = "electron";
    double epsilon = 0.01;
    CouplingConvention convention = CouplingConvention::madgraph;
    unsigned threads = 1;         //!< points generated in parallel (output independent of it)
    std::filesystem::path output_directory = ".";
    std::string command;

    void validate() const;
    //! {lepton}_{targets}_MaxE_{max}_MinE_{min}_RelEStep_{rel}_UndecayedAP_mA_{mass}_run_{run}
    std::string library_name() const;
};

struct DarkBremLibraryPoint
{
    std::string target;
    double energy = 0;          //!< [GeV]
    std::filesystem::path file;
    double cross_section = 0;   //!< [pb]
    double error = 0;           //!< [pb]
};

//! Generate the library; returns one entry per file, in ladder order per target.
std::vector<DarkBremLibraryPoint> generate_dark_brem_library(const DarkBremLibraryConfig& config);

struct ExtractSummary
{
    std::uint64_t events = 0;
    std::uint64_t files = 0;
    int aprime_id = 0;
};

//! Write the G4DarkBreM CSV (plain or .gz by name) from a library directory or file (LHE: ours,
//! dark-brem-lib-gen's or MadGraph's; or CSV), read by darkbrem::ReferenceLibrary as the
//! simulation reads it. aprime_id 0: detect 1023 or 622.
ExtractSummary extract_dark_brem_library(const std::filesystem::path& library, const std::filesystem::path& output,
                                         int aprime_id = 0);
}  // namespace umbra::gen
