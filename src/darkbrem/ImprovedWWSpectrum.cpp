#include "umbra/darkbrem/ImprovedWWSpectrum.hpp"

#include <algorithm>
#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::darkbrem
{
ImprovedWWResult improved_ww_cross_section(const ImprovedWWInput& in, physics::PhotonFlux& flux)
{
    const double m = in.boson_mass, me = in.electron_mass, e0 = in.beam_energy;
    const double x_min = m / e0, x_max = 1 - std::max(me, m) / e0;
    const double gev2 = units::GeV * units::GeV;
    auto dsigma_dx = [&](double x) {
        const double u = m * m * (1 - x) / x + me * me * x;
        const double beta = std::sqrt(std::max(0.0, 1 - m * m / (x * x * e0 * e0)));
        const double t_min = u * u / (4 * e0 * e0 * (1 - x) * (1 - x));
        const double chi = flux(t_min * gev2, e0 * e0 * gev2);
        double shape = 0;
        switch (in.kind)
        {
            case physics::DarkParticleKind::pseudoscalar:
                shape = (2 * x * x * u + me * me * x * x * x) / (3 * u * u);
                break;
            case physics::DarkParticleKind::scalar:
                shape = x * (2 * x * u + me * me * (2 - x) * (2 - x)) / (3 * u * u);
                break;
            case physics::DarkParticleKind::vector:
                shape = 2.0 / 3.0 * (2 * (3 - 3 * x + x * x) * u + me * me * x * (x * x + 2 * x - 2)) / (u * u);
                break;
        }
        return in.alpha * in.alpha * in.alpha_x * chi * beta * shape;
    };
    AdaptiveIntegrator integrator({1e-7, 0, 2000});
    const double sigma = integrator.integrate(dsigma_dx, x_min, x_max).value;
    const double first_moment = integrator.integrate([&](double x) { return x * dsigma_dx(x); }, x_min, x_max).value;
    const double to_pb = constants::hbar_c_squared_gev2_mb * 1e9;
    return {sigma * to_pb, first_moment / sigma};
}
}  // namespace umbra::darkbrem
