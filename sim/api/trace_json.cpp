#include "sim/api/trace_json.h"

namespace accelsim {
namespace {

// Spans as rows of numbers: a trace holds up to kMaxPeSpans of them.
nlohmann::json span_row(const TraceSpan& s) {
  return {int(s.kind), s.pass, s.start, s.cycles, s.words, s.stalls, s.active_pes};
}

TraceSpan span_of(const nlohmann::json& row) {
  return {TraceSpan::Kind(row.at(0).get<int>()), row.at(1), row.at(2), row.at(3), row.at(4),
          row.at(5).get<std::vector<long long>>(), row.at(6)};
}

}  // namespace

nlohmann::json traces_json(const std::vector<JobTrace>& traces) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t : traces) {
    nlohmann::json spans = nlohmann::json::array(), pe_spans = nlohmann::json::array();
    for (const auto& s : t.spans) spans.push_back(span_row(s));
    for (const auto& s : t.pe_spans) {
      nlohmann::json row = {s.row, s.col, int(s.activity), s.start, s.cycles};
      if (s.activity == PeActivity::mixed) row.push_back(s.mix);
      pe_spans.push_back(row);
    }
    list.push_back({{"job", t.job}, {"layer", t.layer}, {"dataflow", t.dataflow},
                    {"arch", t.arch}, {"clock_mhz", t.clock_mhz},
                    {"window", {t.window.first_pass, t.window.last_pass}},
                    {"passes", t.passes}, {"cycles", t.cycles}, {"spans", spans},
                    {"pe_spans", pe_spans}, {"pe_spans_dropped", t.pe_spans_dropped}});
  }
  return list;
}

std::vector<JobTrace> traces_from_json(const nlohmann::json& json) {
  std::vector<JobTrace> traces;
  for (const auto& j : json) {
    JobTrace& t = traces.emplace_back();
    t.job = j.at("job");
    t.layer = j.at("layer");
    t.dataflow = j.at("dataflow");
    t.arch = j.at("arch");
    t.clock_mhz = j.at("clock_mhz");
    t.window = {j.at("window").at(0), j.at("window").at(1)};
    t.passes = j.at("passes");
    t.cycles = j.at("cycles");
    for (const auto& row : j.at("spans")) t.spans.push_back(span_of(row));
    for (const auto& row : j.at("pe_spans")) {
      PeSpan& span = t.pe_spans.emplace_back();
      span = {row.at(0), row.at(1), PeActivity(row.at(2).get<int>()), row.at(3), row.at(4), {}};
      if (row.size() > 5) span.mix = row.at(5).get<std::array<long long, kPeActivityCount>>();
    }
    t.pe_spans_dropped = j.at("pe_spans_dropped");
  }
  return traces;
}

}  // namespace accelsim
