#include "umbra/sim/DarkBremCrossSectionTable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "umbra/core/Error.hpp"
#include "umbra/core/ParallelFor.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"

namespace umbra::sim
{
DarkBremCrossSectionTable::DarkBremCrossSectionTable(const geometry::DetectorGeometry& geometry, int region,
                                                     const Config& config)
{
    config.cross_section.validate();
    if (!(config.grid_ratio > 1)) throw InputError("dark brem: the cross-section grid ratio must be > 1");
    const double threshold = std::max(config.cross_section.threshold, 2 * config.cross_section.dark_photon_mass);
    if (!(config.max_kinetic_energy > threshold))
    {
        throw InputError(fmt::format("dark brem: the highest energy {} MeV is not above the threshold {} MeV (beam "
                                     "energy below the dark-brem threshold?)",
                                     config.max_kinetic_energy, threshold));
    }
    for (double t = threshold; t < config.max_kinetic_energy; t *= config.grid_ratio) grid_.push_back(t);
    grid_.push_back(config.max_kinetic_energy);
    if (grid_.size() < 3) grid_.insert(grid_.begin() + 1, 0.5 * (grid_.front() + grid_.back()));

    // The elements of the region's materials, each once.
    std::map<int, int> element_index;
    std::vector<double> atomic_mass;
    materials_.resize(geometry.materials().size());
    for (const auto& volume : geometry.volumes())
    {
        if (volume.region != region || volume.material < 0) continue;
        auto& entry = materials_[static_cast<std::size_t>(volume.material)];
        if (!entry.element.empty()) continue;
        for (const auto& c : geometry.material(volume.material).components())
        {
            const auto [it, added] = element_index.emplace(c.element->atomic_number, static_cast<int>(elements_.size()));
            if (added)
            {
                elements_.push_back({c.element->atomic_number, {}});
                atomic_mass.push_back(c.element->atomic_mass);
            }
            entry.atoms_per_volume.push_back(c.atoms_per_volume);
            entry.element.push_back(it->second);
        }
    }
    if (elements_.empty()) throw InputError("dark brem: the region holds no material");

    // σ on the grid, (element, point) pairs split over threads, one integrator each.
    const std::size_t points = grid_.size(), jobs = elements_.size() * points;
    std::vector<double> sigma(jobs);
    parallel_ranges(std::max(1u, config.threads), jobs, [&](std::size_t begin, std::size_t end, unsigned) {
        darkbrem::WeizsackerWilliamsCrossSection ww(config.cross_section);
        for (std::size_t j = begin; j < end; ++j)
        {
            const auto e = j / points;
            sigma[j] = ww.per_atom(grid_[j % points], elements_[e].atomic_number, atomic_mass[e]);
        }
    });
    for (std::size_t e = 0; e < elements_.size(); ++e)
    {
        elements_[e].sigma.assign(sigma.begin() + static_cast<std::ptrdiff_t>(e * points),
                                  sigma.begin() + static_cast<std::ptrdiff_t>((e + 1) * points));
    }
}

double DarkBremCrossSectionTable::interpolate(const std::vector<double>& sigma, double t) const
{
    if (t < grid_.front()) return 0;
    if (t >= grid_.back()) return sigma.back();
    // Three consecutive points around t (the first three, the last three at the ends).
    auto i = static_cast<std::size_t>(std::upper_bound(grid_.begin(), grid_.end(), t) - grid_.begin());
    i = std::clamp<std::size_t>(i, 1, grid_.size() - 2) - 1;
    const double x0 = grid_[i], x1 = grid_[i + 1], x2 = grid_[i + 2];
    const double l0 = (t - x1) * (t - x2) / ((x0 - x1) * (x0 - x2));
    const double l1 = (t - x0) * (t - x2) / ((x1 - x0) * (x1 - x2));
    const double l2 = (t - x0) * (t - x1) / ((x2 - x0) * (x2 - x1));
    return std::max(0.0, l0 * sigma[i] + l1 * sigma[i + 1] + l2 * sigma[i + 2]);
}

double DarkBremCrossSectionTable::component(int material, std::size_t i, double kinetic_energy) const
{
    if (material < 0 || static_cast<std::size_t>(material) >= materials_.size()) return 0;
    const auto& entry = materials_[static_cast<std::size_t>(material)];
    if (i >= entry.element.size()) return 0;
    return entry.atoms_per_volume[i] *
           interpolate(elements_[static_cast<std::size_t>(entry.element[i])].sigma, kinetic_energy);
}

double DarkBremCrossSectionTable::macroscopic(int material, double kinetic_energy) const
{
    if (material < 0 || static_cast<std::size_t>(material) >= materials_.size()) return 0;
    double sum = 0;
    for (std::size_t i = 0; i < materials_[static_cast<std::size_t>(material)].element.size(); ++i)
    {
        sum += component(material, i, kinetic_energy);
    }
    return sum;
}

double DarkBremCrossSectionTable::per_atom(int atomic_number, double kinetic_energy) const
{
    for (const auto& e : elements_)
    {
        if (e.atomic_number == atomic_number) return interpolate(e.sigma, kinetic_energy);
    }
    return 0;
}
}  // namespace umbra::sim
