#include "umbra/sim/ShowerScales.hpp"

#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/sim/ElectronStoppingPower.hpp"

namespace umbra::sim
{
double ShowerScales::scale_energy() noexcept
{
    return constants::electron_mass * std::sqrt(4.0 * constants::pi / constants::alpha);
}

ShowerScales::ShowerScales(const geometry::Material& material) : radiation_length_(material.radiation_length())
{
    const ElectronStoppingPower stopping_power;
    // g(E) = (dE/dx)_col(E) X0 - E decreases monotonically through zero between 10 keV and
    // 100 GeV for every material (dE/dx X0 ~ 20..700 MeV varies only logarithmically).
    auto excess = [&](double energy) {
        return stopping_power.dedx(material, energy, Charge::electron) * radiation_length_ - energy;
    };
    double low = 10.0 * units::keV;
    double high = 100.0 * units::GeV;
    for (int i = 0; i < 200 && high / low > 1.0 + 1e-12; ++i)
    {
        const double mid = std::sqrt(low * high);
        (excess(mid) > 0 ? low : high) = mid;
    }
    critical_energy_ = std::sqrt(low * high);
    moliere_radius_ = radiation_length_ * scale_energy() / critical_energy_;
}

double ShowerScales::critical_energy_pdg_fit(const geometry::Material& material) noexcept
{
    const double z = material.mass_weighted_atomic_number();
    return material.state() == geometry::MaterialState::gas ? 710.0 * units::MeV / (z + 0.92)
                                                            : 610.0 * units::MeV / (z + 1.24);
}
}  // namespace umbra::sim
