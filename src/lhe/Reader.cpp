#include "umbra/lhe/Reader.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>

#include "umbra/lhe/detail/NumberParser.hpp"

namespace umbra::lhe
{
using detail::ParseStatus;

namespace
{
constexpr std::array<const char*, 13> particle_columns = {
    "IDUP (PDG id)",         "ISTUP (status)",    "MOTHUP(1) (first mother)",
    "MOTHUP(2) (last mother)", "ICOLUP(1) (colour)", "ICOLUP(2) (anticolour)",
    "PUP(1) (px [GeV])",     "PUP(2) (py [GeV])", "PUP(3) (pz [GeV])",
    "PUP(4) (E [GeV])",      "PUP(5) (m [GeV])",  "VTIMUP (lifetime [mm])",
    "SPINUP (spin)"};
constexpr std::array<const char*, 6> event_columns = {
    "NUP (particle count)", "IDPRUP (process id)", "XWGTUP (weight)",
    "SCALUP (scale [GeV])", "AQEDUP (alpha_QED)",  "AQCDUP (alpha_QCD)"};
constexpr std::array<const char*, 10> init_columns = {
    "IDBMUP(1) (beam 1 PDG id)", "IDBMUP(2) (beam 2 PDG id)", "EBMUP(1) (beam 1 energy)",
    "EBMUP(2) (beam 2 energy)",  "PDFGUP(1)",                 "PDFGUP(2)",
    "PDFSUP(1)",                 "PDFSUP(2)",                 "IDWTUP (weighting strategy)",
    "NPRUP (number of processes)"};
constexpr std::array<const char*, 4> vertex_columns = {"x [mm]", "y [mm]", "z [mm]", "t [ns]"};
constexpr std::array<const char*, 3> vertex_columns_no_time = {"x [mm]", "y [mm]", "z [mm]"};
constexpr std::array<const char*, 1> weight_columns = {"weight value"};
constexpr std::array<const char*, 4> process_columns = {"XSECUP (cross-section [pb])",
                                                        "XERRUP (error [pb])", "XMAXUP (max weight)",
                                                        "LPRUP (process id)"};

std::string_view trim(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool starts_with_tag(std::string_view line, std::string_view tag) noexcept
{
    // "<event" must be followed by '>', a blank or the end (not "<eventgroup").
    if (!line.starts_with(tag)) return false;
    if (line.size() == tag.size()) return true;
    const char c = line[tag.size()];
    return c == '>' || c == ' ' || c == '\t' || c == '/';
}

//! Counts the blank-separated tokens of a line (for column-count errors).
std::size_t count_tokens(std::string_view line) noexcept
{
    std::size_t n = 0;
    const char* p = line.data();
    const char* end = p + line.size();
    while (detail::skip_blanks(p, end))
    {
        ++n;
        p += detail::token_at(p, end).size();
    }
    return n;
}

//! Fast path for a line of N integer columns followed by M double columns (the
//! LHE particle and event lines): a local cursor, everything inlined, no error
//! text. Returns false on any irregularity; the caller then re-parses the line
//! with ColumnParser to produce the message.
template <std::size_t N, std::size_t M>
inline bool parse_columns_fast(std::string_view line, const std::array<int*, N>& ints,
                               const std::array<double*, M>& doubles) noexcept
{
    const char* p = line.data();
    const char* end = p + line.size();
    for (int* target : ints)
    {
        if (!detail::skip_blanks(p, end) || !detail::parse_small_int(p, end, *target)) return false;
    }
    for (double* target : doubles)
    {
        if (!detail::skip_blanks(p, end) || detail::parse_double(p, end, *target) != ParseStatus::ok) return false;
    }
    return !detail::skip_blanks(p, end);
}

//! Parses fixed-count numeric lines and turns every failure into one clear message.
class ColumnParser
{
public:
    template <std::size_t N>
    ColumnParser(const LineReader& lines, std::string_view line, const std::array<const char*, N>& names,
                 const char* what)
        : lines_(lines), line_(line), names_(names.data()), count_(N), what_(what),
          p_(line.data()), end_(line.data() + line.size())
    {
    }

    void read(int& value)
    {
        begin_column();
        const char* start = p_;
        if (detail::parse_int(p_, end_, value) != ParseStatus::ok) bad_number(start, "an integer");
        ++column_;
    }
    void read(double& value)
    {
        begin_column();
        const char* start = p_;
        const auto status = detail::parse_double(p_, end_, value);
        if (status == ParseStatus::not_a_number) bad_number(start, "a number");
        if (status == ParseStatus::not_finite)
        {
            lines_.fail(fmt::format("column {} {} of the {} is not finite: '{}'", column_ + 1,
                                    names_[column_], what_, detail::token_at(start, end_)));
        }
        ++column_;
    }
    void finish()
    {
        if (detail::skip_blanks(p_, end_))
        {
            lines_.fail(fmt::format("expected {} columns in the {}, found {}", count_, what_,
                                    count_tokens(line_)));
        }
    }

private:
    void begin_column()
    {
        if (!detail::skip_blanks(p_, end_))
        {
            lines_.fail(fmt::format("expected {} columns in the {}, found {} (missing {})", count_,
                                    what_, column_, names_[column_]));
        }
    }
    [[noreturn]] void bad_number(const char* start, const char* expected)
    {
        lines_.fail(fmt::format("column {} {} of the {} is not {}: '{}'", column_ + 1,
                                names_[column_], what_, expected, detail::token_at(start, end_)));
    }

    const LineReader& lines_;
    std::string_view line_;
    const char* const* names_;
    std::size_t count_;
    const char* what_;
    const char* p_;
    const char* end_;
    std::size_t column_ = 0;
};
//! A line of N integer columns then M double columns: the fast path, and on any failure the
//! same parse column by column, which says exactly what is wrong.
template <std::size_t N, std::size_t M>
void parse_columns(const LineReader& lines, std::string_view line, const std::array<const char*, N + M>& names,
                   const char* what, const std::array<int*, N>& ints, const std::array<double*, M>& doubles)
{
    if (parse_columns_fast(line, ints, doubles)) return;
    ColumnParser columns(lines, line, names, what);
    for (int* target : ints) columns.read(*target);
    for (double* target : doubles) columns.read(*target);
    columns.finish();
}
}  // namespace

Reader::Reader(std::vector<std::filesystem::path> files) : files_(std::move(files))
{
    if (files_.empty()) throw InputError("no LHE input files given");
    open(0);
}

void Reader::open(std::size_t index)
{
    file_index_ = index;
    file_closed_ = false;
    lines_ = std::make_unique<LineReader>(files_[index]);
    RunInfo info;
    read_run_info(info);
    if (!run_infos_.empty())
    {
        const auto& first = run_infos_.front().init;
        if (info.init.beam_pdg != first.beam_pdg || info.init.beam_energy != first.beam_energy)
        {
            throw InputError(
                SourceLocation{files_[index].string(), 0},
                fmt::format("beams ({} at {} GeV, {} at {} GeV) differ from those of {} ({} at {} "
                            "GeV, {} at {} GeV); files read as one stream must come from the same "
                            "setup",
                            info.init.beam_pdg[0], info.init.beam_energy[0], info.init.beam_pdg[1],
                            info.init.beam_energy[1], files_.front().string(), first.beam_pdg[0],
                            first.beam_energy[0], first.beam_pdg[1], first.beam_energy[1]));
        }
    }
    run_infos_.push_back(std::move(info));
}

void Reader::read_run_info(RunInfo& info)
{
    std::string_view line;
    // Opening tag, possibly after an XML declaration, comments or blank lines.
    while (true)
    {
        if (!lines_->next(line))
        {
            throw InputError(SourceLocation{lines_->file_name(), 0},
                             "not an LHE file (it is empty; expected '<LesHouchesEvents')");
        }
        const auto t = trim(line);
        if (t.empty() || t.starts_with("<?xml") || t.starts_with("<!--")) continue;
        if (!t.starts_with("<LesHouchesEvents"))
        {
            lines_->fail(fmt::format("not an LHE file (expected '<LesHouchesEvents version=...>', "
                                     "found '{}')",
                                     t.substr(0, 60)));
        }
        if (const auto pos = t.find("version="); pos != std::string_view::npos && pos + 9 < t.size())
        {
            const char quote = t[pos + 8];
            const auto close = t.find(quote, pos + 9);
            if (close != std::string_view::npos) info.version = std::string(t.substr(pos + 9, close - pos - 9));
        }
        break;
    }
    // Header: everything up to <init>, verbatim.
    while (true)
    {
        if (!lines_->next(line))
        {
            lines_->fail("missing <init> block (the file ends before it; expected '<init>' after the "
                         "header)");
        }
        const auto t = trim(line);
        if (starts_with_tag(t, "<init")) break;
        if (starts_with_tag(t, "<event"))
        {
            lines_->fail("missing <init> block (found '<event>' first; an LHE file needs '<init>' "
                         "with beams and cross-sections before its events)");
        }
        info.header.append(line);
        info.header.push_back('\n');
    }
    read_init(info.init);
    info.banner = MadGraphBanner::parse(info.header);
}

void Reader::read_init(Init& init)
{
    std::string_view line;
    auto next_content_line = [&] {
        while (lines_->next(line))
        {
            const auto t = trim(line);
            if (!t.empty() && !t.starts_with("#") && !t.starts_with("<!--")) return true;
        }
        lines_->fail("file ends inside the <init> block (expected '</init>')");
    };
    next_content_line();
    if (trim(line).starts_with("</init>")) lines_->fail("empty <init> block (expected the beam line)");
    int process_count = 0;
    {
        ColumnParser columns(*lines_, line, init_columns, "<init> beam line");
        columns.read(init.beam_pdg[0]);
        columns.read(init.beam_pdg[1]);
        columns.read(init.beam_energy[0]);
        columns.read(init.beam_energy[1]);
        columns.read(init.pdf_group[0]);
        columns.read(init.pdf_group[1]);
        columns.read(init.pdf_set[0]);
        columns.read(init.pdf_set[1]);
        columns.read(init.weighting_strategy);
        columns.read(process_count);
        columns.finish();
    }
    if (process_count < 1 || process_count > 100000)
    {
        lines_->fail(fmt::format("NPRUP (number of processes) is {}, expected at least 1", process_count));
    }
    init.processes.resize(static_cast<std::size_t>(process_count));
    for (auto& process : init.processes)
    {
        next_content_line();
        if (trim(line).starts_with("<"))
        {
            lines_->fail(fmt::format("<init> declares {} processes (NPRUP) but has fewer process lines",
                                     process_count));
        }
        ColumnParser columns(*lines_, line, process_columns, "<init> process line");
        columns.read(process.cross_section);
        columns.read(process.error);
        columns.read(process.max_weight);
        columns.read(process.id);
        columns.finish();
    }
    while (true)
    {
        if (!lines_->next(line)) lines_->fail("file ends inside the <init> block (expected '</init>')");
        if (trim(line).starts_with("</init>")) break;
        init.extra_lines.append(line);
        init.extra_lines.push_back('\n');
    }
}

bool Reader::next(Event& event)
{
    std::string_view line;
    while (true)
    {
        if (!lines_->next(line))
        {
            if (!file_closed_)
            {
                throw InputError(SourceLocation{lines_->file_name(), lines_->line_number()},
                                 "file ends without '</LesHouchesEvents>' (it is truncated: an "
                                 "interrupted copy or a job still writing it?)");
            }
            if (file_index_ + 1 >= files_.size()) return false;
            open(file_index_ + 1);
            continue;
        }
        const auto t = trim(line);
        if (t.empty()) continue;
        if (starts_with_tag(t, "<event"))
        {
            if (file_closed_) lines_->fail("event after '</LesHouchesEvents>'");
            event.clear();
            const auto close = t.find('>');
            if (close == std::string_view::npos) lines_->fail("unterminated '<event' tag (expected '>')");
            event.tag_attributes.assign(t.substr(6, close - 6));
            read_event_body(event, lines_->line_number());
            ++events_read_;
            return true;
        }
        if (t.starts_with("</LesHouchesEvents>"))
        {
            file_closed_ = true;
            continue;
        }
        if (t.starts_with("<!--") || t.starts_with("#")) continue;
        if (file_closed_) continue;  // trailing text after the closing tag is ignored
        lines_->fail(fmt::format("unexpected text between events: '{}' (expected '<event>' or "
                                 "'</LesHouchesEvents>')",
                                 t.substr(0, 60)));
    }
}

void Reader::parse_event_line(std::string_view line, Event& event)
{
    int particle_count = 0;
    parse_columns<2, 4>(*lines_, line, event_columns, "event line", {&particle_count, &event.process_id},
                        {&event.weight, &event.scale, &event.alpha_qed, &event.alpha_qcd});
    if (particle_count < 0 || particle_count > 100000)
    {
        lines_->fail(fmt::format("NUP (particle count) is {}, expected a count between 0 and 100000",
                                 particle_count));
    }
    event.particles.resize(static_cast<std::size_t>(particle_count));
}

void Reader::parse_particle_line(std::string_view line, Particle& particle)
{
    parse_columns<6, 7>(*lines_, line, particle_columns, "particle line",
                        {&particle.pdg, &particle.status, &particle.mother1, &particle.mother2, &particle.color1,
                         &particle.color2},
                        {&particle.px, &particle.py, &particle.pz, &particle.e, &particle.m, &particle.lifetime,
                         &particle.spin});
}

void Reader::parse_vertex_line(std::string_view line, Vertex& vertex)
{
    const auto body = line.substr(line.find("#vertex") + 7);
    const auto tokens = count_tokens(body);
    if (tokens != 3 && tokens != 4)
    {
        lines_->fail(fmt::format("expected 3 or 4 numbers after '#vertex' (x y z [t] in mm, ns), found {}",
                                 tokens));
    }
    if (tokens == 3)
    {
        ColumnParser columns(*lines_, body, vertex_columns_no_time, "#vertex line");
        columns.read(vertex.x);
        columns.read(vertex.y);
        columns.read(vertex.z);
        vertex.t = 0;
        vertex.has_time = false;
    }
    else
    {
        ColumnParser columns(*lines_, body, vertex_columns, "#vertex line");
        columns.read(vertex.x);
        columns.read(vertex.y);
        columns.read(vertex.z);
        columns.read(vertex.t);
        vertex.has_time = true;
    }
}

void Reader::read_rwgt(Event& event)
{
    std::string_view line;
    while (true)
    {
        if (!lines_->next(line)) lines_->fail("file ends inside a <rwgt> block (expected '</rwgt>')");
        auto t = trim(line);
        if (t.starts_with("</rwgt>")) return;
        if (!t.starts_with("<wgt"))
        {
            lines_->fail(fmt::format("expected \"<wgt id='...'> value </wgt>\" or '</rwgt>', found '{}'",
                                     t.substr(0, 60)));
        }
        const auto id_pos = t.find("id=");
        if (id_pos == std::string_view::npos || id_pos + 4 > t.size())
        {
            lines_->fail("<wgt> without an id attribute (expected \"<wgt id='...'>\")");
        }
        const char quote = t[id_pos + 3];
        const auto id_end = t.find(quote, id_pos + 4);
        const auto open_end = t.find('>', id_pos);
        const auto close = t.find("</wgt>");
        if ((quote != '\'' && quote != '"') || id_end == std::string_view::npos ||
            open_end == std::string_view::npos || close == std::string_view::npos || close < open_end)
        {
            lines_->fail(fmt::format("malformed <wgt> line '{}' (expected \"<wgt id='...'> value </wgt>\")",
                                     t.substr(0, 60)));
        }
        auto& weight = event.weights.emplace_back();
        weight.id.assign(t.substr(id_pos + 4, id_end - id_pos - 4));
        const auto body = t.substr(open_end + 1, close - open_end - 1);
        ColumnParser columns(*lines_, body, weight_columns, "<wgt> entry");
        columns.read(weight.value);
        columns.finish();
    }
}

void Reader::read_event_body(Event& event, std::uint64_t event_line)
{
    std::string_view line;
    auto missing_end = [&] {
        throw InputError(SourceLocation{lines_->file_name(), event_line},
                         "event has no closing '</event>' (the file ends or the next event starts "
                         "first)");
    };
    // Event line (comments are not allowed before it by the LHEF standard).
    if (!lines_->next(line)) missing_end();
    if (trim(line).starts_with("<")) lines_->fail("expected the event line (NUP IDPRUP XWGTUP ...) after '<event>'");
    parse_event_line(line, event);
    const std::size_t declared = event.particles.size();
    for (std::size_t i = 0; i < declared; ++i)
    {
        if (!lines_->next(line)) missing_end();
        const auto t = trim(line);
        if (t.empty() || t.front() == '<' || t.front() == '#')
        {
            if (starts_with_tag(t, "<event")) missing_end();
            lines_->fail(fmt::format("event declares {} particles (NUP) but has only {} particle lines",
                                     declared, i));
        }
        parse_particle_line(line, event.particles[i]);
    }
    while (true)
    {
        if (!lines_->next(line)) missing_end();
        const auto t = trim(line);
        if (t.starts_with("</event>")) return;
        if (t.starts_with("#vertex"))
        {
            parse_vertex_line(t, event.vertex.emplace());
            continue;
        }
        if (starts_with_tag(t, "<rwgt"))
        {
            read_rwgt(event);
            continue;
        }
        if (starts_with_tag(t, "<event")) missing_end();
        if (!t.empty() && (std::isdigit(static_cast<unsigned char>(t.front())) || t.front() == '-' ||
                           t.front() == '+'))
        {
            lines_->fail(fmt::format("event declares {} particles (NUP) but has more particle lines",
                                     declared));
        }
        event.extra_lines.append(line);
        event.extra_lines.push_back('\n');
    }
}
}  // namespace umbra::lhe
