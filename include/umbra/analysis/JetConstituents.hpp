#pragma once
//! \file
//! The particles of one jet (or of any set of pseudo-particles) as the substructure
//! calculators read them: energies and unit directions in separate arrays (structure of
//! arrays, so that the hot loops vectorise). Momenta are p_i = E_i n_i: the inputs are
//! massless (alp-physics.md §5.1); a non-massless four-vector given to add() keeps its
//! energy and only the direction of its 3-momentum.
//!
//! It is a plain value: fill it once per jet (from the jet's fastjet constituents or
//! directly), then hand it to NSubjettiness, EnergyCorrelators, SoftDropGroomer,
//! GeneralisedAngularity, ExclusiveSubjets.
#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace fastjet
{
class PseudoJet;
}

namespace umbra::analysis
{
//! A unit vector (a direction in the lab frame).
using Direction = std::array<double, 3>;

class JetConstituents
{
public:
    void clear() noexcept;
    void reserve(std::size_t n);

    //! Append a particle of energy E [MeV] moving along (px, py, pz) (any length > 0; it is
    //! normalised here). `index` is a caller's tag (the hit index; fastjet's user_index).
    void add(double energy_MeV, double px, double py, double pz, int index = -1);
    //! Append particle i of another set unchanged.
    void add_from(const JetConstituents& other, std::size_t i);
    //! Replace the content by these particles (energy, direction of the 3-momentum,
    //! user_index). Particles with a zero 3-momentum are skipped.
    void assign(std::span<const fastjet::PseudoJet> particles);

    std::size_t size() const noexcept { return energy_.size(); }
    bool empty() const noexcept { return energy_.empty(); }

    std::span<const double> energy() const noexcept { return energy_; }  //!< [MeV]
    std::span<const double> nx() const noexcept { return nx_; }
    std::span<const double> ny() const noexcept { return ny_; }
    std::span<const double> nz() const noexcept { return nz_; }
    std::span<const int> index() const noexcept { return index_; }
    Direction direction(std::size_t i) const noexcept { return {nx_[i], ny_[i], nz_[i]}; }

    //! Σ E_i [MeV].
    double energy_sum() const noexcept;
    //! Σ E_i n_i [MeV].
    std::array<double, 3> momentum_sum() const noexcept;
    //! Invariant mass [MeV]: m² = (Σ E_i)² − |Σ p_i|² (alp-physics.md §5.5), clamped at 0
    //! against rounding.
    double mass() const noexcept;
    //! Direction of Σ p_i (the E-scheme jet axis); {0, 0, 0} if the sum vanishes.
    Direction momentum_direction() const noexcept;

private:
    std::vector<double> energy_, nx_, ny_, nz_;
    std::vector<int> index_;
};
}  // namespace umbra::analysis
