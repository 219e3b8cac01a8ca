#pragma once
//! \file
//! Jet finding on shower pseudo-particles with FastJet core 3.4 (Cacciari, Salam, Soyez,
//! arXiv:1111.6097; e⁺e⁻ algorithms as in alp-physics.md §5.2). Every algorithm is the
//! e⁺e⁻ (spherical) form: distances from the 3-D opening angle θ_ij and energies E (there
//! is no beam axis for a shower; rapidity–azimuth would be singular along z):
//!  - ee_genkt (FastJet ee_genkt_algorithm): d_ij = min(E_i^{2p}, E_j^{2p})
//!    (1 − cos θ_ij)/(1 − cos R), d_iB = E_i^{2p} (for R > π FastJet uses 3 + cos R in
//!    place of 1 − cos R: everything then ends in one jet);
//!  - anti_kt, kt, cambridge_aachen: ee_genkt with p = −1, 1, 0 (the p of the Config is
//!    ignored);
//!  - ee_kt (Durham, FastJet ee_kt_algorithm): d_ij = 2 min(E_i², E_j²)(1 − cos θ_ij),
//!    no beam distance: inclusive jets are the single jet of all particles; use
//!    exclusive_jets(N). R is ignored.
//! Recombination: E-scheme (four-vector sum) or winner-take-all (fastjet
//! WTA_modp_scheme: direction of the input with the larger |p|, |p| the scalar sum;
//! Bertolini, Chan, Thaler arXiv:1310.7584; Larkoski, Neill, Thaler arXiv:1401.2158).
//!
//! The JetClustering object is immutable and may be shared between threads; each call
//! runs its own fastjet::ClusterSequence, which the returned jets keep alive (FastJet's
//! delete_self_when_unused), so their constituents() stay valid. (Debian's FastJet is
//! built without its thread-safety option: the one-time banner is therefore printed, to
//! nowhere, in the constructor; FastJet's warning counters are unsynchronised, but
//! inclusive clustering with these algorithms never warns.)
#include <span>
#include <string_view>
#include <vector>

#include <fastjet/JetDefinition.hh>
#include <fastjet/PseudoJet.hh>

namespace umbra::analysis
{
enum class JetAlgorithm
{
    anti_kt,           //!< ee_genkt with p = −1
    kt,                //!< ee_genkt with p = 1
    cambridge_aachen,  //!< ee_genkt with p = 0
    ee_kt,             //!< Durham, exclusive only
    ee_genkt,          //!< generalised e⁺e⁻ kt with the configured p
};

enum class JetRecombination
{
    e_scheme,  //!< four-vector sum
    wta,       //!< winner-take-all (fastjet::WTA_modp_scheme)
};

std::string_view to_string(JetAlgorithm algorithm) noexcept;
//! Inverse of to_string; InputError naming the valid choices otherwise.
JetAlgorithm parse_jet_algorithm(std::string_view text);
std::string_view to_string(JetRecombination recombination) noexcept;
JetRecombination parse_jet_recombination(std::string_view text);

class JetClustering
{
public:
    struct Config
    {
        JetAlgorithm algorithm = JetAlgorithm::ee_genkt;
        double radius = 0.2;  //!< R [rad]; > π puts everything in one jet; ignored by ee_kt
        double p = -1;        //!< exponent of ee_genkt (−1 anti-kt-like, 0 C/A-like, 1 kt-like)
        JetRecombination recombination = JetRecombination::e_scheme;
    };

    JetClustering();
    //! Validates (InputError): R > 0 and ≤ fastjet's maximum (1000), p finite.
    explicit JetClustering(Config config);

    const Config& config() const noexcept { return config_; }
    const fastjet::JetDefinition& definition() const noexcept { return definition_; }

    //! Inclusive jets, highest energy first.
    std::vector<fastjet::PseudoJet> inclusive_jets(std::span<const fastjet::PseudoJet> particles) const;
    //! The jets when the clustering has N of them left (FastJet exclusive_jets_up_to: all
    //! particles if there are fewer than N), highest energy first. Meaningful for kt-like
    //! algorithms (ee_kt, p ≥ 0); for p < 0 FastJet itself warns on std::cerr.
    std::vector<fastjet::PseudoJet> exclusive_jets(std::span<const fastjet::PseudoJet> particles, int n_jets) const;

private:
    Config config_;
    fastjet::JetDefinition definition_;
};

namespace detail
{
//! Route FastJet's one-time banner away from std::cout (library code prints nothing) and
//! print it once under a thread-safe static, so that later ClusterSequences never touch
//! FastJet's unsynchronised first-time flag concurrently. Called by every constructor of
//! the substructure classes that run FastJet.
void prepare_fastjet() noexcept;
}  // namespace detail
}  // namespace umbra::analysis
