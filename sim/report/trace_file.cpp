#include "sim/report/trace_file.h"

#include "sim/common/files.h"
#include "sim/common/output_folder.h"

namespace accelsim {
namespace {

constexpr int kLayerTrack = 1, kPassTrack = 2, kDramTrack = 3, kFirstPeTrack = 1000;

const char* span_name(TraceSpan::Kind kind) {
  switch (kind) {
    case TraceSpan::Kind::pass: return "pass";
    case TraceSpan::Kind::ramp_up: return "ramp-up";
    case TraceSpan::Kind::ifmap_load: return "ifmap load";
    case TraceSpan::Kind::filter_fetch: return "filter fetch";
    case TraceSpan::Kind::ofmap_store: return "ofmap store";
  }
  return "?";
}

nlohmann::json metadata(int pid, int tid, const std::string& what, const nlohmann::json& args) {
  nlohmann::json event = {{"ph", "M"}, {"pid", pid}, {"name", what}, {"args", args}};
  if (tid >= 0) event["tid"] = tid;
  return event;
}

void name_track(nlohmann::json& events, int pid, int tid, const std::string& name) {
  events.push_back(metadata(pid, tid, "thread_name", {{"name", name}}));
  events.push_back(metadata(pid, tid, "thread_sort_index", {{"sort_index", tid}}));
}

// A complete event; times in core cycles, written in microseconds at `clock_mhz`.
nlohmann::json span(int pid, int tid, const std::string& name, const char* category,
                    double start, double cycles, double clock_mhz, nlohmann::json args) {
  args["cycle"] = start;
  args["cycles"] = cycles;
  return {{"ph", "X"}, {"pid", pid}, {"tid", tid}, {"name", name}, {"cat", category},
          {"ts", start / clock_mhz}, {"dur", cycles / clock_mhz}, {"args", std::move(args)}};
}

nlohmann::json coarse_span(int pid, const JobTrace& trace, const TraceSpan& s) {
  const std::string number = std::to_string(s.pass);
  switch (s.kind) {
    case TraceSpan::Kind::pass: {
      const char* causes[] = {"filter_load", "ifmap", "psum", "output", "idle"};
      nlohmann::json stalls = nlohmann::json::object();
      for (size_t i = 0; i < s.stalls.size() && i < 5; ++i) stalls[causes[i]] = s.stalls[i];
      return span(pid, kPassTrack, "pass " + number, "pass", s.start, s.cycles, trace.clock_mhz,
                  {{"pass", s.pass}, {"active_pes", s.active_pes}, {"stall_pe_cycles", stalls}});
    }
    case TraceSpan::Kind::ramp_up:
      return span(pid, kPassTrack, "ramp-up", "ramp_up", s.start, s.cycles, trace.clock_mhz,
                  {{"pass", s.pass}});
    case TraceSpan::Kind::filter_fetch:
      return span(pid, kDramTrack, "filters for pass " + number, "dram", s.start, s.cycles,
                  trace.clock_mhz, {{"pass", s.pass}, {"dram_words", s.words}});
    default:
      return span(pid, kDramTrack, span_name(s.kind), "dram", s.start, s.cycles, trace.clock_mhz,
                  {{"after_pass", s.pass}, {"dram_words", s.words}});
  }
}

// A mixed span's cycles per state ({"busy": 12, "stall: ifmap": 9}); else none.
nlohmann::json mix_args(const PeSpan& s) {
  nlohmann::json args = nlohmann::json::object();
  if (s.activity != PeActivity::mixed) return args;
  for (int a = 0; a < kPeActivityCount; ++a) {
    if (s.mix[size_t(a)]) args[pe_activity_name(PeActivity(a))] = s.mix[size_t(a)];
  }
  return args;
}

void add_job(nlohmann::json& events, int pid, const JobTrace& trace) {
  events.push_back(metadata(pid, -1, "process_name",
                            {{"name", trace.layer + " on " + trace.dataflow + " (" + trace.arch + ")"}}));
  events.push_back(metadata(pid, -1, "process_sort_index", {{"sort_index", pid}}));
  name_track(events, pid, kLayerTrack, "layer");
  name_track(events, pid, kPassTrack, "passes");
  name_track(events, pid, kDramTrack, "DRAM link");
  events.push_back(span(pid, kLayerTrack, trace.layer, "layer", 0, double(trace.cycles),
                        trace.clock_mhz,
                        {{"passes", trace.passes},
                         {"traced_passes", {trace.window.first_pass, trace.window.last_pass}},
                         {"pe_spans_dropped", trace.pe_spans_dropped}}));
  for (const auto& s : trace.spans) {
    if (s.cycles > 0) events.push_back(coarse_span(pid, trace, s));
  }
  std::vector<char> named;
  for (const auto& s : trace.pe_spans) {
    const int tid = kFirstPeTrack + s.row * 1000 + s.col;
    if (size_t(tid - kFirstPeTrack) >= named.size()) named.resize(size_t(tid - kFirstPeTrack) + 1, 0);
    if (!named[size_t(tid - kFirstPeTrack)]) {
      named[size_t(tid - kFirstPeTrack)] = 1;
      name_track(events, pid, tid,
                 "PE (" + std::to_string(s.row) + ", " + std::to_string(s.col) + ")");
    }
    events.push_back(span(pid, tid, pe_activity_name(s.activity), "pe", double(s.start),
                          double(s.cycles), trace.clock_mhz, mix_args(s)));
  }
}

}  // namespace

nlohmann::json chrome_trace(const std::vector<JobTrace>& traces) {
  nlohmann::json events = nlohmann::json::array();
  for (size_t i = 0; i < traces.size(); ++i) add_job(events, int(i + 1), traces[i]);
  return {{"traceEvents", events},
          {"displayTimeUnit", "ns"},
          {"otherData",
           {{"generator", "accelsim --trace"},
            {"time", "microseconds at each spec's clock from the job's start; args give core "
                     "cycles"}}}};
}

void write_trace_file(const std::vector<JobTrace>& traces, const std::string& path) {
  write_file_whole(path, chrome_trace(traces).dump() + "\n");
}

}  // namespace accelsim
