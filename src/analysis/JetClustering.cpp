#include "umbra/analysis/JetClustering.hpp"

#include <fastjet/ClusterSequence.hh>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace detail
{
void prepare_fastjet() noexcept
{
    static const bool prepared = [] {
        fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr);
        fastjet::ClusterSequence::print_banner();
        return true;
    }();
    (void)prepared;
}
}  // namespace detail

namespace
{
constexpr JetAlgorithm all_algorithms[] = {JetAlgorithm::anti_kt, JetAlgorithm::kt, JetAlgorithm::cambridge_aachen,
                                           JetAlgorithm::ee_kt, JetAlgorithm::ee_genkt};

fastjet::JetDefinition make_definition(const JetClustering::Config& c)
{
    const auto scheme =
        c.recombination == JetRecombination::wta ? fastjet::WTA_modp_scheme : fastjet::E_scheme;
    switch (c.algorithm)
    {
        case JetAlgorithm::ee_kt: return fastjet::JetDefinition(fastjet::ee_kt_algorithm, scheme);
        case JetAlgorithm::anti_kt: return fastjet::JetDefinition(fastjet::ee_genkt_algorithm, c.radius, -1.0, scheme);
        case JetAlgorithm::kt: return fastjet::JetDefinition(fastjet::ee_genkt_algorithm, c.radius, 1.0, scheme);
        case JetAlgorithm::cambridge_aachen:
            return fastjet::JetDefinition(fastjet::ee_genkt_algorithm, c.radius, 0.0, scheme);
        case JetAlgorithm::ee_genkt: return fastjet::JetDefinition(fastjet::ee_genkt_algorithm, c.radius, c.p, scheme);
    }
    return {};
}

void sort_by_energy(std::vector<fastjet::PseudoJet>& jets)
{
    std::stable_sort(jets.begin(), jets.end(),
                     [](const fastjet::PseudoJet& a, const fastjet::PseudoJet& b) { return a.E() > b.E(); });
}

//! Jets referring to a heap ClusterSequence that deletes itself with the last of them.
template <class Extract>
std::vector<fastjet::PseudoJet> run(std::span<const fastjet::PseudoJet> particles,
                                    const fastjet::JetDefinition& definition, Extract extract)
{
    if (particles.empty()) return {};
    const std::vector<fastjet::PseudoJet> input(particles.begin(), particles.end());
    auto sequence = std::make_unique<fastjet::ClusterSequence>(input, definition);
    auto jets = extract(*sequence);
    if (!jets.empty())
    {
        sequence->delete_self_when_unused();
        sequence.release();
    }
    sort_by_energy(jets);
    return jets;
}
}  // namespace

std::string_view to_string(JetAlgorithm algorithm) noexcept
{
    switch (algorithm)
    {
        case JetAlgorithm::anti_kt: return "anti_kt";
        case JetAlgorithm::kt: return "kt";
        case JetAlgorithm::cambridge_aachen: return "cambridge_aachen";
        case JetAlgorithm::ee_kt: return "ee_kt";
        case JetAlgorithm::ee_genkt: return "ee_genkt";
    }
    return "?";
}

JetAlgorithm parse_jet_algorithm(std::string_view text)
{
    for (auto algorithm : all_algorithms)
    {
        if (text == to_string(algorithm)) return algorithm;
    }
    throw InputError(fmt::format("unknown jet algorithm '{}'; use anti_kt, kt, cambridge_aachen, ee_kt or ee_genkt "
                                 "(all in their e+e- 3-D-angle form)",
                                 text));
}

std::string_view to_string(JetRecombination recombination) noexcept
{
    return recombination == JetRecombination::wta ? "wta" : "e_scheme";
}

JetRecombination parse_jet_recombination(std::string_view text)
{
    if (text == "e_scheme") return JetRecombination::e_scheme;
    if (text == "wta") return JetRecombination::wta;
    throw InputError(fmt::format("unknown jet recombination '{}'; use e_scheme or wta", text));
}

JetClustering::JetClustering() : JetClustering(Config{}) {}

JetClustering::JetClustering(Config config) : config_(config)
{
    if (config_.algorithm != JetAlgorithm::ee_kt &&
        !(config_.radius > 0 && config_.radius <= fastjet::JetDefinition::max_allowable_R))
    {
        throw InputError(fmt::format("jet clustering: radius R = {} rad (the angular reach of a jet); use 0 < R ≤ {} "
                                     "(R > π makes one jet of everything)",
                                     config_.radius, fastjet::JetDefinition::max_allowable_R));
    }
    if (config_.algorithm == JetAlgorithm::ee_genkt && !std::isfinite(config_.p))
    {
        throw InputError(fmt::format("jet clustering: ee_genkt exponent p = {} is not finite; use e.g. -1 (anti-kt-like), "
                                     "0 (Cambridge-like) or 1 (kt-like)",
                                     config_.p));
    }
    detail::prepare_fastjet();
    definition_ = make_definition(config_);
}

std::vector<fastjet::PseudoJet> JetClustering::inclusive_jets(std::span<const fastjet::PseudoJet> particles) const
{
    return run(particles, definition_, [](const fastjet::ClusterSequence& cs) { return cs.inclusive_jets(); });
}

std::vector<fastjet::PseudoJet> JetClustering::exclusive_jets(std::span<const fastjet::PseudoJet> particles,
                                                              int n_jets) const
{
    if (n_jets < 1) throw InputError(fmt::format("exclusive jets: N = {}; ask for at least one jet", n_jets));
    return run(particles, definition_,
               [n_jets](const fastjet::ClusterSequence& cs) { return cs.exclusive_jets_up_to(n_jets); });
}
}  // namespace umbra::analysis
