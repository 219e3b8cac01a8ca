#include "umbra/sim/PhotoelectricEffect.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/sim/detail/SandiaPhotoabsorption.hpp"

namespace umbra::sim
{
namespace
{
constexpr double electron_mass = constants::electron_mass;
constexpr double two_pi = 2 * constants::pi;

const detail::SandiaElement& element_or_throw(int atomic_number)
{
    const detail::SandiaElement* element = detail::find_sandia_element(atomic_number);
    if (element == nullptr)
        throw InputError("photoelectric effect: no Sandia coefficients for Z = " +
                         std::to_string(atomic_number) +
                         " (only Z = 1-30, 74, 79, 82 are tabulated); add the element's rows of"
                         " G4StaticSandiaData to src/sim/SandiaPhotoabsorption.cpp");
    return *element;
}
}  // namespace

bool PhotoelectricEffect::has_element(int atomic_number) noexcept
{
    return detail::find_sandia_element(atomic_number) != nullptr;
}

double PhotoelectricEffect::cross_section_per_atom(double photon_energy, int atomic_number) const
{
    const detail::SandiaElement& element = element_or_throw(atomic_number);
    const double e_kev = photon_energy / units::keV;
    const auto& intervals = element.intervals;
    if (!(e_kev >= intervals.front().lower_energy)) return 0;
    // Last interval whose lower edge is <= E (G4SandiaTable::GetSandiaCofPerAtom).
    auto it = std::upper_bound(intervals.begin(), intervals.end(), e_kev,
                               [](double e, const detail::SandiaInterval& i) {
                                   return e < i.lower_energy;
                               });
    const detail::SandiaInterval& c = *(it - 1);
    const double x = 1 / e_kev;
    const double mass_attenuation = x * (c.a1 + x * (c.a2 + x * (c.a3 + x * c.a4)));  // [cm^2/g]
    // per atom: times A / N_A [g]
    const double sigma = mass_attenuation * units::cm * units::cm * element.molar_mass /
                         constants::avogadro;
    return std::max(sigma, 0.0);
}

double PhotoelectricEffect::binding_energy(double photon_energy, int atomic_number) const
{
    const detail::SandiaElement& element = element_or_throw(atomic_number);
    for (const double shell : element.binding_energies)
        if (photon_energy >= shell * units::eV) return shell * units::eV;
    return photon_energy;
}

double PhotoelectricEffect::sample_sauter_gavrila_cos_theta(double kinetic_energy,
                                                            RandomStream& rng) noexcept
{
    // G4SauterGavrilaAngularDistribution / PENELOPE 2014 eqs. 2.28-2.31: with
    // nu = 1 - cos theta, A = 1/beta - 1, the DCS is sampled as nu from
    // g ~ (A + nu)^-2 ... by inversion and the rejection function
    // g(nu) = (2 - nu) [1/(A + nu) + beta gamma (gamma - 1)(gamma - 2)/2].
    constexpr double min_energy = 1 * units::eV;
    constexpr double max_energy = 100 * units::MeV;
    if (kinetic_energy > max_energy) return 1;
    const double tau = std::max(kinetic_energy, min_energy) / electron_mass;
    const double gamma = 1 + tau;
    const double beta = std::sqrt(tau * (tau + 2)) / gamma;
    const double ac = (1 - beta) / beta;
    const double a1 = 0.5 * beta * gamma * tau * (gamma - 2);
    const double a2 = ac + 2;
    const double g_max = 2 * (a1 + 1 / ac);  // g at nu = 0
    for (;;)
    {
        const double r = rng.uniform();
        const double nu = 2 * ac * (2 * r + a2 * std::sqrt(r)) / (a2 * a2 - 4 * r);
        const double g = (2 - nu) * (a1 + 1 / (ac + nu));
        if (rng.uniform() * g_max <= g) return 1 - nu;
    }
}

PhotoelectricFinalState PhotoelectricEffect::sample(double photon_energy, int atomic_number,
                                                    const ThreeVector& direction,
                                                    RandomStream& rng) const
{
    PhotoelectricFinalState out;
    const double binding = binding_energy(photon_energy, atomic_number);
    const double kinetic = photon_energy - binding;
    constexpr double min_electron_energy = 1 * units::eV;  // below: deposited (Geant4 fminimalEnergy)
    if (kinetic > min_electron_energy)
    {
        const double cos_theta = sample_sauter_gavrila_cos_theta(kinetic, rng);
        const double sin_theta = std::sqrt(std::max(0.0, (1 - cos_theta) * (1 + cos_theta)));
        const double phi = two_pi * rng.uniform();
        out.electron_kinetic_energy = kinetic;
        out.electron_direction = rotate_to_frame(
            ThreeVector{sin_theta * std::cos(phi), sin_theta * std::sin(phi), cos_theta},
            direction);
        out.deposited_energy = binding;
    }
    else
    {
        out.deposited_energy = photon_energy;
    }
    return out;
}
}  // namespace umbra::sim
