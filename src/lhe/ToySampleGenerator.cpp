#include "umbra/lhe/ToySampleGenerator.hpp"

#include <fmt/format.h>

#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/lhe/LorentzVector.hpp"
#include "umbra/lhe/TwoBodyDecay.hpp"
#include "umbra/lhe/Writer.hpp"

namespace umbra::lhe
{
namespace
{
constexpr double toy_cross_section_pb = 1.0;
constexpr int electron_pdg = 11;
using constants::electron_mass;
using constants::pi;

LorentzVector along(double momentum, double mass, double theta, double phi)
{
    const double st = std::sin(theta);
    return {momentum * st * std::cos(phi), momentum * st * std::sin(phi), momentum * std::cos(theta),
            std::sqrt(momentum * momentum + mass * mass)};
}

Particle make_particle(int pdg, int status, int mother1, int mother2, const LorentzVector& v,
                       double mass, double spin)
{
    Particle p;
    p.pdg = pdg;
    p.status = status;
    p.mother1 = mother1;
    p.mother2 = mother2;
    p.px = v.px / units::GeV;
    p.py = v.py / units::GeV;
    p.pz = v.pz / units::GeV;
    p.e = v.e / units::GeV;
    p.m = mass / units::GeV;
    p.spin = spin;
    return p;
}

//! Pseudoscalar e+e- width, Gamma = g^2 m beta / (8 pi) (alp-physics.md section 2.1) [MeV].
double alp_width(double mass, double coupling)
{
    const double beta = std::sqrt(1 - 4 * electron_mass * electron_mass / (mass * mass));
    return coupling * coupling * mass * beta / (8 * pi);
}
}  // namespace

void ToySampleConfig::validate() const
{
    if (events == 0) throw InputError("toy sample: events must be at least 1");
    if (!(alp_mass > 2 * electron_mass))
        throw InputError(fmt::format("toy sample: ALP mass {} MeV must exceed 2 m_e = {:.4f} MeV",
                                     alp_mass, 2 * electron_mass));
    if (!(beam_energy > 2 * alp_mass))
        throw InputError(fmt::format("toy sample: beam energy {} MeV too low for ALP mass {} MeV",
                                     beam_energy, alp_mass));
    if (!(nucleus_mass > 0) || !(lambda > 0))
        throw InputError("toy sample: nucleus mass and lambda must be positive");
}

ToySampleGenerator::ToySampleGenerator(ToySampleConfig config) : config_(config) { config_.validate(); }

RunInfo ToySampleGenerator::run_info() const
{
    const auto& c = config_;
    const double coupling = electron_mass / c.lambda;
    RunInfo info;
    info.header = fmt::format(
        "<header>\n"
        "<!-- umbra lhe toy-sample: SYNTHETIC kinematics in MadGraph format for tests, demos and\n"
        "     benchmarks. Not a matrix-element calculation; the cross-section is a placeholder. -->\n"
        "<MGVersion>\numbra-toy\n</MGVersion>\n"
        "<MGProcCard>\ngenerate e- n > e- n p1, p1 > e- e+\n</MGProcCard>\n"
        "<MGRunCard>\n"
        "  {} = nevents ! Number of unweighted events requested\n"
        "  {} = iseed   ! rnd seed (0=assigned automatically=default))\n"
        "  {} = ebeam1  ! beam 1 total energy in GeV\n"
        "  {} = ebeam2  ! beam 2 total energy in GeV\n"
        "</MGRunCard>\n"
        "<slha>\n"
        "BLOCK DMINPUTS # \n"
        "      1 {:e} # lambda\n"
        "BLOCK MASS # \n"
        "     11 {:e} # me\n"
        "    {} {:e} # mp\n"
        "    {} {:e} # mn\n"
        "DECAY  {} {:e} # wp1\n"
        "</slha>\n"
        "<MGGenerationInfo>\n"
        "#  Number of Events        :       {}\n"
        "#  Integrated weight (pb)  :       {}\n"
        "</MGGenerationInfo>\n"
        "</header>\n",
        c.events, c.seed, c.beam_energy / units::GeV, c.nucleus_mass / units::GeV,
        c.lambda / units::GeV, electron_mass / units::GeV, c.alp_pdg, c.alp_mass / units::GeV,
        c.nucleus_pdg, c.nucleus_mass / units::GeV, c.alp_pdg,
        alp_width(c.alp_mass, coupling) / units::GeV, c.events, toy_cross_section_pb);
    info.init.beam_pdg = {electron_pdg, c.nucleus_pdg};
    info.init.beam_energy = {c.beam_energy / units::GeV, c.nucleus_mass / units::GeV};
    info.init.pdf_group = {0, 0};
    info.init.pdf_set = {0, 0};
    info.init.weighting_strategy = 3;
    info.init.processes = {{toy_cross_section_pb, 0.01 * toy_cross_section_pb,
                            toy_cross_section_pb / static_cast<double>(c.events), 1}};
    info.banner = MadGraphBanner::parse(info.header);
    return info;
}

void ToySampleGenerator::generate(std::uint64_t index, Event& event) const
{
    const auto& c = config_;
    RandomStream rng({c.seed, StreamId::generator, index});
    const double E0 = c.beam_energy;
    const double M = c.nucleus_mass;
    const double ma = c.alp_mass;
    const double me = electron_mass;
    const LorentzVector beam{0, 0, std::sqrt(E0 * E0 - me * me), E0};
    const LorentzVector target{0, 0, 0, M};

    LorentzVector alp, recoil, nucleus;
    while (true)
    {
        // Hard energy fraction (density ~ x^3), forward angles of order m/E.
        const double x_min = ma / E0;
        const double x_max = 1 - std::max(ma, me) / E0;
        const double x = x_min + (x_max - x_min) * std::pow(rng.uniform_open(), 0.25);
        const double theta_scale = std::max(ma, me) / E0;
        const double theta_a = theta_scale * std::sqrt(-std::log(rng.uniform_open()));
        const double phi_a = 2 * pi * rng.uniform();
        const double Ea = x * E0;
        alp = along(std::sqrt(Ea * Ea - ma * ma), ma, theta_a, phi_a);
        const double theta_e = 4 * theta_scale * std::sqrt(-std::log(rng.uniform_open()));
        const double phi_e = phi_a + pi + 0.3 * (rng.uniform() - 0.5);
        // Energy conservation fixes the recoil-electron momentum (nucleus takes the rest).
        auto energy_excess = [&](double pe) {
            recoil = along(pe, me, theta_e, phi_e);
            nucleus = {beam.px - alp.px - recoil.px, beam.py - alp.py - recoil.py,
                       beam.pz - alp.pz - recoil.pz, 0};
            nucleus.e = std::sqrt(M * M + nucleus.p2());
            return E0 + M - alp.e - recoil.e - nucleus.e;
        };
        double lo = 0, hi = E0 - Ea;
        if (hi <= 0 || energy_excess(lo) < 0 || energy_excess(hi) > 0) continue;
        for (int i = 0; i < 200 && hi - lo > 1e-12 * E0; ++i)
        {
            const double mid = 0.5 * (lo + hi);
            (energy_excess(mid) > 0 ? lo : hi) = mid;
        }
        energy_excess(0.5 * (lo + hi));
        if (recoil.p() > 0) break;
    }

    event.clear();
    event.process_id = 1;
    event.weight = toy_cross_section_pb / static_cast<double>(c.events);
    event.scale = E0 / units::GeV;
    event.alpha_qed = constants::alpha;
    event.alpha_qcd = 0;
    const double helicity = rng.uniform() < 0.5 ? -1.0 : 1.0;
    event.particles.push_back(make_particle(electron_pdg, Status::incoming, 0, 0, beam, me, helicity));
    event.particles.push_back(make_particle(c.nucleus_pdg, Status::incoming, 0, 0, target, M, 1));
    event.particles.push_back(make_particle(electron_pdg, Status::outgoing, 1, 2, recoil, me, helicity));
    event.particles.push_back(make_particle(c.nucleus_pdg, Status::outgoing, 1, 2, nucleus, M, 1));
    if (!c.decayed)
    {
        event.particles.push_back(make_particle(c.alp_pdg, Status::outgoing, 1, 2, alp, ma, 0));
        return;
    }
    event.particles.push_back(make_particle(c.alp_pdg, Status::resonance, 1, 2, alp, ma, 0));
    // a -> e- e+, isotropic in the ALP rest frame.
    const auto products = isotropic_two_body_decay(alp, me, rng);
    const double h = rng.uniform() < 0.5 ? -1.0 : 1.0;
    event.particles.push_back(make_particle(electron_pdg, Status::outgoing, 5, 5, products.first, me, h));
    event.particles.push_back(make_particle(-electron_pdg, Status::outgoing, 5, 5, products.second, me, -h));
}

void ToySampleGenerator::write(const std::filesystem::path& path) const
{
    Writer writer(path, run_info(), Compression::automatic, NumberStyle::madgraph);
    Event event;
    for (std::uint64_t i = 0; i < config_.events; ++i)
    {
        generate(i, event);
        writer.write(event);
    }
    writer.close();
}
}  // namespace umbra::lhe
