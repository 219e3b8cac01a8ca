#include "umbra/darkbrem/ReferenceLibrary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "umbra/core/Error.hpp"
#include "umbra/core/LineReader.hpp"
#include "umbra/lhe/Reader.hpp"

namespace umbra::darkbrem
{
namespace
{
bool ends_with(const std::string& s, std::string_view suffix) { return s.ends_with(suffix); }

bool is_library_file(const std::string& name)
{
    return ends_with(name, ".lhe") || ends_with(name, ".lhe.gz") || ends_with(name, ".csv") ||
           ends_with(name, ".csv.gz");
}

int znuc(const std::string& header, const std::filesystem::path& file)
{
    std::istringstream lines(header);
    for (std::string line; std::getline(lines, line);)
    {
        if (line.find("Znuc") == std::string::npos) continue;
        std::istringstream words(line);
        int index = 0;
        double z = 0;
        if (words >> index >> z) return static_cast<int>(z);
        throw InputError(SourceLocation{file.string(), 0}, fmt::format("cannot read the target Z from '{}'", line));
    }
    throw InputError(SourceLocation{file.string(), 0},
                     "no 'Znuc' line in the header: cannot tell the target of this library file");
}

void load_lhe(const std::filesystem::path& file, int& aprime_id, std::map<int, ReferenceLibrary::EnergyBins>& bins)
{
    lhe::Reader reader(file);
    const int z = znuc(reader.run_info().header, file);
    lhe::Event event;
    while (reader.next(event))
    {
        const lhe::Particle *incoming = nullptr, *recoil = nullptr, *aprime = nullptr;
        for (const auto& p : event.particles)
        {
            const bool lepton = p.pdg == 11 || p.pdg == 13;
            if (lepton && p.status == -1 && !incoming) incoming = &p;
            if (lepton && p.status == 1 && !recoil) recoil = &p;
            if (p.status == 1 && !aprime && (aprime_id ? p.pdg == aprime_id : (p.pdg == 1023 || p.pdg == 622)))
            {
                aprime = &p;
                aprime_id = p.pdg;
            }
        }
        if (!incoming || !recoil || !aprime)
            throw InputError(reader.location(), "library event without incoming lepton, recoil lepton and A' (status 1)");
        LibraryEvent e;
        e.incident_energy = incoming->e;
        const double r[4] = {recoil->e, recoil->px, recoil->py, recoil->pz};
        const double a[4] = {aprime->e, aprime->px, aprime->py, aprime->pz};
        for (int i = 0; i < 4; ++i)
        {
            e.recoil[i] = r[i];
            e.center[i] = r[i] + a[i];
        }
        bins[z][e.incident_energy].push_back(e);
    }
}

void load_csv(const std::filesystem::path& file, std::map<int, ReferenceLibrary::EnergyBins>& bins)
{
    LineReader lines(file);
    std::string_view line;
    if (!lines.next(line)) throw InputError(SourceLocation{file.string(), 0}, "empty CSV file (expected a header line)");
    while (lines.next(line))
    {
        if (line.empty()) break;  // G4DarkBreM stops at the first empty line
        double values[10];
        std::size_t count = 0;
        std::size_t start = 0;
        while (start <= line.size())
        {
            const auto comma = line.find(',', start);
            const auto cell = line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
            if (count == 10) lines.fail("malformed row: more than 10 columns (expected target_Z, incident_energy, 4 "
                                        "recoil and 4 centre-of-momentum values)");
            try
            {
                std::size_t used = 0;
                values[count] = std::stod(std::string(cell), &used);
                if (used != cell.size()) throw std::invalid_argument("trailing");
            }
            catch (const std::exception&)
            {
                lines.fail(fmt::format("column {} is not a number: '{}'", count + 1, cell));
            }
            ++count;
            if (comma == std::string_view::npos) break;
            start = comma + 1;
        }
        if (count != 10) lines.fail(fmt::format("malformed row: {} columns, expected 10", count));
        LibraryEvent e;
        e.incident_energy = values[1];
        for (int i = 0; i < 4; ++i)
        {
            e.recoil[i] = values[2 + i];
            e.center[i] = values[6 + i];
        }
        bins[static_cast<int>(values[0])][e.incident_energy].push_back(e);
    }
}
}  // namespace

ReferenceLibrary ReferenceLibrary::load(const std::filesystem::path& path, int aprime_id)
{
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(path))
    {
        for (const auto& entry : std::filesystem::directory_iterator(path))
            if (entry.is_regular_file() && is_library_file(entry.path().filename().string())) files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        if (files.empty())
            throw InputError(SourceLocation{path.string(), 0},
                             "no .lhe, .lhe.gz, .csv or .csv.gz files in the library directory");
    }
    else if (std::filesystem::exists(path))
    {
        if (!is_library_file(path.filename().string()))
            throw InputError(SourceLocation{path.string(), 0}, "not a library file (expected .lhe, .lhe.gz, .csv or .csv.gz)");
        files.push_back(path);
    }
    else
    {
        throw InputError(SourceLocation{path.string(), 0}, "no such file or directory");
    }
    ReferenceLibrary library;
    library.aprime_id_ = aprime_id;
    for (const auto& file : files)
    {
        ++library.files_;
        const auto name = file.filename().string();
        if (ends_with(name, ".csv") || ends_with(name, ".csv.gz"))
            load_csv(file, library.bins_);
        else
            load_lhe(file, library.aprime_id_, library.bins_);
    }
    if (library.bins_.empty())
        throw InputError(SourceLocation{path.string(), 0},
                         "the library is empty (no events found; for a dark-brem-lib-gen 5 library the A' is PDG 1023)");
    return library;
}

std::size_t ReferenceLibrary::size() const noexcept
{
    std::size_t n = 0;
    for (const auto& [z, energies] : bins_)
        for (const auto& [e, events] : energies) n += events.size();
    return n;
}

const std::vector<LibraryEvent>& ReferenceLibrary::bin_for(double z, double energy) const
{
    auto z_it = std::find_if(bins_.begin(), bins_.end(), [&](const auto& entry) { return entry.first >= z; });
    if (z_it == bins_.end()) z_it = std::prev(bins_.end());
    const auto& energies = z_it->second;
    auto e_it = energies.lower_bound(energy);
    if (e_it == energies.end()) e_it = std::prev(energies.end());
    return e_it->second;
}
}  // namespace umbra::darkbrem
