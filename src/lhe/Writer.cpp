#include "umbra/lhe/Writer.hpp"

#include <fmt/format.h>

#include <iterator>

#include "umbra/lhe/detail/NumberFormatter.hpp"

namespace umbra::lhe
{
Writer::Writer(std::filesystem::path path, const RunInfo& run_info, Compression compression,
               NumberStyle style)
    : output_(std::move(path), compression), style_(style)
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

void Writer::format_event(const Event& event, fmt::memory_buffer& buffer, NumberStyle style)
{
    detail::NumberFormatter out(buffer);
    const bool mg = style == NumberStyle::madgraph;
    out.text("<event").text(event.tag_attributes).text(">\n ");
    if (mg)
    {
        // MadGraph: " 7      1 +4.1152233e+00 8.00000000e+00 7.54677100e-03 1.18000000e-01"
        out.integer(static_cast<long long>(event.particles.size()), 1).integer(event.process_id, 7).ch(' ');
        out.scientific(event.weight, 7, true).ch(' ').scientific(event.scale, 8, false).ch(' ');
        out.scientific(event.alpha_qed, 8, false).ch(' ').scientific(event.alpha_qcd, 8, false).ch('\n');
    }
    else
    {
        out.integer(static_cast<long long>(event.particles.size())).ch(' ').integer(event.process_id).ch(' ');
        out.shortest(event.weight).ch(' ').shortest(event.scale).ch(' ');
        out.shortest(event.alpha_qed).ch(' ').shortest(event.alpha_qcd).ch('\n');
    }
    for (const auto& p : event.particles)
    {
        out.integer(p.pdg, 9).integer(p.status, 3).integer(p.mother1, 5).integer(p.mother2, 5);
        out.integer(p.color1, 5).integer(p.color2, 5).ch(' ');
        if (mg)
        {
            out.scientific(p.px, 10, true).ch(' ').scientific(p.py, 10, true).ch(' ');
            out.scientific(p.pz, 10, true).ch(' ').scientific(p.e, 10, false).ch(' ');
            out.scientific(p.m, 10, false).ch(' ').scientific(p.lifetime, 4, false).ch(' ');
            out.scientific(p.spin, 4, false).ch('\n');
        }
        else
        {
            out.shortest(p.px, 23).shortest(p.py, 24).shortest(p.pz, 24).shortest(p.e, 24);
            out.shortest(p.m, 24).ch(' ').shortest(p.lifetime).ch(' ').shortest(p.spin).ch('\n');
        }
    }
    if (event.vertex)
    {
        const auto& v = *event.vertex;
        out.text("#vertex ").shortest(v.x).ch(' ').shortest(v.y).ch(' ').shortest(v.z);
        if (v.has_time) out.ch(' ').shortest(v.t);
        out.ch('\n');
    }
    if (!event.weights.empty())
    {
        out.text("<rwgt>\n");
        for (const auto& w : event.weights)
        {
            out.text("<wgt id='").text(w.id).text("'> ");
            if (mg)
                out.scientific(w.value, 7, true);
            else
                out.shortest(w.value);
            out.text(" </wgt>\n");
        }
        out.text("</rwgt>\n");
    }
    out.text(event.extra_lines).text("</event>\n");
}

void Writer::write(const Event& event)
{
    format_event(event, output_.buffer(), style_);
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
