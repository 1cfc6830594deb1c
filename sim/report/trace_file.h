#pragma once
// The --trace file: the recorded jobs (sim/engine/trace/job_trace.h) in the Chrome
// JSON trace-event format, which Perfetto (ui.perfetto.dev) and chrome://tracing
// open. One process per traced job ("conv1 on rs (eyeriss)"), its time axis at the
// spec's clock from the job's start (ts and dur in microseconds; every event's args
// give core cycles), with tracks:
//   layer      the whole job (its total cycles; the trace covers its window of passes)
//   passes     each pass, with its ramp-up (loading filters into the scratchpads)
//              nested inside, and its stalls by cause in the args
//   DRAM link  each transfer in the order the link serves them: ifmap loads, filter
//              fetches (for the pass they name), ofmap stores
//   PE (r, c)  for the passes of the window: busy (a MAC or psum addition issued
//              each cycle) and each stall cause, as the engine counts them
//              (runs shorter than kShortestRun cycles in a row: one "mixed" span whose
//              args give the cycles of each state)
// The README section "A timeline of a run" describes it for users.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/engine/trace/job_trace.h"

namespace accelsim {

nlohmann::json chrome_trace(const std::vector<JobTrace>& traces);

// Writes chrome_trace() to `path` whole (temporary file, then rename).
void write_trace_file(const std::vector<JobTrace>& traces, const std::string& path);

}  // namespace accelsim
