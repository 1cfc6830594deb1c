#pragma once
// Progress of a long run on stderr (the CLI): after a few seconds, a line that says
// how many layer runs (a layer on one dataflow) are done, the share of the MACs
// done, the time spent and about how much is left, updated once a second, e.g.
//   accelsim: 3 of 8 layer runs done (41% of the MACs), 12 s, about 17 s left
// The counts live in memory shared with the child processes of -j N and of a spec
// folder (forked after it is made), so they count too. Silent under --quiet and when
// stderr is not a terminal; ACCELSIM_PROGRESS=1 shows it anyway from the start (one
// line per update), ACCELSIM_PROGRESS=0 never.

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace accelsim {

// Counts a finished layer run (JobPipeline::finish); nothing when no reporter runs.
void count_layer_run_done(long long macs);

// Whether the CLI shows progress: not `quiet`, and stderr a terminal (or forced).
bool progress_wanted(bool quiet);

// "accelsim: 3 of 8 layer runs done (41% of the MACs), 12 s, about 17 s left".
std::string progress_line(long long runs_done, long long runs, long long macs_done,
                          long long macs, double seconds);

// Shows progress while it lives (from `delay_seconds` on), if `enabled`.
class ProgressReporter {
 public:
  ProgressReporter(long long runs, long long macs, bool enabled, std::ostream& err);
  ~ProgressReporter();
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

 private:
  void report();
  long long runs_, macs_;
  std::ostream& err_;
  bool terminal_ = true;
  double delay_seconds_ = 3;
  bool printed_ = false, stop_ = false;
  std::mutex mutex_;
  std::condition_variable stopped_;
  std::thread thread_;
};

}  // namespace accelsim
