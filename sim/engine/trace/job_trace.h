#pragma once
// A trace of the simulated run of chosen jobs (--trace): plain data the engine
// records and a writer turns into a Chrome/Perfetto trace (sim/report/trace_file.h).
// Times are core cycles since the job's first step; DRAM transfers, which run in
// the link's clock domain, may start and end between two core cycles.
//
// Bounded by a window of passes: a traced job records its passes, DRAM transfers
// (ifmap loads, filter fetches, ofmap stores) and ramp-ups from its start to the end
// of pass `last_pass`, and each PE's busy and stall spans during passes
// `first_pass` to `last_pass` (1-based), at most kMaxPeSpans spans per job. A PE
// whose state changes every few cycles would need a span per change: runs shorter
// than kShortestRun cycles in a row are recorded as one `mixed` span that counts
// the cycles of each state, so the spans still add up to the engine's counts.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace accelsim {

struct TraceWindow {
  long long first_pass = 1, last_pass = 2;  // 1-based, inclusive
};

// What a PE did in a run of cycles: one MAC or psum addition issued per cycle
// (busy), or the stall cause PeStalls counts (array/pe_core.h).
enum class PeActivity : uint8_t { busy, filter_load, ifmap, psum, output, idle, mixed };
constexpr int kPeActivityCount = 6;  // without mixed
constexpr long long kShortestRun = 8;
const char* pe_activity_name(PeActivity activity);  // "busy", "stall: ifmap", ...

struct PeSpan {
  int row = 0, col = 0;
  PeActivity activity = PeActivity::busy;
  long long start = 0, cycles = 0;  // core cycles since the job started
  // mixed: the cycles of each state (PeActivity order); else empty.
  std::array<long long, kPeActivityCount> mix{};
};

struct TraceSpan {
  enum class Kind { pass, ramp_up, ifmap_load, filter_fetch, ofmap_store };
  Kind kind = Kind::pass;
  long long pass = 0;            // pass: its number; filter_fetch: the pass it fetches for
  double start = 0, cycles = 0;  // core cycles
  long long words = 0;           // DRAM transfers: words moved
  // pass: its stalls by cause (PE-cycles), PeActivity order from filter_load.
  std::vector<long long> stalls;
  int active_pes = 0;
};

struct JobTrace {
  size_t job = 0;                 // the engine's job index
  std::string layer, dataflow, arch;
  double clock_mhz = 0;
  TraceWindow window;
  long long passes = 0;           // of the job (all, traced or not)
  long long cycles = 0;           // of the job
  std::vector<TraceSpan> spans;   // in order of their start
  std::vector<PeSpan> pe_spans;
  long long pe_spans_dropped = 0;  // beyond kMaxPeSpans
};

constexpr long long kMaxPeSpans = 50000;

}  // namespace accelsim
