#include "umbra/gen/DarkBremMatrixElement.hpp"

#include <complex>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::gen
{
namespace
{
using Complex = std::complex<double>;

//! 4x4 complex matrix, row-major.
struct Matrix
{
    std::array<Complex, 16> a{};
    Complex& operator()(int i, int j) noexcept { return a[static_cast<std::size_t>(4 * i + j)]; }
    Complex operator()(int i, int j) const noexcept { return a[static_cast<std::size_t>(4 * i + j)]; }

    Matrix operator*(const Matrix& o) const noexcept
    {
        Matrix r;
        for (int i = 0; i < 4; ++i)
            for (int k = 0; k < 4; ++k)
            {
                const Complex x = (*this)(i, k);
                if (x == Complex{}) continue;
                for (int j = 0; j < 4; ++j) r(i, j) += x * o(k, j);
            }
        return r;
    }
    Matrix operator+(const Matrix& o) const noexcept
    {
        Matrix r;
        for (std::size_t i = 0; i < 16; ++i) r.a[i] = a[i] + o.a[i];
        return r;
    }
    Matrix operator*(Complex s) const noexcept
    {
        Matrix r;
        for (std::size_t i = 0; i < 16; ++i) r.a[i] = a[i] * s;
        return r;
    }
    Complex trace() const noexcept { return a[0] + a[5] + a[10] + a[15]; }
    //! Hermitian conjugate.
    Matrix dagger() const noexcept
    {
        Matrix r;
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j) r(i, j) = std::conj((*this)(j, i));
        return r;
    }
};

//! Tr(A B) = sum_ij A_ij B_ji without forming the product.
Complex trace_of_product(const Matrix& a, const Matrix& b) noexcept
{
    Complex sum{};
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) sum += a(i, j) * b(j, i);
    return sum;
}

Matrix identity()
{
    Matrix m;
    for (int i = 0; i < 4; ++i) m(i, i) = 1;
    return m;
}

//! Dirac representation: gamma^0 = diag(1, 1, -1, -1), gamma^i = [[0, s_i], [-s_i, 0]],
//! gamma5 = [[0, 1], [1, 0]].
struct DiracMatrices
{
    std::array<Matrix, 4> gamma;
    Matrix gamma5;
    DiracMatrices()
    {
        const Complex i{0, 1};
        gamma[0](0, 0) = 1;
        gamma[0](1, 1) = 1;
        gamma[0](2, 2) = -1;
        gamma[0](3, 3) = -1;
        // Pauli matrices placed in the off-diagonal blocks.
        const std::array<std::array<Complex, 4>, 3> sigma = {{{0, 1, 1, 0}, {0, -i, i, 0}, {1, 0, 0, -1}}};
        for (int k = 0; k < 3; ++k)
        {
            for (int r = 0; r < 2; ++r)
                for (int c = 0; c < 2; ++c)
                {
                    gamma[static_cast<std::size_t>(k + 1)](r, c + 2) = sigma[static_cast<std::size_t>(k)][static_cast<std::size_t>(2 * r + c)];
                    gamma[static_cast<std::size_t>(k + 1)](r + 2, c) = -sigma[static_cast<std::size_t>(k)][static_cast<std::size_t>(2 * r + c)];
                }
        }
        gamma5(0, 2) = 1;
        gamma5(1, 3) = 1;
        gamma5(2, 0) = 1;
        gamma5(3, 1) = 1;
    }
};

const DiracMatrices& dirac()
{
    static const DiracMatrices matrices;
    return matrices;
}

//! p/ = gamma^mu p_mu = gamma^0 E - gamma^i p^i.
Matrix slash(const Momentum& p)
{
    const auto& g = dirac().gamma;
    return g[0] * Complex(p.e) + g[1] * Complex(-p.px) + g[2] * Complex(-p.py) + g[3] * Complex(-p.pz);
}

//! Obar = gamma^0 O^dagger gamma^0.
Matrix bar(const Matrix& m)
{
    const auto& g0 = dirac().gamma[0];
    return g0 * m.dagger() * g0;
}

constexpr std::array<double, 4> metric = {1, -1, -1, -1};

//! t = (P2 - P1)^2 without cancellation: the nucleus recoil energy E2 - E1 is computed as
//! (|P2|^2 - |P1|^2) / (E2 + E1) (exact, since both have mass M), not as a difference of two
//! numbers ~M that agree to ~1e-10.
double momentum_transfer_squared(const Momentum& nucleus1, const Momentum& nucleus2) noexcept
{
    const double q1 = nucleus2.px - nucleus1.px, q2 = nucleus2.py - nucleus1.py, q3 = nucleus2.pz - nucleus1.pz;
    const double p2sq_difference = (nucleus2.px + nucleus1.px) * q1 + (nucleus2.py + nucleus1.py) * q2 +
                                   (nucleus2.pz + nucleus1.pz) * q3;  // |P2|^2 - |P1|^2
    const double q0 = p2sq_difference / (nucleus2.e + nucleus1.e);
    return q0 * q0 - (q1 * q1 + q2 * q2 + q3 * q3);
}

// ---- Amplitude-level evaluation with Dirac spinors (the fast path of squared()) ----

using Spinor = std::array<Complex, 4>;
constexpr Complex imaginary{0, 1};

//! gamma^mu v in the Dirac representation (see DiracMatrices), without matrix products.
inline Spinor gamma_times(int mu, const Spinor& v) noexcept
{
    switch (mu)
    {
        case 0: return {v[0], v[1], -v[2], -v[3]};
        case 1: return {v[3], v[2], -v[1], -v[0]};
        case 2: return {-imaginary * v[3], imaginary * v[2], imaginary * v[1], -imaginary * v[0]};
        default: return {v[2], -v[3], -v[0], v[1]};
    }
}

inline Spinor gamma5_times(const Spinor& v) noexcept { return {v[2], v[3], v[0], v[1]}; }

//! (q/ + m) v / (q^2 - m^2): the fermion propagator numerator and denominator.
inline Spinor propagate(const Momentum& q, double m, const Spinor& v) noexcept
{
    const Spinor g0 = gamma_times(0, v), g1 = gamma_times(1, v), g2 = gamma_times(2, v), g3 = gamma_times(3, v);
    const double inverse = 1 / (q.m2() - m * m);
    Spinor r;
    for (std::size_t i = 0; i < 4; ++i)
        r[i] = (q.e * g0[i] - q.px * g1[i] - q.py * g2[i] - q.pz * g3[i] + m * v[i]) * inverse;
    return r;
}

//! u(p, s) = (sqrt(E+m) chi_s, sigma.p chi_s / sqrt(E+m)) with chi_0 = (1,0), chi_1 = (0,1):
//! sum_s u ubar = p/ + m.
inline Spinor dirac_spinor(const Momentum& p, double m, int s) noexcept
{
    const double norm = std::sqrt(p.e + m);
    const Complex chi0 = s == 0 ? 1.0 : 0.0, chi1 = s == 0 ? 0.0 : 1.0;
    // sigma.p chi = (pz chi0 + (px - i py) chi1, (px + i py) chi0 - pz chi1)
    const Complex lower0 = p.pz * chi0 + Complex(p.px, -p.py) * chi1;
    const Complex lower1 = Complex(p.px, p.py) * chi0 - p.pz * chi1;
    return {norm * chi0, norm * chi1, lower0 / norm, lower1 / norm};
}

//! ubar w = u^dagger gamma^0 w.
inline Complex sandwich(const Spinor& u, const Spinor& w) noexcept
{
    return std::conj(u[0]) * w[0] + std::conj(u[1]) * w[1] - std::conj(u[2]) * w[2] - std::conj(u[3]) * w[3];
}
}  // namespace

DarkBremMatrixElement::DarkBremMatrixElement(const Config& config)
    : config_(config), form_factor_(config.form_factor)
{
}

std::array<std::array<double, 4>, 4> DarkBremMatrixElement::lepton_tensor(const Momentum& p1, const Momentum& p2,
                                                                           const Momentum& k) const
{
    const auto& d = dirac();
    const double m = config_.lepton_mass;
    const Matrix unit = identity();
    const Matrix in = slash(p1) + unit * Complex(m);   // p1/ + m
    const Matrix out = slash(p2) + unit * Complex(m);  // p2/ + m
    const Momentum s_out = p2 + k;                     // propagator after emission from the outgoing lepton
    const Momentum s_in = p1 - k;                      // propagator after emission from the incoming lepton
    const Matrix prop_out = (slash(s_out) + unit * Complex(m)) * Complex(1 / (s_out.m2() - m * m));
    const Matrix prop_in = (slash(s_in) + unit * Complex(m)) * Complex(1 / (s_in.m2() - m * m));

    // Boson vertices V and the weights of their polarisation sum.
    std::array<Matrix, 4> vertices;
    std::array<double, 4> weights{};
    int n_vertices = 0;
    switch (config_.kind)
    {
        case physics::DarkParticleKind::vector:
            for (int alpha = 0; alpha < 4; ++alpha)
            {
                vertices[static_cast<std::size_t>(alpha)] = d.gamma[static_cast<std::size_t>(alpha)];
                weights[static_cast<std::size_t>(alpha)] = -metric[static_cast<std::size_t>(alpha)];  // -g_{alpha alpha}
            }
            n_vertices = 4;
            break;
        case physics::DarkParticleKind::pseudoscalar:
            vertices[0] = d.gamma5;
            weights[0] = 1;
            n_vertices = 1;
            break;
        case physics::DarkParticleKind::scalar:
            vertices[0] = unit;
            weights[0] = 1;
            n_vertices = 1;
            break;
    }

    std::array<std::array<double, 4>, 4> tensor{};
    for (int v = 0; v < n_vertices; ++v)
    {
        const Matrix& vertex = vertices[static_cast<std::size_t>(v)];
        std::array<Matrix, 4> left, right;  // (p2/+m) O^mu and (p1/+m) Obar^nu
        for (int mu = 0; mu < 4; ++mu)
        {
            const Matrix& g = d.gamma[static_cast<std::size_t>(mu)];
            const Matrix current = vertex * prop_out * g + g * prop_in * vertex;
            left[static_cast<std::size_t>(mu)] = out * current;
            right[static_cast<std::size_t>(mu)] = in * bar(current);
        }
        for (int mu = 0; mu < 4; ++mu)
            for (int nu = 0; nu < 4; ++nu)
            {
                tensor[static_cast<std::size_t>(mu)][static_cast<std::size_t>(nu)] +=
                    weights[static_cast<std::size_t>(v)] *
                    trace_of_product(left[static_cast<std::size_t>(mu)], right[static_cast<std::size_t>(nu)]).real();
            }
    }
    return tensor;
}

double DarkBremMatrixElement::squared(const Momentum& p1, const Momentum& nucleus1, const Momentum& p2,
                                      const Momentum& nucleus2, const Momentum& k) const
{
    // Sum over lepton spins s1, s2 and boson "polarisations" (vector: V = gamma^alpha with weight
    // -g_{alpha alpha}) of the current M^mu = ubar(p2) O^mu u(p1), contracted with the nucleus tensor.
    // With P2 = P1 + q and q_mu M^mu = 0 (current conservation), H_{mu nu} M^mu M^nu* reduces to
    //   4 [2 |M.P1|^2 + (t/2) M.M^*]     (P1.P2 - M^2 = -t/2),
    // which avoids the cancellations of the M^2-sized terms of the full tensor.
    const double m = config_.lepton_mass;
    const double t = momentum_transfer_squared(nucleus1, nucleus2);
    const Momentum out_propagator = p2 + k;
    const Momentum in_propagator = p1 - k;
    const bool vector = config_.kind == physics::DarkParticleKind::vector;
    const int n_vertices = vector ? 4 : 1;
    auto apply_vertex = [&](int alpha, const Spinor& v) -> Spinor {
        if (vector) return gamma_times(alpha, v);
        if (config_.kind == physics::DarkParticleKind::pseudoscalar) return gamma5_times(v);
        return v;
    };
    double contraction = 0;
    for (int s1 = 0; s1 < 2; ++s1)
    {
        const Spinor u1 = dirac_spinor(p1, m, s1);
        // Pieces independent of the outgoing spin, computed once per s1:
        //   late[mu]  = S(p2 + k) gamma^mu u1   (X emitted after the photon)
        //   early[a]  = S(p1 - k) V_a u1        (X emitted before the photon)
        std::array<Spinor, 4> late, early;
        for (int mu = 0; mu < 4; ++mu) late[static_cast<std::size_t>(mu)] = propagate(out_propagator, m, gamma_times(mu, u1));
        for (int alpha = 0; alpha < n_vertices; ++alpha)
            early[static_cast<std::size_t>(alpha)] = propagate(in_propagator, m, apply_vertex(alpha, u1));
        // W[a][mu] = V_a late[mu] + gamma^mu early[a]; the current is ubar2 W.
        std::array<std::array<Spinor, 4>, 4> w;
        for (int alpha = 0; alpha < n_vertices; ++alpha)
            for (int mu = 0; mu < 4; ++mu)
            {
                const Spinor a = apply_vertex(alpha, late[static_cast<std::size_t>(mu)]);
                const Spinor b = gamma_times(mu, early[static_cast<std::size_t>(alpha)]);
                auto& target = w[static_cast<std::size_t>(alpha)][static_cast<std::size_t>(mu)];
                for (std::size_t i = 0; i < 4; ++i) target[i] = a[i] + b[i];
            }
        for (int s2 = 0; s2 < 2; ++s2)
        {
            const Spinor u2 = dirac_spinor(p2, m, s2);
            for (int alpha = 0; alpha < n_vertices; ++alpha)
            {
                const double weight = vector ? -metric[static_cast<std::size_t>(alpha)] : 1.0;
                std::array<Complex, 4> current;
                for (int mu = 0; mu < 4; ++mu)
                    current[static_cast<std::size_t>(mu)] =
                        sandwich(u2, w[static_cast<std::size_t>(alpha)][static_cast<std::size_t>(mu)]);
                // Lower-index contraction M.P1 = M^mu P1_mu.
                const Complex with_p1 = current[0] * nucleus1.e - current[1] * nucleus1.px -
                                        current[2] * nucleus1.py - current[3] * nucleus1.pz;
                const double norm = std::norm(current[0]) - std::norm(current[1]) - std::norm(current[2]) -
                                    std::norm(current[3]);
                contraction += weight * 4 * (2 * std::norm(with_p1) + 0.5 * t * norm);
            }
        }
    }
    const double g2 = form_factor_(-t * units::GeV * units::GeV);
    const double e_lepton2 = 4 * constants::pi * config_.alpha_lepton;
    const double e_nucleus2 = 4 * constants::pi * config_.alpha_nucleus;
    return 0.25 * e_lepton2 * e_nucleus2 * config_.boson_coupling * config_.boson_coupling * g2 / (t * t) *
           contraction;
}
double DarkBremMatrixElement::squared_reference(const Momentum& p1, const Momentum& nucleus1, const Momentum& p2,
                                                const Momentum& nucleus2, const Momentum& k) const
{
    const auto lepton = lepton_tensor(p1, p2, k);
    const double t = momentum_transfer_squared(nucleus1, nucleus2);
    const double p1p2_minus_m2 = -0.5 * t;  // P1.P2 - M^2, without cancellation
    double contraction = 0;
    for (int mu = 0; mu < 4; ++mu)
        for (int nu = 0; nu < 4; ++nu)
        {
            const auto m_ = static_cast<std::size_t>(mu), n_ = static_cast<std::size_t>(nu);
            // H_{mu nu} = 4 [P2_mu P1_nu + P1_mu P2_nu - g_{mu nu} (P1.P2 - M^2)], lower indices.
            double h = metric[m_] * nucleus2[mu] * metric[n_] * nucleus1[nu] +
                       metric[m_] * nucleus1[mu] * metric[n_] * nucleus2[nu];
            if (mu == nu) h -= metric[m_] * p1p2_minus_m2;
            contraction += lepton[m_][n_] * 4 * h;
        }
    const double g2 = form_factor_(-t * units::GeV * units::GeV);
    return 0.25 * 4 * constants::pi * config_.alpha_lepton * 4 * constants::pi * config_.alpha_nucleus *
           config_.boson_coupling * config_.boson_coupling * g2 / (t * t) * contraction;
}
}  // namespace umbra::gen
