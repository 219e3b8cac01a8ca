#pragma once
//! \file
//! Everything in an LHE file before the first event: the header kept
//! verbatim, what umbra understands of a MadGraph banner, and `<init>`.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace umbra::lhe
{
//! One process line of `<init>`.
struct ProcessInfo
{
    double cross_section = 0;  //!< XSECUP [pb]
    double error = 0;          //!< XERRUP [pb]
    double max_weight = 0;     //!< XMAXUP
    int id = 0;                //!< LPRUP

    friend bool operator==(const ProcessInfo&, const ProcessInfo&) = default;
};

//! The `<init>` block.
struct Init
{
    std::array<int, 2> beam_pdg{};         //!< IDBMUP
    std::array<double, 2> beam_energy{};   //!< EBMUP [GeV]
    std::array<int, 2> pdf_group{};        //!< PDFGUP
    std::array<int, 2> pdf_set{};          //!< PDFSUP
    int weighting_strategy = 3;            //!< IDWTUP (3: unweighted, weight = +-XWGTUP)
    std::vector<ProcessInfo> processes;    //!< NPRUP lines
    //! Lines after the process lines (e.g. `<generator>` tags), verbatim, each ending in '\n'.
    std::string extra_lines;

    //! Sum of XSECUP over processes [pb] and its error added in quadrature.
    double total_cross_section() const noexcept;
    double total_error() const noexcept;

    friend bool operator==(const Init&, const Init&) = default;
};

//! What umbra reads from a MadGraph banner, when the header has one.
struct MadGraphBanner
{
    std::optional<long long> nevents;  //!< run card `nevents`
    std::optional<long long> seed;     //!< run card `iseed`
    std::map<int, double> masses;      //!< param card BLOCK MASS: PDG id -> mass [GeV]
    std::map<int, double> widths;      //!< param card DECAY lines: PDG id -> width [GeV]
    //! Every other param-card parameter as "block/index" -> value (e.g. "dminputs/1").
    std::map<std::string, double> parameters;
    //! The comment name of each param-card parameter ("lambda", "mp", ...) -> "block/index".
    std::map<std::string, std::string> parameter_names;

    bool empty() const noexcept
    {
        return !nevents && !seed && masses.empty() && widths.empty() && parameters.empty();
    }
    //! Look up a parameter by its comment name (case-insensitive).
    std::optional<double> parameter(const std::string& name) const;

    //! Parse the banner parts of a header text; unknown content is ignored.
    static MadGraphBanner parse(const std::string& header);
};

struct RunInfo
{
    std::string version = "3.0";  //!< `<LesHouchesEvents version=...>`
    //! Everything between the `<LesHouchesEvents>` line and `<init>`, verbatim
    //! (usually `<header> ... </header>`), each line ending in '\n'.
    std::string header;
    Init init;
    MadGraphBanner banner;  //!< parsed from header

    friend bool operator==(const RunInfo& a, const RunInfo& b)
    {
        return a.version == b.version && a.header == b.header && a.init == b.init;
    }
};
}  // namespace umbra::lhe
