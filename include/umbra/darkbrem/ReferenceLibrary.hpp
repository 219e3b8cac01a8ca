#pragma once
//! \file
//! A dark-brem reference library in memory (Params: immutable once loaded,
//! shared by all threads): for each target Z and incident energy, the
//! outgoing recoil lepton and recoil + A' four-momenta of every library event,
//! as G4DarkBreM's parseLibrary keeps them (shared/reference/darkbrem.md 2):
//!  * a directory: every .lhe, .lhe.gz, .csv, .csv.gz file in it (not recursing;
//!    files in name order, where G4DarkBreM uses readdir order);
//!  * one file of those kinds.
//! LHE: Z from the banner line containing "Znuc" ("<int> <double>", Z = int(double));
//! per event the incoming lepton (11/13, status -1) gives the energy key, the
//! recoil lepton (11/13, status 1) and the A' (the given PDG id, status 1)
//! the momenta. CSV: G4DarkBreM's 10 columns (one header line; rows until
//! EOF or the first empty line). All values GeV, as in both formats.

#include <filesystem>
#include <map>
#include <vector>

namespace umbra::darkbrem
{
struct LibraryEvent
{
    double incident_energy = 0;  //!< [GeV]
    double recoil[4] = {};       //!< recoil lepton (E, px, py, pz) [GeV]
    double center[4] = {};       //!< recoil + A' (E, px, py, pz) [GeV]
};

class ReferenceLibrary
{
public:
    //! aprime_id 0: accept 1023 (dark-brem-lib-gen 5) or 622 (4.x, G4DarkBreM's default).
    static ReferenceLibrary load(const std::filesystem::path& path, int aprime_id = 0);

    using EnergyBins = std::map<double, std::vector<LibraryEvent>>;
    const std::map<int, EnergyBins>& bins() const noexcept { return bins_; }
    std::size_t size() const noexcept;
    //! Files read, and the A' PDG id found in LHE files (0 if all were CSV).
    std::size_t files() const noexcept { return files_; }
    int aprime_id() const noexcept { return aprime_id_; }

    //! G4DarkBreM's choice (darkbrem.md 4.2): the first Z key >= z, else the largest; then the
    //! first library energy >= energy [GeV], else the largest.
    const std::vector<LibraryEvent>& bin_for(double z, double energy) const;

private:
    std::map<int, EnergyBins> bins_;
    std::size_t files_ = 0;
    int aprime_id_ = 0;
};
}  // namespace umbra::darkbrem
