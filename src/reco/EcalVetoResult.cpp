#include "umbra/reco/EcalVetoResult.hpp"

#include <array>

namespace umbra::reco
{
namespace
{
// clang-format off
// The first 47 entries are the BDT inputs in ldmx-sw's order.
constexpr std::array<EcalVetoResult::Variable, 66> column_table = {{
    {"n_readout_hits", [](const EcalVetoResult& r) { return static_cast<double>(r.n_readout_hits); }, true},
    {"summed_det", [](const EcalVetoResult& r) { return static_cast<double>(r.summed_det); }},
    {"summed_tight_iso", [](const EcalVetoResult& r) { return static_cast<double>(r.summed_tight_iso); }},
    {"max_cell_dep", [](const EcalVetoResult& r) { return static_cast<double>(r.max_cell_dep); }},
    {"shower_rms", [](const EcalVetoResult& r) { return static_cast<double>(r.shower_rms); }},
    {"x_std", [](const EcalVetoResult& r) { return static_cast<double>(r.x_std); }},
    {"y_std", [](const EcalVetoResult& r) { return static_cast<double>(r.y_std); }},
    {"avg_layer_hit", [](const EcalVetoResult& r) { return static_cast<double>(r.avg_layer_hit); }},
    {"std_layer_hit", [](const EcalVetoResult& r) { return static_cast<double>(r.std_layer_hit); }},
    {"deepest_layer_hit", [](const EcalVetoResult& r) { return static_cast<double>(r.deepest_layer_hit); }, true},
    {"ecal_back_energy", [](const EcalVetoResult& r) { return static_cast<double>(r.ecal_back_energy); }},
    {"n_straight_tracks", [](const EcalVetoResult& r) { return static_cast<double>(r.n_straight_tracks); }, true},
    {"first_near_ph_layer", [](const EcalVetoResult& r) { return static_cast<double>(r.first_near_ph_layer); }, true},
    {"n_near_ph_hits", [](const EcalVetoResult& r) { return static_cast<double>(r.n_near_ph_hits); }, true},
    {"photon_territory_hits", [](const EcalVetoResult& r) { return static_cast<double>(r.photon_territory_hits); }, true},
    {"ep_sep", [](const EcalVetoResult& r) { return static_cast<double>(r.ep_sep); }},
    {"ep_dot", [](const EcalVetoResult& r) { return static_cast<double>(r.ep_dot); }},
    {"energy_seg0", [](const EcalVetoResult& r) { return static_cast<double>(r.energy_seg[0]); }},
    {"x_mean_seg0", [](const EcalVetoResult& r) { return static_cast<double>(r.x_mean_seg[0]); }},
    {"y_mean_seg0", [](const EcalVetoResult& r) { return static_cast<double>(r.y_mean_seg[0]); }},
    {"layer_mean_seg0", [](const EcalVetoResult& r) { return static_cast<double>(r.layer_mean_seg[0]); }},
    {"energy_seg1", [](const EcalVetoResult& r) { return static_cast<double>(r.energy_seg[1]); }},
    {"y_mean_seg2", [](const EcalVetoResult& r) { return static_cast<double>(r.y_mean_seg[2]); }},
    {"e_cont_energy_r0_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.e_cont_energy[0][0]); }},
    {"e_cont_energy_r1_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.e_cont_energy[1][0]); }},
    {"e_cont_y_mean_r0_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.e_cont_y_mean[0][0]); }},
    {"e_cont_energy_r0_s1", [](const EcalVetoResult& r) { return static_cast<double>(r.e_cont_energy[0][1]); }},
    {"e_cont_energy_r1_s1", [](const EcalVetoResult& r) { return static_cast<double>(r.e_cont_energy[1][1]); }},
    {"e_cont_y_mean_r0_s1", [](const EcalVetoResult& r) { return static_cast<double>(r.e_cont_y_mean[0][1]); }},
    {"g_cont_n_hits_r0_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.g_cont_n_hits[0][0]); }, true},
    {"g_cont_y_mean_r0_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.g_cont_y_mean[0][0]); }},
    {"g_cont_n_hits_r0_s1", [](const EcalVetoResult& r) { return static_cast<double>(r.g_cont_n_hits[0][1]); }, true},
    {"o_cont_energy_r0_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_energy[0][0]); }},
    {"o_cont_energy_r1_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_energy[1][0]); }},
    {"o_cont_energy_r2_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_energy[2][0]); }},
    {"o_cont_n_hits_r0_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_n_hits[0][0]); }, true},
    {"o_cont_x_mean_r0_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_x_mean[0][0]); }},
    {"o_cont_y_mean_r0_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_y_mean[0][0]); }},
    {"o_cont_y_mean_r1_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_y_mean[1][0]); }},
    {"o_cont_y_std_r0_s0", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_y_std[0][0]); }},
    {"o_cont_energy_r0_s1", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_energy[0][1]); }},
    {"o_cont_energy_r1_s1", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_energy[1][1]); }},
    {"o_cont_energy_r2_s1", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_energy[2][1]); }},
    {"o_cont_layer_mean_r0_s1", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_layer_mean[0][1]); }},
    {"o_cont_layer_std_r0_s1", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_layer_std[0][1]); }},
    {"o_cont_energy_r0_s2", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_energy[0][2]); }},
    {"o_cont_layer_mean_r0_s2", [](const EcalVetoResult& r) { return static_cast<double>(r.o_cont_layer_mean[0][2]); }},
    {"ep_ang", [](const EcalVetoResult& r) { return static_cast<double>(r.ep_ang); }},
    {"fiducial", [](const EcalVetoResult& r) { return r.fiducial ? 1.0 : 0.0; }, true},
    {"recoil_p", [](const EcalVetoResult& r) { return static_cast<double>(r.recoil_p); }},
    {"recoil_theta", [](const EcalVetoResult& r) { return static_cast<double>(r.recoil_theta); }},
    {"energy_seg2", [](const EcalVetoResult& r) { return static_cast<double>(r.energy_seg[2]); }},
    {"x_mean_seg1", [](const EcalVetoResult& r) { return static_cast<double>(r.x_mean_seg[1]); }},
    {"x_mean_seg2", [](const EcalVetoResult& r) { return static_cast<double>(r.x_mean_seg[2]); }},
    {"y_mean_seg1", [](const EcalVetoResult& r) { return static_cast<double>(r.y_mean_seg[1]); }},
    {"x_std_seg0", [](const EcalVetoResult& r) { return static_cast<double>(r.x_std_seg[0]); }},
    {"x_std_seg1", [](const EcalVetoResult& r) { return static_cast<double>(r.x_std_seg[1]); }},
    {"x_std_seg2", [](const EcalVetoResult& r) { return static_cast<double>(r.x_std_seg[2]); }},
    {"y_std_seg0", [](const EcalVetoResult& r) { return static_cast<double>(r.y_std_seg[0]); }},
    {"y_std_seg1", [](const EcalVetoResult& r) { return static_cast<double>(r.y_std_seg[1]); }},
    {"y_std_seg2", [](const EcalVetoResult& r) { return static_cast<double>(r.y_std_seg[2]); }},
    {"layer_mean_seg1", [](const EcalVetoResult& r) { return static_cast<double>(r.layer_mean_seg[1]); }},
    {"layer_mean_seg2", [](const EcalVetoResult& r) { return static_cast<double>(r.layer_mean_seg[2]); }},
    {"layer_std_seg0", [](const EcalVetoResult& r) { return static_cast<double>(r.layer_std_seg[0]); }},
    {"layer_std_seg1", [](const EcalVetoResult& r) { return static_cast<double>(r.layer_std_seg[1]); }},
    {"layer_std_seg2", [](const EcalVetoResult& r) { return static_cast<double>(r.layer_std_seg[2]); }},
}};
// clang-format on
}  // namespace

std::span<const EcalVetoResult::Variable> EcalVetoResult::bdt_features() noexcept
{
    return std::span<const Variable>(column_table).first(47);
}
std::span<const EcalVetoResult::Variable> EcalVetoResult::columns() noexcept { return column_table; }
}  // namespace umbra::reco
