#include "umbra/reco/StraightTrackFinder.hpp"

#include <algorithm>
#include <cmath>

namespace umbra::reco
{
double StraightTrackFinder::line_distance(const LineSegment& a, const LineSegment& b) noexcept
{
    const ThreeVector normal = (a.start - a.end).cross(b.start - b.end);
    const double length = normal.mag();
    if (length == 0) return 100.0;
    return std::abs(normal.dot(a.start - b.start)) / length;
}

std::vector<std::vector<TrackingHit>> StraightTrackFinder::find(std::vector<TrackingHit> hits,
                                                                const LineSegment& electron,
                                                                const LineSegment& photon) const
{
    const double width = config_.cell_width;
    std::stable_sort(hits.begin(), hits.end(), [](const TrackingHit& a, const TrackingHit& b) { return a.layer > b.layer; });

    std::vector<std::vector<TrackingHit>> tracks;
    std::vector<std::size_t> chain;
    for (std::size_t i = 0; i < hits.size();)
    {
        chain.assign(1, i);
        for (std::size_t j = i; j < hits.size(); ++j)
        {
            const auto& last = hits[chain.back()];
            const int step = last.layer - hits[j].layer;
            if ((step == 1 || step == 2) && std::abs(hits[j].position.x - last.position.x) <= 0.5 * width &&
                std::abs(hits[j].position.y - last.position.y) <= 0.5 * width)
            {
                chain.push_back(j);
            }
        }
        bool accepted = chain.size() >= 2;
        if (accepted)
        {
            const LineSegment line{hits[chain.front()].position, hits[chain.back()].position};
            const double closest_electron = line_distance(line, electron);
            const double closest_photon = line_distance(line, photon);
            if (closest_photon > width && closest_electron < 2 * width) accepted = false;
            if (chain.size() < 4 && closest_electron > closest_photon) accepted = false;
        }
        if (!accepted)
        {
            ++i;
            continue;
        }
        std::vector<TrackingHit> track;
        track.reserve(chain.size());
        for (const auto k : chain) track.push_back(hits[k]);
        // chain indices increase: erase from the back so earlier indices stay valid
        for (auto k = chain.rbegin(); k != chain.rend(); ++k) hits.erase(hits.begin() + static_cast<std::ptrdiff_t>(*k));
        tracks.push_back(std::move(track));
        // hit i was removed: the hit now at i is examined next
    }

    for (std::size_t i = 0; i < tracks.size(); ++i)
    {
        const TrackingHit tail = tracks[i].back();
        for (std::size_t j = i + 1; j < tracks.size(); ++j)
        {
            const TrackingHit& head = tracks[j].front();
            const int gap = head.layer - tail.layer;
            const double dx = head.position.x - tail.position.x;
            const double dy = head.position.y - tail.position.y;
            if ((gap == 1 || gap == 2) && std::sqrt(dx * dx + dy * dy) <= width)
            {
                tracks[i].insert(tracks[i].end(), tracks[j].begin(), tracks[j].end());
                tracks.erase(tracks.begin() + static_cast<std::ptrdiff_t>(j));
                break;
            }
        }
    }
    return tracks;
}
}  // namespace umbra::reco
