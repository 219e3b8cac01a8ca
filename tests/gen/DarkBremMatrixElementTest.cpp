#include "umbra/gen/DarkBremMatrixElement.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "umbra/core/RandomStream.hpp"
#include "umbra/gen/DarkBremPhaseSpace.hpp"

using namespace umbra;
using namespace umbra::gen;

namespace
{
DarkBremMatrixElement::Config config_for(physics::DarkParticleKind kind)
{
    DarkBremMatrixElement::Config c;
    c.kind = kind;
    c.boson_coupling = 1e-3;
    c.form_factor = {74, 171.3};
    return c;
}

//! Random on-shell configurations from the phase-space map.
template <typename Check>
void for_random_points(double mass, int n, Check check)
{
    DarkBremPhaseSpace phase_space({8.0, 0.000511, 171.3, mass});
    RandomStream rng({21, StreamId::test, 0});
    int done = 0;
    while (done < n)
    {
        double u[5];
        for (auto& v : u) v = rng.uniform();
        const auto point = phase_space.map(u);
        if (!point) continue;
        check(*point);
        ++done;
    }
}

Momentum boost_z(const Momentum& p, double beta)
{
    const double gamma = 1 / std::sqrt(1 - beta * beta);
    return {gamma * (p.e + beta * p.pz), p.px, p.py, gamma * (p.pz + beta * p.e)};
}

Momentum rotate_y(const Momentum& p, double angle)
{
    const double c = std::cos(angle), s = std::sin(angle);
    return {p.e, c * p.px + s * p.pz, p.py, -s * p.px + c * p.pz};
}
}  // namespace

TEST(DarkBremMatrixElement, PhaseSpacePointsConserveFourMomentum)
{
    for_random_points(0.01, 2000, [](const DarkBremKinematics& k) {
        const Momentum in = k.lepton_in + k.nucleus_in;
        const Momentum out = k.lepton_out + k.nucleus_out + k.boson;
        const double scale = in.e;
        for (int mu = 0; mu < 4; ++mu) ASSERT_NEAR(in[mu], out[mu], 1e-12 * scale);
        ASSERT_NEAR(k.lepton_out.m2(), 0.000511 * 0.000511, 1e-9 * k.lepton_out.e * k.lepton_out.e);
        ASSERT_NEAR(k.boson.m2(), 1e-4, 1e-9 * k.boson.e * k.boson.e);
        ASSERT_GT(k.phase_space_weight, 0.0);
    });
}

// Current conservation: q_mu L^{mu nu} = 0 for the photon momentum q = p2 + k - p1 (the Ward
// identity of the lepton line with on-shell external legs), for every kind of X.
TEST(DarkBremMatrixElement, LeptonCurrentIsConserved)
{
    for (auto kind : {physics::DarkParticleKind::vector, physics::DarkParticleKind::pseudoscalar,
                      physics::DarkParticleKind::scalar})
    {
        const DarkBremMatrixElement me(config_for(kind));
        for_random_points(0.05, 300, [&](const DarkBremKinematics& k) {
            const auto L = me.lepton_tensor(k.lepton_in, k.lepton_out, k.boson);
            const Momentum q = k.lepton_out + k.boson - k.lepton_in;
            const double q_lower[4] = {q.e, -q.px, -q.py, -q.pz};
            for (int nu = 0; nu < 4; ++nu)
            {
                double sum = 0, scale = 0;
                for (int mu = 0; mu < 4; ++mu)
                {
                    sum += q_lower[mu] * L[static_cast<std::size_t>(mu)][static_cast<std::size_t>(nu)];
                    scale = std::max(scale, std::abs(q_lower[mu] * L[static_cast<std::size_t>(mu)][static_cast<std::size_t>(nu)]));
                }
                // Cancellation to ~1e-6 of the largest term: the limit of double precision for
                // propagators ~1/(p.k) with p.k ~ m^2.
                ASSERT_LE(std::abs(sum), 1e-5 * scale) << physics::to_string(kind);
            }
        });
    }
}

TEST(DarkBremMatrixElement, LorentzInvariantAndPositive)
{
    // Over the whole mapped phase space, down to t ~ 1e-13 GeV^2 where the photon propagator
    // and the lepton current nearly cancel: the spinor evaluation must not depend on the frame.
    auto transform = [](const Momentum& p) { return rotate_y(boost_z(p, -0.9), 0.7); };
    for (auto kind : {physics::DarkParticleKind::vector, physics::DarkParticleKind::pseudoscalar,
                      physics::DarkParticleKind::scalar})
    {
        const DarkBremMatrixElement me(config_for(kind));
        for (double mass : {0.001, 0.05, 1.0})
        {
            for_random_points(mass, 300, [&](const DarkBremKinematics& k) {
                const double value = me.squared(k.lepton_in, k.nucleus_in, k.lepton_out, k.nucleus_out, k.boson);
                ASSERT_GT(value, 0.0);
                ASSERT_TRUE(std::isfinite(value));
                const double moved = me.squared(transform(k.lepton_in), transform(k.nucleus_in),
                                                transform(k.lepton_out), transform(k.nucleus_out), transform(k.boson));
                ASSERT_NEAR(moved / value, 1.0, 1e-5) << physics::to_string(kind) << " m = " << mass;
            });
        }
    }
}

TEST(DarkBremMatrixElement, SpinorAmplitudesAgreeWithTraces)
{
    // Two independent evaluations of the same spin sums: Dirac-spinor currents vs traces of
    // projectors. The trace evaluation loses precision where t is tiny (its own result then
    // moves under a boost, by up to tens of per cent at t ~ 1e-13 GeV^2), so the comparison is
    // made where it is numerically stable (boost-invariant to 1e-7), which must be most points.
    auto transform = [](const Momentum& p) { return boost_z(p, -0.9); };
    for (auto kind : {physics::DarkParticleKind::vector, physics::DarkParticleKind::pseudoscalar,
                      physics::DarkParticleKind::scalar})
    {
        const DarkBremMatrixElement me(config_for(kind));
        for (double mass : {0.001, 0.05, 1.0})
        {
            int compared = 0;
            for_random_points(mass, 100, [&](const DarkBremKinematics& k) {
                const double reference =
                    me.squared_reference(k.lepton_in, k.nucleus_in, k.lepton_out, k.nucleus_out, k.boson);
                const double reference_moved =
                    me.squared_reference(transform(k.lepton_in), transform(k.nucleus_in), transform(k.lepton_out),
                                         transform(k.nucleus_out), transform(k.boson));
                if (std::abs(reference_moved / reference - 1) > 1e-7) return;
                ++compared;
                const double fast = me.squared(k.lepton_in, k.nucleus_in, k.lepton_out, k.nucleus_out, k.boson);
                ASSERT_NEAR(fast / reference, 1.0, 1e-6) << physics::to_string(kind) << " m = " << mass;
            });
            EXPECT_GE(compared, 70) << physics::to_string(kind) << " m = " << mass;
        }
    }
}

TEST(DarkBremMatrixElement, ScalesWithCouplingSquaredAndFormFactor)
{
    auto c = config_for(physics::DarkParticleKind::vector);
    const DarkBremMatrixElement reference(c);
    c.boson_coupling *= 3;
    const DarkBremMatrixElement tripled(c);
    c.boson_coupling /= 3;
    c.form_factor.inelastic = physics::NuclearFormFactor::InelasticTerm::none;
    const DarkBremMatrixElement elastic_only(c);
    for_random_points(0.01, 50, [&](const DarkBremKinematics& k) {
        const double a = reference.squared(k.lepton_in, k.nucleus_in, k.lepton_out, k.nucleus_out, k.boson);
        const double b = tripled.squared(k.lepton_in, k.nucleus_in, k.lepton_out, k.nucleus_out, k.boson);
        const double e = elastic_only.squared(k.lepton_in, k.nucleus_in, k.lepton_out, k.nucleus_out, k.boson);
        ASSERT_NEAR(b / a, 9.0, 1e-12);
        ASSERT_LE(e, a);
    });
}
