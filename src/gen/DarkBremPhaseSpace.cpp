#include "umbra/gen/DarkBremPhaseSpace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::gen
{
namespace
{
constexpr double pi = constants::pi;

struct Vector3
{
    double x = 0, y = 0, z = 0;
    Vector3 operator+(const Vector3& o) const { return {x + o.x, y + o.y, z + o.z}; }
    Vector3 operator-(const Vector3& o) const { return {x - o.x, y - o.y, z - o.z}; }
    Vector3 operator*(double s) const { return {x * s, y * s, z * s}; }
    double dot(const Vector3& o) const { return x * o.x + y * o.y + z * o.z; }
    double norm() const { return std::sqrt(dot(*this)); }
};

//! Unit vector at polar angle theta and azimuth phi about the axis `axis` (unit).
Vector3 rotate_about(const Vector3& axis, double theta, double phi)
{
    // Orthonormal frame (e1, e2, axis).
    const Vector3 helper = std::abs(axis.z) < 0.9 ? Vector3{0, 0, 1} : Vector3{1, 0, 0};
    Vector3 e1{helper.y * axis.z - helper.z * axis.y, helper.z * axis.x - helper.x * axis.z,
               helper.x * axis.y - helper.y * axis.x};
    e1 = e1 * (1 / e1.norm());
    const Vector3 e2{axis.y * e1.z - axis.z * e1.y, axis.z * e1.x - axis.x * e1.z, axis.x * e1.y - axis.y * e1.x};
    const double s = std::sin(theta);
    return e1 * (s * std::cos(phi)) + e2 * (s * std::sin(phi)) + axis * std::cos(theta);
}

//! theta^2 = scale2 (exp(u L) - 1), L = ln(1 + max^2/scale2): returns theta and d(theta^2)/du.
std::pair<double, double> log_angle(double u, double scale2, double max_angle)
{
    const double span = std::log1p(max_angle * max_angle / scale2);
    const double theta2 = scale2 * std::expm1(u * span);
    return {std::sqrt(theta2), span * (theta2 + scale2)};
}
//! sin(theta) / (2 theta): the Jacobian of d(cos theta) = sin(theta)/(2 theta) d(theta^2).
double half_sinc(double theta) { return theta < 1e-6 ? 0.5 * (1 - theta * theta / 6) : std::sin(theta) / (2 * theta); }
}  // namespace

void DarkBremPhaseSpace::Config::validate() const
{
    if (!(lepton_mass > 0) || !(nucleus_mass > 0) || !(boson_mass > 0))
        throw InputError("dark-brem phase space: masses must be positive");
    if (!(beam_energy > boson_mass + lepton_mass))
        throw InputError(fmt::format("beam energy {} GeV is below the threshold for a {} GeV boson (mass above "
                                     "the kinematic limit)", beam_energy, boson_mass));
}

DarkBremPhaseSpace::DarkBremPhaseSpace(const Config& config) : config_(config)
{
    config_.validate();
    const double e0 = config_.beam_energy;
    const double m = config_.lepton_mass;
    lepton_in_ = {e0, 0, 0, std::sqrt(e0 * e0 - m * m)};
    nucleus_in_ = {config_.nucleus_mass, 0, 0, 0};
    x_min_ = config_.boson_mass / e0;
    x_max_ = 1 - m / e0;
    flux_ = 4 * config_.nucleus_mass * lepton_in_.pz;
}

std::optional<DarkBremKinematics> DarkBremPhaseSpace::map(std::span<const double> u) const
{
    const double e0 = config_.beam_energy;
    const double m = config_.lepton_mass;
    const double mx = config_.boson_mass;
    const double big_m = config_.nucleus_mass;

    // x: 1 - x from (1 - x_min) down to (1 - x_max), logarithmically.
    const double one_minus_max = 1 - x_min_, one_minus_min = 1 - x_max_;
    const double log_span = std::log(one_minus_max / one_minus_min);
    const double one_minus_x = one_minus_max * std::exp(-u[0] * log_span);
    const double x = 1 - one_minus_x;
    const double dx_du = one_minus_x * log_span;
    const double energy_x = x * e0;
    if (!(energy_x > mx)) return std::nullopt;
    const double momentum_x = std::sqrt(energy_x * energy_x - mx * mx);

    // X direction.
    const double u_min = mx * mx * one_minus_x / x + m * m * x;
    const double theta_c2 = u_min / (x * e0 * e0);
    const auto [theta_x, dtheta2_du] = log_angle(u[1], theta_c2, pi);
    if (!(theta_x < pi)) return std::nullopt;
    const double phi_x = 2 * pi * u[2];
    const Vector3 k_dir{std::sin(theta_x) * std::cos(phi_x), std::sin(theta_x) * std::sin(phi_x), std::cos(theta_x)};
    const Vector3 k3 = k_dir * momentum_x;

    // Lepton direction about p1 - k.
    const Vector3 p1{0, 0, lepton_in_.pz};
    const Vector3 rest = p1 - k3;  // = p2 + P2 (three-momentum)
    const double rest_norm = rest.norm();
    const double available = e0 + big_m - energy_x;  // = E2 + E_N2
    const double p2_estimate2 = (available - big_m) * (available - big_m) - m * m;
    if (!(p2_estimate2 > 0)) return std::nullopt;
    const double p2_estimate = std::sqrt(p2_estimate2);
    const double q_min = std::max(std::abs(rest_norm - p2_estimate), 1e-12 * e0);
    const double psi0_2 = q_min * q_min / p2_estimate2;
    const auto [psi, dpsi2_du] = log_angle(u[3], psi0_2, pi);
    if (!(psi < pi)) return std::nullopt;
    const double phi_e = 2 * pi * u[4];
    const Vector3 n_e = rotate_about(rest * (1 / rest_norm), psi, phi_e);

    // Energy conservation fixes |p2|: F(p) = available - E2(p) - E_N(p) = 0, decreasing in p.
    auto excess = [&](double p) {
        const Vector3 recoil = rest - n_e * p;
        return available - std::sqrt(p * p + m * m) - std::sqrt(big_m * big_m + recoil.dot(recoil));
    };
    // Safeguarded Newton: start from the estimate without nucleus recoil, keep the bracket
    // [lo, hi] with F(lo) > 0 > F(hi), and bisect whenever a step would leave it.
    double lo = 0, hi = available;
    if (!(excess(lo) > 0) || !(excess(hi) < 0)) return std::nullopt;
    double p = std::clamp(p2_estimate, lo, hi);
    for (int i = 0; i < 100; ++i)
    {
        const double f = excess(p);
        if (f > 0) lo = p;
        else hi = p;
        const Vector3 recoil_now = rest - n_e * p;
        const double slope = p / std::sqrt(p * p + m * m) -
                             recoil_now.dot(n_e) / std::sqrt(big_m * big_m + recoil_now.dot(recoil_now));  // -dF/dp
        double next = slope > 0 ? p + f / slope : 0.5 * (lo + hi);
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        const bool converged = std::abs(next - p) <= 1e-15 * available;
        p = next;
        if (converged || hi - lo <= 1e-15 * available) break;
    }
    const Vector3 p2 = n_e * p;
    const Vector3 recoil = rest - p2;
    const double e2 = std::sqrt(p * p + m * m);
    const double e_n = std::sqrt(big_m * big_m + recoil.dot(recoil));
    const double derivative = p / e2 - recoil.dot(n_e) / e_n;  // -dF/dp
    if (!(derivative > 0)) return std::nullopt;

    DarkBremKinematics result;
    result.lepton_in = lepton_in_;
    result.nucleus_in = nucleus_in_;
    result.boson = {energy_x, k3.x, k3.y, k3.z};
    result.lepton_out = {e2, p2.x, p2.y, p2.z};
    result.nucleus_out = {e_n, recoil.x, recoil.y, recoil.z};

    // (2 pi)^4 dPhi_3 = (2 pi)^-5 [|k|^2 d|k| dOmega_k / (2 E_k)] [p^2 dOmega_e / (2 E_2)] / (2 E_N) / |dF/dp|
    // with d|k| = (E_k/|k|) E0 dx and dOmega = sin(theta) / (2 theta) d(theta^2) dphi.
    const double d_omega_x = half_sinc(theta_x) * dtheta2_du * 2 * pi;
    const double d_omega_e = half_sinc(psi) * dpsi2_du * 2 * pi;
    const double boson_part = momentum_x * e0 * dx_du / 2 * d_omega_x;
    const double lepton_part = p * p / (2 * e2) * d_omega_e;
    result.phase_space_weight =
        boson_part * lepton_part / (2 * e_n) / derivative / std::pow(2 * pi, 5);
    return result;
}
}  // namespace umbra::gen
