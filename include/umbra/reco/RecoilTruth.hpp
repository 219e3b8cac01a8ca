#pragma once
//! \file
//! The recoil electron as the ECal veto sees it: its crossings of the ECal-front scoring
//! plane (id 31) and of the target scoring plane (id 1), taken from the truth record as
//! ldmx-sw's EcalVetoProcessor does (Analysis::getRecoil; the hit with pz > 0 and the
//! largest momentum on each plane).
#include <optional>

#include "umbra/core/ThreeVector.hpp"
#include "umbra/sim/SimEvent.hpp"

namespace umbra::reco
{
//! A point and a momentum defining a straight trajectory.
struct TrajectorySeed
{
    ThreeVector position;  //!< [mm]
    ThreeVector momentum;  //!< [MeV]
};

struct RecoilTruth
{
    std::optional<TrajectorySeed> at_ecal;    //!< scoring plane 31
    std::optional<TrajectorySeed> at_target;  //!< scoring plane 1

    static constexpr int ecal_plane_id = 31;
    static constexpr int target_plane_id = 1;

    //! The recoil electron is the first primary (status 1) electron of the truth record.
    static RecoilTruth find(const sim::SimEvent& event);
};
}  // namespace umbra::reco
