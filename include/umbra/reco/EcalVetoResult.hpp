#pragma once
//! \file
//! The ECal veto variables of one event (ldmx-sw `ldmx::EcalVetoResult`, reference §7):
//! the 47 inputs of the segmip BDT and the quantities they are cut from. Names follow
//! ldmx-sw's getters in snake_case; containment grids are indexed [region][segment].
#include <array>
#include <span>
#include <string_view>
#include <vector>

namespace umbra::reco
{
struct EcalVetoResult
{
    static constexpr int regions = 5;   //!< containment annuli i R … (i+1) R
    static constexpr int segments = 3;  //!< layers 0–5, 6–16, 17–33
    using Grid = std::array<std::array<double, segments>, regions>;
    using PerSegment = std::array<double, segments>;
    using PerRegion = std::array<double, regions>;

    int n_readout_hits = 0;
    double summed_det = 0;        //!< [MeV]
    double summed_tight_iso = 0;  //!< [MeV]
    double max_cell_dep = 0;      //!< [MeV]
    double shower_rms = 0;        //!< energy-weighted mean distance from the centroid [mm]
    double x_std = 0;             //!< [mm]
    double y_std = 0;             //!< [mm]
    double avg_layer_hit = 0;
    double std_layer_hit = 0;
    int deepest_layer_hit = 0;
    double ecal_back_energy = 0;  //!< layers ≥ 20 [MeV]
    int n_straight_tracks = 0;
    int first_near_ph_layer = 0;
    int n_near_ph_hits = 0;
    int photon_territory_hits = 0;
    double ep_sep = 0;  //!< [mm]; 999 without trajectories
    double ep_dot = 0;  //!< 999 without trajectories
    double ep_ang = 0;  //!< [deg]; 999 without trajectories
    bool fiducial = false;      //!< recoil electron projected 7.932 mm past plane 31 lands in a layer-0 cell
    double recoil_p = -1;       //!< at the ECal scoring plane [MeV]; −1 without recoil
    double recoil_theta = -1;   //!< [deg]; −1 without recoil

    std::vector<double> layer_energy;  //!< rec energy per layer [MeV]
    std::vector<int> layer_hits;       //!< read-out hits per layer

    PerSegment energy_seg{}, x_mean_seg{}, y_mean_seg{}, x_std_seg{}, y_std_seg{}, layer_mean_seg{}, layer_std_seg{};
    Grid e_cont_energy{}, e_cont_x_mean{}, e_cont_y_mean{};
    Grid g_cont_energy{}, g_cont_n_hits{}, g_cont_x_mean{}, g_cont_y_mean{};
    Grid o_cont_energy{}, o_cont_n_hits{}, o_cont_x_mean{}, o_cont_y_mean{}, o_cont_x_std{}, o_cont_y_std{},
        o_cont_layer_mean{}, o_cont_layer_std{};
    PerRegion electron_containment_energy{}, photon_containment_energy{}, outside_containment_energy{},
        outside_containment_n_hits{}, outside_containment_x_mean{}, outside_containment_y_mean{},
        outside_containment_x_std{}, outside_containment_y_std{};

    //! A named scalar of the result (a column of /veto).
    struct Variable
    {
        std::string_view name;
        double (*value)(const EcalVetoResult&);
        bool integer = false;  //!< a count or flag (stored as int64)
    };
    //! The 47 BDT inputs in ldmx-sw's order (EcalVetoProcessor::buildBDTFeatureVector).
    static std::span<const Variable> bdt_features() noexcept;
    //! Everything written to /veto: the BDT inputs, then the remaining segment and
    //! trajectory quantities (each name once).
    static std::span<const Variable> columns() noexcept;
};
}  // namespace umbra::reco
