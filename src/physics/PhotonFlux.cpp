#include "umbra/physics/PhotonFlux.hpp"

#include <cmath>

namespace umbra::physics
{
PhotonFlux::PhotonFlux(NuclearFormFactor form_factor, double relative_tolerance)
    : form_factor_(std::move(form_factor)), integrator_({relative_tolerance, 0, 2000})
{
}

double PhotonFlux::operator()(double t_min, double t_max)
{
    if (!(t_min > 0) || !(t_max > t_min)) return 0;
    // Elastic part (~95 % of chi, the sharply varying one) in closed form; the smooth
    // inelastic part numerically in u = ln t: dt (t - t_min)/t^2 G2 = du (t - t_min)/t G2,
    // to an absolute tolerance relative to the whole.
    const double elastic = elastic_closed_form(t_min, t_max);
    if (form_factor_.config().inelastic == NuclearFormFactor::InelasticTerm::none) return elastic;
    auto integrand = [&](double u) {
        const double t = std::exp(u);
        return (t - t_min) / t * form_factor_.inelastic(t);
    };
    const double tolerance = integrator_.config().relative_tolerance * std::abs(elastic);
    return elastic + integrator_.integrate(integrand, std::log(t_min), std::log(t_max), tolerance).value;
}

double PhotonFlux::elastic_closed_form(double t_min, double t_max) const noexcept
{
    const double ta = 1 / (form_factor_.screening_a() * form_factor_.screening_a());
    const double td = form_factor_.nuclear_size_d();
    const double z = form_factor_.config().atomic_number;
    const double diff = ta - td;
    return -z * z * td * td / (diff * diff * diff) *
           (diff * (ta + td + 2 * t_max) * (t_max - t_min) / ((ta + t_max) * (td + t_max)) +
            (ta + td + 2 * t_min) * (std::log((ta + t_max) / (td + t_max)) - std::log((ta + t_min) / (td + t_min))));
}
}  // namespace umbra::physics
