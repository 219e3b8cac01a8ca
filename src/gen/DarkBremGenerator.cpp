#include "umbra/gen/DarkBremGenerator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

#include "umbra/core/AtomicOutputFile.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/ParallelFor.hpp"
#include "umbra/core/Progress.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/core/Version.hpp"
#include "umbra/lhe/TwoBodyDecay.hpp"
#include "umbra/lhe/Writer.hpp"
#include "umbra/physics/DarkParticle.hpp"

namespace umbra::gen
{
namespace
{
constexpr int lepton_pdg_electron = 11;
constexpr int lepton_pdg_muon = 13;
constexpr std::uint64_t max_weight_stream = 0x6d61787700ULL;  // "maxw"
constexpr std::size_t batch_size = 8192;

bool is_vector(const DarkBremProcess& p) { return p.kind == physics::DarkParticleKind::vector; }

lhe::Particle particle(int pdg, int status, int mother1, int mother2, const Momentum& p, double mass)
{
    lhe::Particle out;
    out.pdg = pdg;
    out.status = status;
    out.mother1 = mother1;
    out.mother2 = mother2;
    out.px = p.px;
    out.py = p.py;
    out.pz = p.pz;
    out.e = p.e;
    out.m = mass;
    out.spin = 9;  // helicities summed
    return out;
}

}  // namespace

void DarkBremGeneratorConfig::validate() const
{
    process.validate();
    if (events == 0) throw InputError("the number of events must be at least 1");
    if (threads == 0 || threads > 256) throw InputError("threads must be between 1 and 256");
    if (decay && !(process.boson_mass > 2 * constants::electron_mass / units::GeV))
        throw InputError(fmt::format("cannot decay a {} GeV boson to e+ e- (below threshold)", process.boson_mass));
    if (!(truncated_fraction >= 0 && truncated_fraction < 0.1))
        throw InputError("truncated_fraction must be in [0, 0.1)");
}

DarkBremGenerator::DarkBremGenerator(DarkBremGeneratorConfig config) : config_(std::move(config))
{
    config_.validate();
    if (config_.boson_pdg == 0) config_.boson_pdg = is_vector(config_.process) ? 1023 : 622;
    if (config_.nucleus_pdg == 0) config_.nucleus_pdg = is_vector(config_.process) ? 9000002 : 623;
}

lhe::RunInfo DarkBremGenerator::run_info(const DarkBremCrossSectionResult& xsec) const
{
    const auto& p = config_.process;
    const auto me = p.matrix_element_config();
    const double nucleus_mass = p.target.nucleus_mass / units::GeV;
    const bool vector = is_vector(p);
    const int lepton_pdg = p.lepton_mass > 0.05 ? lepton_pdg_muon : lepton_pdg_electron;
    // X width for the param card (e+e- channels as physics::DarkParticle computes them).
    const physics::DarkParticle boson{p.kind, p.boson_mass * units::GeV, p.coupling};
    lhe::RunInfo info;
    info.header = fmt::format(
        "<header>\n"
        "<!-- umbra gen {version}: exact tree-level l N -> l N X (no MadGraph involved)\n"
        "  command: {command}\n"
        "  model: {kind}, m_X = {mass} GeV, coupling {coupling} ({coupling_name}), target {target} (Z = {z}, "
        "A = {a}, M = {nucleus} GeV)\n"
        "  conventions: {convention}: alpha(lepton-photon) = 1/{alpha_l:.6g}, alpha(nucleus) = 1/{alpha_n:.6g}, "
        "X-lepton coupling g_X = {gx:.6e}, form factor A = {ffa}, inelastic term {inel}\n"
        "  cross-section {sigma:.6e} +- {error:.2e} pb (VEGAS, chi2/dof {chi2:.2f}, {calls} calls)\n"
        "  decay X -> e- e+ in the generator: {decay}\n{photophobic}-->\n"
        "<MGVersion>\numbra-gen-{version}\n</MGVersion>\n"
        "<MGProcCard>\ngenerate e- n > e- n {xname}{decay_card}\n</MGProcCard>\n"
        "<MGRunCard>\n"
        "  {events} = nevents ! Number of unweighted events requested\n"
        "  {seed} = iseed ! rnd seed\n"
        "  {ebeam1} = ebeam1 ! beam 1 total energy in GeV\n"
        "  {ebeam2} = ebeam2 ! beam 2 total energy in GeV\n"
        "  average = event_norm ! each event weight = total cross-section\n"
        "</MGRunCard>\n"
        "<slha>\n"
        "BLOCK FRBLOCK # \n"
        "      6 {zf:.1f} # Znuc \n"
        "BLOCK DMINPUTS # \n"
        "      1 {lambda:e} # lambda\n"
        "BLOCK MASS # \n"
        "     {lepton_pdg} {lepton_mass:e} # ME\n"
        "     {xpdg} {mass:e} # MAp\n"
        "     {npdg} {nucleus:e} # MNul\n"
        "DECAY {xpdg} {width:e} # WAp\n"
        "</slha>\n"
        "<MGGenerationInfo>\n"
        "#  Number of Events        :       {events}\n"
        "#  Integrated weight (pb)  :       {sigma:e}\n"
        "</MGGenerationInfo>\n"
        "</header>\n",
        fmt::arg("version", umbra::version()), fmt::arg("command", config_.command.empty() ? "(library call)" : config_.command),
        fmt::arg("kind", physics::to_string(p.kind)), fmt::arg("mass", p.boson_mass), fmt::arg("coupling", p.coupling),
        fmt::arg("coupling_name", vector ? "epsilon" : "g = m_e/Lambda"), fmt::arg("target", p.target.name),
        fmt::arg("z", p.target.atomic_number), fmt::arg("a", p.target.atomic_mass), fmt::arg("nucleus", nucleus_mass),
        fmt::arg("convention", p.convention == CouplingConvention::madgraph ? "madgraph" : "alpha0"),
        fmt::arg("alpha_l", 1 / me.alpha_lepton), fmt::arg("alpha_n", 1 / me.alpha_nucleus),
        fmt::arg("gx", me.boson_coupling), fmt::arg("ffa", me.form_factor.mass_number),
        fmt::arg("inel", me.form_factor.inelastic == physics::NuclearFormFactor::InelasticTerm::squared ? "squared"
                                                                                                         : "corrected"),
        fmt::arg("sigma", xsec.cross_section), fmt::arg("error", xsec.error), fmt::arg("chi2", xsec.chi2_per_dof),
        fmt::arg("calls", xsec.calls), fmt::arg("decay", config_.decay ? "yes" : "no"),
        fmt::arg("photophobic", vector ? ""
                                       : "  the photophobic model's gauge couplings (a Z gamma, a Z Z, a W W) are omitted: they enter "
                                         "this process only through Z exchange, suppressed by |t|/m_Z^2 < 1e-6 (docs/physics.md)\n"),
        fmt::arg("xname", vector ? "ap" : "p1"), fmt::arg("decay_card", config_.decay ? (vector ? ", ap > e- e+" : ", p1 > e- e+") : ""),
        fmt::arg("events", config_.events), fmt::arg("seed", config_.seed), fmt::arg("ebeam1", p.beam_energy),
        fmt::arg("ebeam2", nucleus_mass), fmt::arg("zf", static_cast<double>(p.target.atomic_number)),
        fmt::arg("lambda", vector ? 0.0 : (constants::electron_mass / units::GeV) / p.coupling),
        fmt::arg("lepton_pdg", lepton_pdg), fmt::arg("lepton_mass", p.lepton_mass), fmt::arg("xpdg", config_.boson_pdg),
        fmt::arg("npdg", config_.nucleus_pdg), fmt::arg("width", boson.total_width() / units::GeV));
    info.init.beam_pdg = {lepton_pdg, config_.nucleus_pdg};
    info.init.beam_energy = {p.beam_energy, nucleus_mass};
    info.init.pdf_group = {0, 0};
    info.init.pdf_set = {0, 0};
    info.init.weighting_strategy = -4;  // MadGraph with event_norm = average
    info.init.processes = {{xsec.cross_section, xsec.error, xsec.cross_section, 1}};
    info.init.extra_lines = fmt::format("<generator name='umbra' version='{}'>exact tree-level dark brem</generator>\n",
                                        umbra::version());
    info.banner = lhe::MadGraphBanner::parse(info.header);
    return info;
}

DarkBremGeneratorSummary DarkBremGenerator::run(const std::filesystem::path& path)
{
    const auto& c = config_;
    const auto& p = c.process;
    DarkBremGeneratorSummary summary;
    {
        // Fail on an unusable output path now, not after the integration.
        const AtomicOutputFile probe(path);
    }

    // 1. Integrate.
    VegasIntegrator::Config vegas;
    vegas.calls_per_iteration = c.calls_per_iteration;
    vegas.warmup_iterations = c.warmup_iterations;
    vegas.iterations = c.iterations;
    vegas.threads = c.threads;
    vegas.seed = c.seed;
    DarkBremCrossSection xsec(p, vegas);
    summary.cross_section = xsec.compute();
    const VegasGrid grid = xsec.integrator().grid();

    // 2. Maximum weight from a pre-sample of the frozen grid (weights kept in index order).
    const std::size_t presample = c.max_weight_sample;
    std::vector<double> weights(presample, 0.0);
    parallel_ranges(c.threads, presample, [&](std::size_t begin, std::size_t end, unsigned) {
        std::array<double, DarkBremPhaseSpace::dimensions> x{};
        for (std::size_t i = begin; i < end; ++i)
        {
            RandomStream rng({c.seed, max_weight_stream, i});
            const double jacobian = grid.sample(rng, x);
            weights[i] = xsec.integrand(x) * jacobian;
        }
    });
    std::sort(weights.begin(), weights.end(), std::greater<>());
    double total = 0;
    for (double w : weights) total += w;
    if (!(total > 0)) throw InputError("no phase-space point with a non-zero weight was found");
    // Lower w_max through the sorted weights while the excess sum (w_i - w_max) for the i above it
    // stays within the allowed fraction.
    std::size_t above = 1;
    double sum_above = weights[0];
    while (above < weights.size())
    {
        const double candidate_max = weights[above];
        const double excess = sum_above - static_cast<double>(above) * candidate_max;
        if (excess > c.truncated_fraction * total) break;
        sum_above += weights[above];
        ++above;
    }
    summary.max_weight = weights[above - 1 < weights.size() ? above - 1 : 0];
    if (c.truncated_fraction == 0) summary.max_weight = weights[0];
    {
        double excess = 0;
        for (double w : weights)
        {
            if (w <= summary.max_weight) break;
            excess += w - summary.max_weight;
        }
        summary.truncated_fraction = excess / total;
    }

    // 3. Hit-or-miss in batches of candidates; accepted candidates kept in index order.
    struct Candidate
    {
        std::uint64_t index = 0;
        std::array<double, 5> x{};
        double weight = 0;
    };
    std::vector<Candidate> accepted;
    accepted.reserve(c.events);
    ProgressReporter progress("gen", c.events);
    std::uint64_t next_candidate = 0;
    std::uint64_t overweight = 0;
    while (accepted.size() < c.events)
    {
        std::vector<std::vector<Candidate>> per_thread(c.threads);
        const std::uint64_t first = next_candidate;
        // Threads take contiguous candidate ranges: concatenating their accepted lists keeps order.
        parallel_ranges(c.threads, batch_size, [&](std::size_t begin, std::size_t end, unsigned worker) {
            auto& out = per_thread[worker];
            std::array<double, DarkBremPhaseSpace::dimensions> x{};
            for (std::size_t j = begin; j < end; ++j)
            {
                const std::uint64_t index = first + j;
                RandomStream rng({c.seed, StreamId::generator, index});
                const double jacobian = grid.sample(rng, x);
                const double weight = xsec.integrand(x) * jacobian;
                if (weight <= 0) continue;
                if (rng.uniform() * summary.max_weight < weight)
                {
                    Candidate candidate;
                    candidate.index = index;
                    std::copy(x.begin(), x.end(), candidate.x.begin());
                    candidate.weight = weight;
                    out.push_back(candidate);
                }
            }
        });
        next_candidate += batch_size;
        for (std::size_t t = 0; t < per_thread.size(); ++t)
        {
            for (const auto& candidate : per_thread[t])
            {
                if (accepted.size() == c.events) break;
                accepted.push_back(candidate);
                if (candidate.weight > summary.max_weight) ++overweight;
            }
        }
        progress.add(0);
        if (next_candidate > 1000 * c.events + 10'000'000)
            throw InputError("unweighting efficiency too low (no events accepted in 1e7 candidates)");
    }
    // Candidates tried up to the last accepted one (the rest of the batch is not counted).
    summary.candidates = accepted.back().index + 1;
    summary.events = accepted.size();
    summary.overweight = overweight;
    summary.unweighting_efficiency = static_cast<double>(summary.events) / static_cast<double>(summary.candidates);

    // 4. Write the events.
    const auto info = run_info(summary.cross_section);
    lhe::Writer writer(path, info, Compression::automatic, lhe::NumberStyle::madgraph);
    const auto me_config = p.matrix_element_config();
    const double alpha_qed = me_config.alpha_lepton;
    const int lepton_pdg = info.init.beam_pdg[0];
    const double nucleus_mass = p.target.nucleus_mass / units::GeV;
    lhe::Event event;
    double sum_x = 0, sum_theta = 0;
    for (std::size_t n = 0; n < accepted.size(); ++n)
    {
        const auto point = xsec.phase_space().map(accepted[n].x);
        if (!point) throw std::logic_error("accepted point is kinematically closed");
        event.clear();
        event.process_id = 1;
        event.weight = summary.cross_section.cross_section;
        event.scale = p.beam_energy;
        event.alpha_qed = alpha_qed;
        event.alpha_qcd = 0;
        event.particles.push_back(particle(lepton_pdg, lhe::Status::incoming, 0, 0, point->lepton_in, p.lepton_mass));
        event.particles.push_back(particle(c.nucleus_pdg, lhe::Status::incoming, 0, 0, point->nucleus_in, nucleus_mass));
        event.particles.push_back(particle(lepton_pdg, lhe::Status::outgoing, 1, 2, point->lepton_out, p.lepton_mass));
        event.particles.push_back(particle(c.nucleus_pdg, lhe::Status::outgoing, 1, 2, point->nucleus_out, nucleus_mass));
        event.particles.push_back(particle(c.boson_pdg, c.decay ? lhe::Status::resonance : lhe::Status::outgoing, 1, 2,
                                           point->boson, p.boson_mass));
        if (c.decay)
        {
            RandomStream rng({c.seed, StreamId::decay, accepted[n].index});
            const double me = constants::electron_mass / units::GeV;
            const auto& b = point->boson;
            const auto products = lhe::isotropic_two_body_decay({b.px, b.py, b.pz, b.e}, me, rng);
            auto momentum = [](const lhe::LorentzVector& v) { return Momentum{v.e, v.px, v.py, v.pz}; };
            event.particles.push_back(
                particle(lepton_pdg_electron, lhe::Status::outgoing, 5, 5, momentum(products.first), me));
            event.particles.push_back(
                particle(-lepton_pdg_electron, lhe::Status::outgoing, 5, 5, momentum(products.second), me));
        }
        writer.write(event);
        sum_x += point->boson.e / p.beam_energy;
        const double pt = std::hypot(point->lepton_out.px, point->lepton_out.py);
        sum_theta += std::atan2(pt, point->lepton_out.pz);
        progress.add(1);
    }
    writer.close();
    summary.mean_energy_fraction = sum_x / static_cast<double>(summary.events);
    summary.mean_lepton_angle = sum_theta / static_cast<double>(summary.events);
    return summary;
}
}  // namespace umbra::gen
