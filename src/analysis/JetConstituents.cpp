#include "umbra/analysis/JetConstituents.hpp"

#include <fastjet/PseudoJet.hh>

#include <algorithm>
#include <cmath>

namespace umbra::analysis
{
void JetConstituents::clear() noexcept
{
    energy_.clear();
    nx_.clear();
    ny_.clear();
    nz_.clear();
    index_.clear();
}

void JetConstituents::reserve(std::size_t n)
{
    energy_.reserve(n);
    nx_.reserve(n);
    ny_.reserve(n);
    nz_.reserve(n);
    index_.reserve(n);
}

void JetConstituents::add(double energy_MeV, double px, double py, double pz, int index)
{
    const double norm = std::sqrt(px * px + py * py + pz * pz);
    energy_.push_back(energy_MeV);
    nx_.push_back(px / norm);
    ny_.push_back(py / norm);
    nz_.push_back(pz / norm);
    index_.push_back(index);
}

void JetConstituents::add_from(const JetConstituents& other, std::size_t i)
{
    energy_.push_back(other.energy_[i]);
    nx_.push_back(other.nx_[i]);
    ny_.push_back(other.ny_[i]);
    nz_.push_back(other.nz_[i]);
    index_.push_back(other.index_[i]);
}

void JetConstituents::assign(std::span<const fastjet::PseudoJet> particles)
{
    clear();
    reserve(particles.size());
    for (const auto& p : particles)
    {
        if (p.px() == 0 && p.py() == 0 && p.pz() == 0) continue;
        add(p.E(), p.px(), p.py(), p.pz(), p.user_index());
    }
}

double JetConstituents::energy_sum() const noexcept
{
    double sum = 0;
    for (double e : energy_) sum += e;
    return sum;
}

std::array<double, 3> JetConstituents::momentum_sum() const noexcept
{
    double px = 0, py = 0, pz = 0;
    for (std::size_t i = 0; i < energy_.size(); ++i)
    {
        px += energy_[i] * nx_[i];
        py += energy_[i] * ny_[i];
        pz += energy_[i] * nz_[i];
    }
    return {px, py, pz};
}

double JetConstituents::mass() const noexcept
{
    const double e = energy_sum();
    const auto p = momentum_sum();
    const double m2 = e * e - (p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
    return std::sqrt(std::max(m2, 0.0));
}

Direction JetConstituents::momentum_direction() const noexcept
{
    const auto p = momentum_sum();
    const double norm = std::sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
    if (!(norm > 0)) return {0, 0, 0};
    return {p[0] / norm, p[1] / norm, p[2] / norm};
}
}  // namespace umbra::analysis
