#pragma once
//! \file
//! Dark-bremsstrahlung macroscopic cross-sections of the materials of one detector region,
//! tabulated once per run (Params, shared by the threads). Per element, σ(T) per atom from
//! the Weizsäcker–Williams integrals of darkbrem::WeizsackerWilliamsCrossSection (G4DarkBreM's
//! methods and conventions) on a geometric grid in kinetic energy T_j = T₀·1.1^j from the
//! threshold T₀ = max(threshold, 2 m_A') to the highest energy needed, with quadratic Lagrange
//! interpolation through three consecutive points, as G4DarkBreM's ElementXsecInterpolation
//! does (reference darkbrem.md §3.8; its grid variable is T − 2 m_A', ours T, the spacing is
//! the same). Σ(T) = Σ_i n_i σ_i(T) [1/mm]; 0 below the threshold.
#include <cstddef>
#include <vector>

#include "umbra/darkbrem/WeizsackerWilliamsCrossSection.hpp"

namespace umbra::geometry
{
class DetectorGeometry;
}

namespace umbra::sim
{
class DarkBremCrossSectionTable
{
public:
    struct Config
    {
        darkbrem::WeizsackerWilliamsCrossSection::Config cross_section;  //!< m_A', ε, method, threshold [MeV]
        double max_kinetic_energy = 8000;  //!< top of the grid [MeV] (above it: the last value)
        double grid_ratio = 1.1;           //!< T_{j+1} / T_j
        unsigned threads = 1;              //!< threads that compute the grid (the integrals are slow)
    };

    //! Tabulates every element of the materials of the volumes in `region` (DetectorGeometry
    //! region id).
    DarkBremCrossSectionTable(const geometry::DetectorGeometry& geometry, int region, const Config& config);

    //! Σ [1/mm] for a lepton of kinetic energy T [MeV] in `material` (0 for materials outside
    //! the region and below the threshold).
    double macroscopic(int material, double kinetic_energy) const;
    //! n_i σ_i [1/mm] of component i of `material` (same order as Material::components()).
    double component(int material, std::size_t i, double kinetic_energy) const;
    //! σ per atom [umbra area units] of the element with atomic number Z (0 if not tabulated).
    double per_atom(int atomic_number, double kinetic_energy) const;

    double threshold() const noexcept { return grid_.empty() ? 0 : grid_.front(); }  //!< T₀ [MeV]
    const std::vector<double>& grid() const noexcept { return grid_; }

private:
    struct ElementTable
    {
        int atomic_number = 0;
        std::vector<double> sigma;  //!< per atom, on grid_
    };
    struct MaterialEntry
    {
        std::vector<double> atoms_per_volume;  //!< per component [1/mm³]
        std::vector<int> element;              //!< index into elements_ per component
    };
    double interpolate(const std::vector<double>& sigma, double kinetic_energy) const;

    std::vector<double> grid_;
    std::vector<ElementTable> elements_;
    std::vector<MaterialEntry> materials_;  //!< by material id (empty entry: not in the region)
};
}  // namespace umbra::sim
