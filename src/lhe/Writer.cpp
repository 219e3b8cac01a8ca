#include "umbra/lhe/Writer.hpp"

#include <fmt/format.h>

#include <iterator>

namespace umbra::lhe
{
Writer::Writer(std::filesystem::path path, const RunInfo& run_info, Compression compression)
    : output_(std::move(path), compression)
{
    auto out = std::back_inserter(output_.buffer());
    fmt::format_to(out, "<LesHouchesEvents version=\"{}\">\n", run_info.version);
    output_.write(run_info.header);
    const auto& init = run_info.init;
    fmt::format_to(out, "<init>\n {} {} {} {} {} {} {} {} {} {}\n", init.beam_pdg[0],
                   init.beam_pdg[1], init.beam_energy[0], init.beam_energy[1], init.pdf_group[0],
                   init.pdf_group[1], init.pdf_set[0], init.pdf_set[1], init.weighting_strategy,
                   init.processes.size());
    for (const auto& p : init.processes)
    {
        fmt::format_to(out, " {} {} {} {}\n", p.cross_section, p.error, p.max_weight, p.id);
    }
    output_.write(init.extra_lines);
    output_.write("</init>\n");
}

void Writer::format_event(const Event& event, fmt::memory_buffer& buffer)
{
    auto out = std::back_inserter(buffer);
    fmt::format_to(out, "<event{}>\n {} {} {} {} {} {}\n", event.tag_attributes,
                   event.particles.size(), event.process_id, event.weight, event.scale,
                   event.alpha_qed, event.alpha_qcd);
    for (const auto& p : event.particles)
    {
        fmt::format_to(out, " {:>8} {:>2} {:>4} {:>4} {:>4} {:>4} {:>22} {:>22} {:>22} {:>22} {:>22} {} {}\n",
                       p.pdg, p.status, p.mother1, p.mother2, p.color1, p.color2, p.px, p.py, p.pz,
                       p.e, p.m, p.lifetime, p.spin);
    }
    if (event.vertex)
    {
        const auto& v = *event.vertex;
        if (v.has_time)
            fmt::format_to(out, "#vertex {} {} {} {}\n", v.x, v.y, v.z, v.t);
        else
            fmt::format_to(out, "#vertex {} {} {}\n", v.x, v.y, v.z);
    }
    if (!event.weights.empty())
    {
        buffer.append(std::string_view("<rwgt>\n"));
        for (const auto& w : event.weights) fmt::format_to(out, "<wgt id='{}'> {} </wgt>\n", w.id, w.value);
        buffer.append(std::string_view("</rwgt>\n"));
    }
    buffer.append(event.extra_lines);
    buffer.append(std::string_view("</event>\n"));
}

void Writer::write(const Event& event)
{
    format_event(event, output_.buffer());
    ++events_written_;
    output_.maybe_flush();
}

void Writer::write_formatted(std::string_view text, std::uint64_t count)
{
    output_.write(text);
    events_written_ += count;
    output_.maybe_flush();
}

void Writer::close()
{
    output_.write("</LesHouchesEvents>\n");
    output_.close();
}
}  // namespace umbra::lhe
