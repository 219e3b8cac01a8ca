// Physics validation of the digitisation + reconstruction chain on simulated events (ctest
// label "validation"): the MIP peak of muons and the energy scale of 4 GeV electrons.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "TestSupport.hpp"
#include "umbra/io/EventStore.hpp"
#include "umbra/sim/SimulationRun.hpp"

namespace umbra::reco
{
namespace
{
sim::SimulationConfig gun(const std::string& particle, std::uint64_t events)
{
    sim::SimulationConfig config;
    config.events = events;
    config.seed = 5;
    config.threads = 2;
    config.config_text = "[sim]\n[sim.source]\ntype = \"gun\"\nparticle = \"" + particle +
                         "\"\nenergy_gev = 4.0\nposition_mm = [0.0, 0.0, 230.0]\ndirection = [0.0, 0.0, 1.0]\n";
    config.config_source = "<test>";
    return config;
}

TEST(ReconstructionValidation, MuonMipPeakInTheSilicon)
{
    // Most probable energy loss of a 4 GeV muon in 300 um Si, PDG Review "Passage of particles
    // through matter" eq. 34.12 (Landau-Vavilov-Bichsel): xi = 5.35 keV, I = 173 eV, delta = 3.18
    // at beta gamma = 37.9 (Sternheimer Si parameters) -> Delta_p = 82.4 keV = 1.056 ldmx-sw MIPs
    // (0.078 MeV). The peak of N_MIP = amplitude / 0.130 MeV over all muon hits must be there
    // within 4 % (fluctuation model and the 0.6-count noise smear; 1 MIP = 19 ADC counts).
    test::TemporaryDirectory dir;
    sim::run_simulation(gun("mu-", 400), dir / "mu.h5", "test");
    const io::EventStoreReader file(dir / "mu.h5");
    const auto amplitude = file.read_collection("ecal_rec_hits", "amplitude", 0, file.events()).values;
    const auto noise = file.read_collection("ecal_rec_hits", "noise", 0, file.events()).values;
    constexpr double bin = 0.025;
    std::vector<double> histogram(120, 0.0);
    for (std::size_t i = 0; i < amplitude.size(); ++i)
    {
        const double mips = amplitude[i] / 0.130;
        if (noise[i] == 0 && mips < 3) histogram[static_cast<std::size_t>(mips / bin)] += 1;
    }
    const auto peak = static_cast<std::size_t>(std::max_element(histogram.begin(), histogram.end()) - histogram.begin());
    ASSERT_GT(peak, 3u);
    // Parabola through the three bins around the maximum.
    const double a = histogram[peak - 1], b = histogram[peak], c = histogram[peak + 1];
    const double mpv = (static_cast<double>(peak) + 0.5 + 0.5 * (a - c) / (a - 2 * b + c)) * bin;
    EXPECT_NEAR(mpv, 1.056, 0.04) << "muon hits: " << amplitude.size();
    EXPECT_GT(amplitude.size(), 400u * 30);  // a muon crosses all 34 layers (cell edges aside)
}

TEST(ReconstructionValidation, FourGevElectronEnergyScale)
{
    // ldmx-sw fitted the second-order correction 4000/3940.5 so that 4 GeV electrons shot at the
    // ECal face reconstruct to 4000 MeV on average in Geant4 (EcalRecProducer.v14 docstring,
    // reference §6.2). With the same weights and correction umbra's transport + digitisation must
    // give the same scale within 3 % (the transport's known differences from Geant4 in shower
    // depth, docs/validation.md) plus 3 statistical standard errors.
    test::TemporaryDirectory dir;
    sim::run_simulation(gun("e-", 200), dir / "e.h5", "test");
    const io::EventStoreReader file(dir / "e.h5");
    const auto energy = file.read_event_column("veto", "summed_det", 0, file.events());
    const double n = static_cast<double>(energy.size());
    const double mean = std::accumulate(energy.begin(), energy.end(), 0.0) / n;
    double variance = 0;
    for (const double e : energy) variance += (e - mean) * (e - mean) / n;
    const double ratio = mean / 4000;
    EXPECT_NEAR(ratio, 1.0, 0.03 + 3 * std::sqrt(variance / n) / 4000);
    // Resolution: the transport study's 21.9 %/sqrt(E) (+) 3.2 % gives 11.4 % at 4 GeV
    // (docs/validation.md); noise and quantisation add nothing visible. Allow 9-14 %.
    EXPECT_GT(std::sqrt(variance) / mean, 0.09);
    EXPECT_LT(std::sqrt(variance) / mean, 0.14);
}
}  // namespace
}  // namespace umbra::reco
