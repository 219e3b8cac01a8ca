#pragma once
//! \file
//! Forced interaction of a neutral particle (a photon) in a chosen part of its straight
//! path, with the weight that keeps the sample unbiased.
//!
//! Along the ray from `origin` the detector is a sequence of segments of constant
//! material, hence constant macroscopic cross-sections: μ_t (all processes) and μ_p (the
//! forced process). The unbiased probability that the photon's *first* interaction is
//! process p at path length s is μ_p(s) exp(−τ(s)) ds with τ(s) = ∫₀ˢ μ_t. Restricting s
//! to a window W (here: z ≥ z_min, optionally inside one region), the probability of the
//! configuration "first interaction is p, inside W" is
//!   P = Σ_{pieces i ⊂ W} (μ_p,i / μ_t,i) exp(−τ(a_i)) (1 − exp(−μ_t,i (b_i − a_i))),
//! and sampling s from μ_p exp(−τ) restricted to W (a piece with probability ∝ its term,
//! then a truncated exponential inside it) with event weight P is exact: the weighted
//! sample reproduces the unbiased distribution of such events (conditional Monte Carlo;
//! the "forced collision" of neutron transport, e.g. Lux & Koblinger, "Monte Carlo
//! Particle Transport Methods" (1991) ch. 7; Geant4's G4BOptnForceCommonTruncatedExp is
//! the same construction).
#include <memory>
#include <optional>
#include <vector>

#include "umbra/core/RandomStream.hpp"
#include "umbra/core/ThreeVector.hpp"
#include "umbra/sim/ProcessId.hpp"

namespace umbra::geometry
{
class DetectorGeometry;
}

namespace umbra::sim
{
class PhysicsTables;

class ForcedInteraction
{
public:
    //! A piece of the ray in one volume.
    struct Segment
    {
        double begin = 0;    //!< path length from the origin [mm]
        double end = 0;      //!< [mm]
        int volume = -1;
        int material = -1;
        double total = 0;    //!< μ_t [1/mm]
        double process = 0;  //!< μ_p of the forced process [1/mm]
    };

    //! Where the interaction may be forced.
    struct Window
    {
        double z_min = -1e300;  //!< lab z of the interaction point ≥ this [mm]
        int region = -1;        //!< DetectorGeometry region id the volume must belong to (−1: any)
    };

    struct Result
    {
        double probability = 0;  //!< P above (the event weight factor)
        double path_length = 0;  //!< s of the sampled point [mm]
        ThreeVector vertex;      //!< [mm]
        int volume = -1;
        int material = -1;
    };

    ForcedInteraction(std::shared_ptr<const geometry::DetectorGeometry> geometry,
                      std::shared_ptr<const PhysicsTables> tables);

    //! The segments of the straight path of a photon of `energy` from `origin` along the unit
    //! `direction` until it leaves the world, with μ_t and μ_p(process).
    std::vector<Segment> trace(const ThreeVector& origin, const ThreeVector& direction, double energy,
                               ProcessId process) const;

    //! P, and a sampled point, for the first interaction being the traced process inside the
    //! window; nullopt when P = 0 (the window is never reached or has no such material).
    std::optional<Result> force(const std::vector<Segment>& segments, const ThreeVector& origin,
                                const ThreeVector& direction, const Window& window, RandomStream& rng) const;

    //! Only P (no sampling).
    double probability(const std::vector<Segment>& segments, const ThreeVector& origin, const ThreeVector& direction,
                       const Window& window) const;

private:
    struct Piece
    {
        std::size_t segment = 0;
        double begin = 0;        //!< [mm]
        double end = 0;          //!< [mm]
        double probability = 0;  //!< contribution to P
    };
    std::vector<Piece> pieces(const std::vector<Segment>& segments, const ThreeVector& origin,
                              const ThreeVector& direction, const Window& window) const;

    std::shared_ptr<const geometry::DetectorGeometry> geometry_;
    std::shared_ptr<const PhysicsTables> tables_;
};
}  // namespace umbra::sim
