#pragma once
//! \file
//! The physics Params of the condensed-history EM transport: per material and
//! per particle, tables on one log-energy grid of everything the stepping loop
//! looks up (restricted dE/dx, range and its inverse, macroscopic
//! cross-sections of the discrete processes), the production thresholds, and
//! the ready-built multiple-scattering and fluctuation parameters. Built once
//! from the detector's materials, immutable, shared by all threads.
//!
//! What is tabulated (T = kinetic energy; n_i atoms of element i per volume,
//! n_e electrons per volume; cuts = the material's production thresholds):
//!  - e-/e+ restricted dE/dx = collision loss below the e- threshold
//!    (ElectronStoppingPower, Berger-Seltzer) + radiative loss below the gamma
//!    threshold, sum_i n_i Bremsstrahlung::restricted_energy_loss(k_cut)
//!    (Geant4 PRM "Energy loss": dE/dx = sum over processes of the loss
//!    restricted to secondaries below the production threshold).
//!  - mu+- restricted dE/dx: Bethe-Bloch with the density effect, restricted to
//!    delta rays below the e- threshold, with the spin-1/2 term (MuonIonisation
//!    below; PDG Review "Passage of particles through matter" eq. 34.5 and the
//!    restricted form eq. 34.12; Geant4 G4MuBetheBlochModel::ComputeDEDXPerVolume).
//!    Shell, Barkas, Bloch and Mott corrections are omitted (< 1 % above
//!    T ~ 10 MeV; PDG Sec. 34.2.3 quotes the Barkas/Bloch terms at the per-mille
//!    level at minimum ionisation). Below 200 keV (Geant4 switches to the Bragg
//!    model there) dE/dx is scaled as sqrt(T) from its 200 keV value: a muon
//!    of 200 keV has a range of a few um, so this only decides where it stops.
//!    Muon bremsstrahlung, pair production and photonuclear losses are omitted:
//!    they are the b(E) E term of the PDG muon tables, which equals the
//!    ionisation loss only at the muon critical energy (hundreds of GeV:
//!    E_mu_c ~ 340 GeV in Fe, ~ 140-160 GeV in W and Pb, PDG atomic and nuclear
//!    properties), so at the LDMX beam energy (<= 8 GeV) they are < ~5 % of
//!    the muon's loss in W and ~ 2 % in Fe/Si; their discrete hard tails
//!    (the rare large losses) are absent.
//!  - range R(T) = R(T0) + int_T0^T dT'/(dE/dx) (restricted, so it is the range
//!    the transport sees, not the CSDA range), with R(T0) = 2 T0 / (dE/dx)(T0) at
//!    the lowest energy T0, i.e. dE/dx ~ sqrt(T) below T0 (as Geant4's
//!    G4LossTableBuilder::BuildRangeTable). Below T0 the same sqrt(T) law is
//!    used for dE/dx, range and inverse range, so particles reaching T0 stop
//!    within R(T0) (< 1e-4 mm in solids for e+-).
//!  - discrete processes [1/mm]: e- delta rays above the e- threshold,
//!    n_e sigma_Moller(cut) (sigma is zero unless T > 2 cut: Moller's T_max is
//!    T/2); e+ delta rays n_e sigma_Bhabha(cut) (T > cut); e+- bremsstrahlung
//!    above the gamma threshold sum_i n_i sigma_i(k_cut); e+ annihilation in
//!    flight n_e sigma_Heitler(T); gamma Compton, photoelectric, conversion,
//!    gamma -> mu mu, sum_i n_i sigma_i(E); mu+- delta rays above the e- threshold,
//!    n_e sigma_delta (MuonIonisation::cross_section_per_electron).
//!
//! Energy grid and interpolation. ceil(bins_per_decade x decades) bins uniform in ln E from
//! E_low to E_high (161 nodes for 1 keV - 100 GeV at 20/decade); the bin is found with one log.
//!  - dE/dx: linear in ln E. The range integral uses the same interpolant
//!    (Gauss-Legendre in ln E per bin), so range and dE/dx are consistent.
//!  - range: ln R linear in ln E, and energy_from_range inverts exactly that
//!    interpolant (binary search + the inverse formula), so
//!    energy_from_range(range(E)) == E to rounding (measured 2e-15).
//!  - cross-sections: ln sigma linear in ln E (log-log), exact for a power law.
//!    Measured against linear-in-ln E on the same nodes (v14 W, Si, FR4, PVT,
//!    10 keV - 100 GeV, away from thresholds): log-log is better for every
//!    process except e+- bremsstrahlung (log-log 0.5 %, linear 0.2 %) -- e.g.
//!    photoelectric 0.1-1.3 % vs up to 300 % (edges/steep fall), conversion
//!    0.8-1.8 % vs 5-7 %, Moller 0.75 % vs 1.0 %, Compton 0.08 % vs 0.27 %.
//!    For a process with a threshold E_th (delta rays, bremsstrahlung, pair
//!    production) ln sigma is interpolated in ln(E - E_th) instead, which
//!    follows the steep rise and tends to log-log far above it, and in the bin
//!    holding E_th (found by bisection on the kernel) sigma = sigma(E_node)
//!    ((E - E_th)/(E_node - E_th))^p with p fitted to the kernel at the bin middle.
//!  - Measured interpolation error at 20 bins per decade (tests/sim/
//!    PhysicsTablesTest.cpp, InterpolationAccuracy; v14 W, Si, FR4, PVT,
//!    10 keV - 100 GeV): dE/dx <= 0.3 % (largest at the e- threshold kink
//!    T = 2 T_cut and at the muon 200 keV join; 0.8 % at 2 keV in W where the
//!    stopping-power kernel switches to its low-energy form); cross-sections
//!    <= 1.3 % (typically < 0.5 %) more than 3 bins above a threshold. Within
//!    the first ~3 bins above a threshold the relative error of the (small,
//!    rising) cross-section can reach 10-50 %. The kernels' own kinks
//!    (gamma -> mu mu at 5 m_mu: 9 %, pair fit at 1.5 MeV: 2 %, Sandia interval
//!    at 0.5 MeV: 1.4 %, bremsstrahlung LPM switch at 1 GeV) are smoothed over
//!    one bin.
//!  - Photoelectric effect below 200 keV is not interpolated but computed on
//!    the fly from the Sandia parameterisation (sum over elements), because the
//!    absorption edges (W K edge 69.5 keV, L edges 10-12 keV) make a table
//!    on a uniform grid wrong by factors of a few within an edge bin. Geant4
//!    does the same (G4PhotoElectricEffect: SetBuildTableFlag(false),
//!    SetMinKinEnergyPrim(200 keV)).
//!  - Outside the grid: below E_low dE/dx ~ sqrt(T) (see range above) and
//!    cross-sections take their E_low value; above E_high dE/dx and
//!    cross-sections take their E_high value and the range grows linearly.
//!
//! Integral approach (Geant4 PRM "Integral approach"; G4VEnergyLossProcess):
//! a charged particle loses energy along the step, so the interaction rate
//! changes; sampling the distance to the next interaction with the largest
//! cross-section over the energies the step can reach, sigma_max, and
//! accepting an interaction at the post-step energy with probability
//! sigma(E_post)/sigma_max keeps the sampling unbiased. max_cross_section_below()
//! gives sigma_max over [E_low, E_high] of the interpolated table (exact for
//! the interpolant: its extrema lie on the end points or grid nodes).
//!
//! Production thresholds follow Geant4's range-cut conversion with the Geant4
//! 10.x algorithm by default (RangeCutAlgorithm::geant4_10), because ldmx-sw
//! runs Geant4 10.2.3 and the thresholds set how much energy goes into
//! secondaries versus continuous loss; the Geant4 11 algorithm differs by up
//! to ~1 %.
//!
//! Build cost: bremsstrahlung integrals dominate (one Gauss-Legendre
//! integration per element, node and particle for the loss and for the
//! cross-section); materials are built in parallel (core/ParallelFor.hpp), each
//! independently, so the result does not depend on the number of threads.
//!
//!   auto geometry = geometry::DetectorGeometry::load_named("ldmx-det-v14-8gev");
//!   const PhysicsTables tables(*geometry, PhysicsConfig{});
//!   const int w = geometry->find_material("G4_W");
//!   double loss = tables.dedx(ParticleKind::electron, w, 100 * units::MeV);        // [MeV/mm]
//!   double sigma = tables.total_cross_section(ParticleKind::gamma, w, 1 * units::GeV);  // [1/mm]
//!   int element = tables.sample_element(ProcessId::bremsstrahlung, ParticleKind::electron, w, energy, u);

#include <array>
#include <cmath>
#include <functional>
#include <span>
#include <vector>

#include "umbra/core/Units.hpp"
#include "umbra/geometry/Material.hpp"
#include "umbra/sim/EnergyLossFluctuation.hpp"
#include "umbra/sim/MultipleScattering.hpp"
#include "umbra/sim/ParticleKind.hpp"
#include "umbra/sim/ProcessId.hpp"
#include "umbra/sim/ProductionThresholds.hpp"

namespace umbra::geometry
{
class DetectorGeometry;
}

namespace umbra::sim
{
//! Ionisation by a heavy spin-1/2 particle (muon), as Geant4's
//! G4MuBetheBlochModel (PDG Review "Passage of particles through matter",
//! eqs. 34.4, 34.5, 34.12; Geant4 PRM "Muon incident" > "Ionisation"), without
//! shell/high-order and radiative corrections:
//!   dsigma/dT = 2 pi r_e^2 m_e c^2 / beta^2 / T^2 [1 - beta^2 T/T_max + T^2/(2 E^2)]
//! per electron for delta-ray energy T <= T_max (E = total energy of the muon),
//!   T_max = 2 m_e c^2 beta^2 gamma^2 / (1 + 2 gamma m_e/M + (m_e/M)^2),
//! and the restricted loss (transfers below T_up = min(cut, T_max))
//!   dE/dx = 2 pi r_e^2 m_e c^2 n_e / beta^2 [ln(2 m_e c^2 beta^2 gamma^2 T_up / I^2)
//!           - beta^2 (1 + T_up/T_max) - delta + (T_up / 2E)^2].
struct MuonIonisation
{
    //! Below this kinetic energy dE/dx is scaled as sqrt(T) (Geant4's Bethe-Bloch /
    //! Bragg switch for muons, G4MuIonisation) [MeV].
    static constexpr double bethe_min_energy = 0.2 * units::MeV;

    //! T_max [MeV] (PDG eq. 34.4).
    static double max_energy_transfer(double kinetic_energy, double mass) noexcept;
    //! dsigma/dT per electron [mm^2/MeV]; 0 outside (0, T_max].
    static double differential_cross_section(double kinetic_energy, double mass, double delta_energy) noexcept;
    //! sigma(T_delta > cut) per electron [mm^2] (G4MuBetheBlochModel::ComputeCrossSectionPerElectron
    //! without the radiative correction); 0 if cut >= T_max.
    static double cross_section_per_electron(double kinetic_energy, double mass, double cut) noexcept;
    //! Restricted dE/dx [MeV/mm]; a cut above T_max gives the full Bethe-Bloch loss.
    static double dedx(const geometry::Material& material, double kinetic_energy, double mass, double cut);
};

//! A kinetic energy with its natural logarithm, so that the several lookups of one
//! transport step at the same energy share one std::log (the grid is uniform in ln E).
struct EnergyPoint
{
    double energy = 0;      //!< kinetic energy [MeV]
    double log_energy = 0;  //!< ln(energy / MeV) [1]

    static EnergyPoint of(double kinetic_energy) noexcept { return {kinetic_energy, std::log(kinetic_energy)}; }
};

//! What the tables are built for; defaults reproduce ldmx-sw's Geant4 10.2.3 setup.
struct PhysicsConfig
{
    //! Production range cut for gamma, e-, e+ (ldmx-sw: 0.7 mm everywhere) [mm].
    double range_cut = 0.7 * units::mm;
    //! Range-to-energy conversion: geant4_10 because ldmx-sw runs Geant4 10.2.3.
    RangeCutAlgorithm range_cut_algorithm = RangeCutAlgorithm::geant4_10;
    //! Low edge of the tables: particles below it are stopped (deposit locally) [MeV].
    double lowest_energy = 1 * units::keV;
    //! High edge of the tables: 8 GeV beam with margin [MeV].
    double highest_energy = 100 * units::GeV;
    //! Grid density; 20 per decade gives the interpolation errors quoted in the file comment.
    int bins_per_decade = 20;
    //! LPM suppression of bremsstrahlung (Bremsstrahlung's geant4_threshold rule) if true.
    bool lpm = true;
    //! Multiple-scattering step limitation parameters for every MultipleScattering object.
    MultipleScattering::Config msc;
    //! Threads used to build the tables (materials in parallel); 0 = hardware concurrency.
    unsigned threads = 0;

    //! Throws InputError ("problem (why) suggestion") for a non-positive or non-finite
    //! range cut, energies not 0 < lowest < highest, bins_per_decade outside 1..1000,
    //! or an invalid msc config.
    void validate() const;
};

class PhysicsTables
{
public:
    //! Tables for every material of the detector, indexed by its material id.
    PhysicsTables(const geometry::DetectorGeometry& geometry, const PhysicsConfig& config);
    //! Tables for a list of materials (index = position in the list). Throws InputError
    //! for an invalid config or a material with an element the photoelectric
    //! parameterisation does not cover (PhotoelectricEffect::has_element).
    PhysicsTables(std::span<const geometry::Material> materials, const PhysicsConfig& config);

    const PhysicsConfig& config() const noexcept { return config_; }
    int material_count() const noexcept { return static_cast<int>(materials_.size()); }
    const geometry::Material& material(int material) const { return materials_[index(material)].material; }
    double lowest_energy() const noexcept { return config_.lowest_energy; }    //!< [MeV]
    double highest_energy() const noexcept { return config_.highest_energy; }  //!< [MeV]
    //! The grid nodes [MeV].
    std::span<const double> energy_grid() const noexcept { return energies_; }

    // -- Production thresholds -------------------------------------------------------------
    //! gamma, e-, e+ production thresholds of a material [MeV].
    const ProductionThresholds::Values& production_thresholds(int material) const
    {
        return materials_[index(material)].thresholds;
    }

    // -- Continuous loss (charged particles; 0 / infinity for the photon) ------------------
    //! Restricted dE/dx [MeV/mm].
    double dedx(ParticleKind kind, int material, double kinetic_energy) const noexcept;
    //! Range from the restricted dE/dx [mm].
    double range(ParticleKind kind, int material, double kinetic_energy) const noexcept;
    //! Kinetic energy whose range() is `range` [MeV] (exact inverse of range()).
    double energy_from_range(ParticleKind kind, int material, double range) const noexcept;

    // The same lookups at an EnergyPoint (no std::log; identical results up to rounding).
    double dedx(ParticleKind kind, int material, EnergyPoint point) const noexcept;
    double range(ParticleKind kind, int material, EnergyPoint point) const noexcept;
    //! energy_from_range() with the logarithm of the result; `above` is an energy whose range
    //! is at least `range` (it only narrows the search, the result does not depend on it).
    EnergyPoint energy_from_range(ParticleKind kind, int material, double range, EnergyPoint above) const noexcept;

    // -- Discrete processes ----------------------------------------------------------------
    //! The processes with cross-section tables for `kind`, in a fixed order:
    //! e- {ionisation, bremsstrahlung}, e+ {ionisation, bremsstrahlung, annihilation},
    //! gamma {compton, photoelectric, conversion, muon_pair}, mu+- {muon_ionisation}.
    static std::span<const ProcessId> discrete_processes(ParticleKind kind) noexcept;
    //! Macroscopic cross-section [1/mm]; 0 for a process `kind` does not have.
    //! For muons ProcessId::ionisation is accepted as a synonym of muon_ionisation.
    double cross_section(ProcessId process, ParticleKind kind, int material, double energy) const noexcept;
    //! Sum over discrete_processes(kind) [1/mm].
    double total_cross_section(ParticleKind kind, int material, double energy) const noexcept;
    //! Largest cross-section of `process` over [energy_low, energy_high] [1/mm]
    //! (integral approach, file comment). For the photoelectric effect below 200 keV,
    //! where it is computed on the fly, only the end points and nodes are examined.
    double max_cross_section_below(ProcessId process, ParticleKind kind, int material, double energy_high,
                                   double energy_low) const noexcept;
    //! Largest total cross-section over [energy_low, energy_high] [1/mm].
    double max_total_cross_section_below(ParticleKind kind, int material, double energy_high,
                                         double energy_low) const noexcept;
    //! The same at EnergyPoints (identical up to rounding).
    double max_total_cross_section_below(ParticleKind kind, int material, EnergyPoint high,
                                         EnergyPoint low) const noexcept;
    //! cross_section() of every process of discrete_processes(kind), in that order, at one
    //! EnergyPoint (one grid location for all; identical up to rounding) [1/mm].
    void cross_sections(ParticleKind kind, int material, EnergyPoint point, std::span<double> out) const noexcept;
    //! total_cross_section() at an EnergyPoint (identical up to rounding).
    double total_cross_section(ParticleKind kind, int material, EnergyPoint point) const noexcept;
    //! The process of an interaction: the first of discrete_processes(kind) whose cumulative
    //! cross-section exceeds u * total, u in [0, 1).
    ProcessId sample_process(ParticleKind kind, int material, double energy, double u) const noexcept;
    //! The target element (index into material(material).components()) of an interaction of
    //! `process`, chosen with probability n_i sigma_i / sum_j n_j sigma_j at `energy`
    //! (for delta rays and annihilation: the electron share n_i Z_i / n_e); u in [0, 1).
    //! Single-element materials return 0 at once; otherwise a per-element cumulative
    //! table interpolated linearly in ln E (photoelectric: computed on the fly).
    int sample_element(ProcessId process, ParticleKind kind, int material, double energy,
                       double u) const noexcept;

    // -- Continuous-process kernels' parameters --------------------------------------------
    //! The Urban multiple-scattering model of a charged particle in a material.
    const MultipleScattering& multiple_scattering(ParticleKind kind, int material) const;
    //! The material's multiple-scattering parameters.
    const MscMaterialData& msc_material_data(int material) const { return materials_[index(material)].msc_data; }
    //! The material's energy-loss fluctuation parameters (the same for all particles).
    const FluctuationMaterialData& fluctuation_data(int material) const
    {
        return materials_[index(material)].fluctuation;
    }

    // -- Direct (untabulated) evaluation, for validation -----------------------------------
    //! dE/dx from the kernels at any energy, as tabulated at the nodes [MeV/mm] (slow).
    double dedx_direct(ParticleKind kind, int material, double kinetic_energy) const;
    //! Cross-section from the kernels at any energy, as tabulated at the nodes [1/mm] (slow).
    double cross_section_direct(ProcessId process, ParticleKind kind, int material, double energy) const;

private:
    //! One process's macroscopic cross-section on the grid.
    struct ProcessTable
    {
        ProcessId process = ProcessId::primary;
        std::vector<double> sigma;      //!< at the nodes [1/mm]
        std::vector<double> log_sigma;  //!< ln(sigma * mm) at the nodes (0 where sigma = 0) [1]
        int first_nonzero = 0;          //!< first node with sigma > 0 (node count if none)
        double threshold = 0;           //!< sigma = 0 at and below this energy [MeV]
        //! ln((E_j - threshold) / MeV) at the nodes above the threshold (only if threshold > 0) [1]
        std::vector<double> log_shifted_energy;
        //! Exponent p of sigma ~ (E - threshold)^p in the bin holding the threshold [1]
        double threshold_exponent = 1;
        //! Cumulative element fractions, node-major: element_cdf[j * n_el + i] =
        //! sum_{k <= i} n_k sigma_k / sigma at node j (empty for one element) [1].
        std::vector<double> element_cdf;
    };
    //! All tables of one particle in one material.
    struct ParticleTables
    {
        std::vector<double> dedx;          //!< restricted dE/dx at the nodes [MeV/mm]
        std::vector<double> log_range;     //!< ln(R / mm) at the nodes [1]
        double range_min = 0;              //!< R at the first node [mm] (cached exp(log_range.front()))
        double range_max = 0;              //!< R at the last node [mm]
        std::vector<ProcessTable> processes;  //!< in discrete_processes() order
        ProcessTable total;                //!< sum of all processes
        //! For the photon: the sum without the photoelectric effect (used below 200 keV).
        ProcessTable total_without_photoelectric;
    };
    struct MaterialTables
    {
        geometry::Material material;
        ProductionThresholds::Values thresholds{};
        std::vector<double> electron_fraction_cdf{};  //!< cumulative n_i Z_i / n_e [1]
        std::array<ParticleTables, particle_kind_count> particles{};
        MscMaterialData msc_data{};
        std::vector<MultipleScattering> msc{};  //!< e-, e+, mu-, mu+
        FluctuationMaterialData fluctuation{};
    };
    //! Where an energy falls on the grid.
    struct GridPoint
    {
        int bin = 0;          //!< lower node
        double fraction = 0;  //!< position in the bin in ln E, [0, 1]
    };

    std::size_t index(int material) const noexcept { return static_cast<std::size_t>(material); }
    GridPoint locate(double energy) const noexcept { return locate_log(std::log(energy)); }
    GridPoint locate_log(double log_energy) const noexcept;
    void build_material(MaterialTables& tables) const;
    void build_charged(MaterialTables& tables, ParticleKind kind) const;
    void build_process(const MaterialTables& tables, ParticleKind kind, ProcessId process,
                       ProcessTable& table) const;
    void finish_threshold(ProcessTable& table, const std::function<double(double)>& direct) const;
    double element_cross_section(const MaterialTables& tables, ProcessId process, ParticleKind kind,
                                 std::size_t element, double energy) const;
    double direct_cross_section(const MaterialTables& tables, ProcessId process, ParticleKind kind,
                                double energy) const;
    double direct_dedx(const MaterialTables& tables, ParticleKind kind, double kinetic_energy) const;
    double photoelectric_direct(const MaterialTables& tables, double energy) const;
    double interpolate(const ProcessTable& table, double energy) const noexcept;
    double interpolate(const ProcessTable& table, double energy, GridPoint point) const noexcept;
    double max_below(const ProcessTable& table, ProcessId process, ParticleKind kind, int material,
                     double energy_high, double energy_low) const noexcept;
    const ProcessTable* find_table(ProcessId process, ParticleKind kind, int material) const noexcept;

    PhysicsConfig config_;
    std::vector<double> energies_;  //!< grid nodes [MeV]
    double log_energy_min_ = 0;     //!< ln(E_low / MeV) [1]
    double inverse_log_step_ = 0;   //!< 1 / d ln E [1]
    std::vector<MaterialTables> materials_;
};
}  // namespace umbra::sim
