#pragma once
//! \file
//! Radii of containment (RoC) of the ECal veto: the 68 % containment radius of the recoil
//! electron's shower in each layer, in bins of the recoil's polar angle and momentum at
//! the ECal face. File format of ldmx-sw's Ecal/data/RoC_*.csv: a header line, then one
//! row per bin "theta_min,theta_max,p_min,p_max,r_0,…,r_{L−1}" (degrees, MeV, mm; an
//! empty bound is unbounded). Lines starting with '#' are comments (umbra's shipped copy
//! cites its source there).
//!
//! Selection (EcalVetoProcessor::produce): the electron uses the last bin whose bounds
//! contain (θ, p), bin 0 when none does (also when there is no recoil electron); the
//! photon always uses bin 0.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace umbra::reco
{
class ContainmentRadii
{
public:
    struct Bin
    {
        std::optional<double> theta_min;  //!< [deg]
        std::optional<double> theta_max;  //!< [deg]
        std::optional<double> p_min;      //!< [MeV]
        std::optional<double> p_max;      //!< [MeV]
        std::vector<double> radii;        //!< per layer [mm]
    };

    //! Read a RoC table with `layers` radii per row; InputError with file and line otherwise.
    static ContainmentRadii load(const std::filesystem::path& path, int layers);
    //! A table shipped in data/ecal by name ("roc_v14_8gev"), or a path.
    static ContainmentRadii load_named(const std::string& name_or_path, int layers);
    //! Every layer the same radius (tests, studies).
    static ContainmentRadii uniform(double radius, int layers);

    const std::vector<Bin>& bins() const noexcept { return bins_; }
    const std::string& source() const noexcept { return source_; }

    //! Radii for the recoil electron; theta < 0 or p < 0 means "no recoil electron".
    const std::vector<double>& electron_radii(double theta_deg, double p) const noexcept;
    const std::vector<double>& photon_radii() const noexcept { return bins_.front().radii; }

private:
    std::vector<Bin> bins_;
    std::string source_;
};
}  // namespace umbra::reco
