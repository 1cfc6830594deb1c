#pragma once
// Records the trace of chosen jobs (job_trace.h) as the controller performs them:
// the controller module calls it at each pass and DRAM transfer (times in core
// cycles since the job started). Plain C++: for a pass whose PEs are traced, it
// steps the pass once more, cycle by cycle and timing only (PassSimulator, as
// exact mode times a pass: the same cycles, tests/engine/equivalence_test.cpp), to
// see what each PE does in every cycle. Passes it does not trace cost nothing.

#include <unordered_map>
#include <vector>

#include "arch/arch_spec.h"
#include "dataflows/schedule.h"
#include "sim/engine/array/pass_simulator.h"
#include "sim/engine/memory/glb_core.h"
#include "sim/engine/trace/job_trace.h"

namespace accelsim {

class TraceRecorder {
 public:
  // `traces`: one per job to trace, with its job index, names and window set.
  TraceRecorder(const ArchSpec& arch, std::vector<JobTrace> traces);

  void start_job(size_t job, const Schedule& schedule);
  void finish_job(long long cycles);
  // A pass is handed to the array at `cycle` (after its filters are in).
  void pass_started(double cycle, const PassPlan& plan, GlbCore& glb,
                    const std::vector<int16_t>& filters);
  void pass_finished(const PassResult& result);
  // A DRAM transfer started at `start` and takes `link_cycles` of the DRAM link;
  // a filter fetch names the pass it fetches for.
  void dram_transfer(TraceSpan::Kind kind, double start, long long link_cycles, long long words,
                     const PassSlice* fetch_for = nullptr);

  std::vector<JobTrace>& traces() { return traces_; }

 private:
  bool recording() const;
  void record_pe_activity(const PassPlan& plan, GlbCore& glb,
                          const std::vector<int16_t>& filters, long long start);

  // One PE's spans as its cycles come: runs of one state, short runs merged.
  class PeRuns {
   public:
    PeRuns(int row, int col, long long start)
        : run_{row, col, PeActivity::busy, start, 0, {}}, mixed_{row, col, PeActivity::mixed, start, 0, {}} {}
    void add(PeActivity activity, JobTrace& trace);
    void finish(JobTrace& trace);

   private:
    void end_run(JobTrace& trace);
    void flush_mixed(JobTrace& trace);
    static void keep(const PeSpan& span, JobTrace& trace);
    PeSpan run_, mixed_;
  };

  const ArchSpec& arch_;
  std::vector<JobTrace> traces_;
  JobTrace* current_ = nullptr;  // the running job's trace, if it is traced
  long long passes_started_ = 0;
  std::unordered_map<const PassSlice*, long long> pass_numbers_;  // of a traced job
  double pass_start_ = 0;
};

}  // namespace accelsim
