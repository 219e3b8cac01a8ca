#include "umbra/reco/RecoilTruth.hpp"

namespace umbra::reco
{
RecoilTruth RecoilTruth::find(const sim::SimEvent& event)
{
    RecoilTruth truth;
    int recoil_track = -1;
    for (const auto& p : event.particles)
    {
        if (p.status == 1 && p.pdg == 11)
        {
            recoil_track = p.track_id;
            break;
        }
    }
    if (recoil_track < 0) return truth;
    double best_ecal = 0;
    double best_target = 0;
    for (const auto& hit : event.scoring_hits)
    {
        if (hit.track_id != recoil_track || hit.momentum.z <= 0) continue;
        const double p = hit.momentum.mag();
        if (hit.plane_id == ecal_plane_id && p > best_ecal)
        {
            best_ecal = p;
            truth.at_ecal = TrajectorySeed{hit.position, hit.momentum};
        }
        else if (hit.plane_id == target_plane_id && p > best_target)
        {
            best_target = p;
            truth.at_target = TrajectorySeed{hit.position, hit.momentum};
        }
    }
    return truth;
}
}  // namespace umbra::reco
