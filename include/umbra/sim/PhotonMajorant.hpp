#pragma once
//! \file
//! Woodcock (delta) tracking support for photons: inside a region with many thin
//! layers (a calorimeter envelope), a photon can fly with a majorant cross-section
//! Σ_max(E) ≥ Σ(material, E) for every material of the region, and accept a real
//! interaction at the landing point with probability Σ(material)/Σ_max. This is
//! exact (E. Woodcock et al., ANL-7050 (1965); L. L. Carter, E. D. Cashwell,
//! W. M. Taylor, Nucl. Sci. Eng. 48 (1972) 403) and skips the boundary crossings
//! of layers thinner than a mean free path, where photons deposit nothing.
//!
//! It pays only where the majorant mean free path is longer than the layers, so it
//! is used above `min_energy` (1 MeV by default: λ(W) ≈ 8 mm there, against
//! 0.1–7 mm ECal layers); below, photoelectric absorption makes λ(W) sub-mm.
#include <vector>

#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/sim/PhysicsTables.hpp"

namespace umbra::sim
{
class PhotonMajorant
{
public:
    struct Config
    {
        double min_energy = 1.0;         //!< delta tracking above this photon energy [MeV]
        int min_daughters = 16;          //!< a volume with this many daughters is a region
        int bins_per_decade = 40;        //!< majorant grid
        double safety_factor = 1.05;     //!< margin over the sampled maximum per bin
    };

    PhotonMajorant(const geometry::DetectorGeometry& geometry, const PhysicsTables& tables, Config config);
    PhotonMajorant(const geometry::DetectorGeometry& geometry, const PhysicsTables& tables);

    //! The delta-tracking region (a volume id) that `volume` lies in, or -1.
    int region(int volume) const noexcept { return region_of_[static_cast<std::size_t>(volume)]; }
    //! Materials of a region (its own and every descendant's).
    const std::vector<int>& materials(int region) const { return materials_[static_cast<std::size_t>(region)]; }
    //! Σ_max(E) [1/mm] for E in [min_energy, highest table energy].
    double majorant(int region, double energy) const noexcept;
    double min_energy() const noexcept { return config_.min_energy; }
    double max_energy() const noexcept { return max_energy_; }

private:
    Config config_;
    double max_energy_ = 0;
    double log_min_ = 0;
    double inverse_log_step_ = 0;
    std::vector<int> region_of_;
    std::vector<std::vector<int>> materials_;
    std::vector<std::vector<double>> table_;  //!< per region volume: Σ_max per bin [1/mm]
};
}  // namespace umbra::sim
