#include "sim/engine/trace/trace_recorder.h"

#include <array>

namespace accelsim {

const char* pe_activity_name(PeActivity activity) {
  switch (activity) {
    case PeActivity::busy: return "busy";
    case PeActivity::filter_load: return "stall: filter load";
    case PeActivity::ifmap: return "stall: ifmap";
    case PeActivity::psum: return "stall: psum";
    case PeActivity::output: return "stall: output";
    case PeActivity::idle: return "idle";
    case PeActivity::mixed: return "mixed";
  }
  return "?";
}

namespace {

std::array<long long, kPeActivityCount> tallies(const PeStalls& s) {
  return {0, s.filter_load, s.ifmap, s.psum, s.output, s.idle};
}

}  // namespace

TraceRecorder::TraceRecorder(const ArchSpec& arch, std::vector<JobTrace> traces)
    : arch_(arch), traces_(std::move(traces)) {}

void TraceRecorder::start_job(size_t job, const Schedule& schedule) {
  current_ = nullptr;
  passes_started_ = 0;
  pass_numbers_.clear();
  for (auto& trace : traces_) {
    if (trace.job == job) current_ = &trace;
  }
  if (!current_) return;
  long long number = 0;
  for (const auto& tile : schedule.tiles) {
    for (const auto& block : tile.blocks) {
      for (const auto& pass : block.passes) pass_numbers_[&pass] = ++number;
    }
  }
}

void TraceRecorder::finish_job(long long cycles) {
  if (current_) current_->cycles = cycles, current_->passes = passes_started_;
  current_ = nullptr;
}

// Until the window's last pass has started (and then until it ends).
bool TraceRecorder::recording() const {
  return current_ && passes_started_ <= current_->window.last_pass;
}

void TraceRecorder::pass_started(double cycle, const PassPlan& plan, GlbCore& glb,
                                 const std::vector<int16_t>& filters) {
  ++passes_started_;
  pass_start_ = cycle;
  if (!recording()) return;
  if (passes_started_ >= current_->window.first_pass) {
    record_pe_activity(plan, glb, filters, (long long)cycle);
  }
}

void TraceRecorder::pass_finished(const PassResult& result) {
  if (!recording()) return;
  TraceSpan pass{TraceSpan::Kind::pass, passes_started_, pass_start_, double(result.cycles), 0, {}, 0};
  const auto stalls = tallies(result.stalls);
  pass.stalls.assign(stalls.begin() + 1, stalls.end());
  pass.active_pes = result.active_pes;
  current_->spans.push_back(pass);
  current_->spans.push_back({TraceSpan::Kind::ramp_up, passes_started_, pass_start_,
                             double(result.filter_load_cycles), 0, {}, 0});
}

void TraceRecorder::dram_transfer(TraceSpan::Kind kind, double start, long long link_cycles,
                                  long long words, const PassSlice* fetch_for) {
  if (!recording()) return;
  const double cycles = double(link_cycles) * arch_.clock_mhz / arch_.dram.clock_mhz;
  const auto number = pass_numbers_.find(fetch_for);
  const long long pass = number != pass_numbers_.end() ? number->second : passes_started_;
  current_->spans.push_back({kind, pass, start, cycles, words, {}, 0});
}

// Each PE issues or counts exactly one stall cause per cycle (PeCore::step), so the
// cause whose count grew is what it did; equal cycles in a row are one run.
void TraceRecorder::record_pe_activity(const PassPlan& plan, GlbCore& glb,
                                       const std::vector<int16_t>& filters, long long start) {
  PassOptions timing_only;
  timing_only.move_values = false;
  PassSimulator pass(arch_, plan, glb, filters, timing_only);
  const size_t count = plan.pes.size();
  std::vector<std::array<long long, kPeActivityCount>> before(count);
  std::vector<PeRuns> runs;
  for (size_t i = 0; i < count; ++i) runs.emplace_back(plan.pes[i].row, plan.pes[i].col, start);
  while (!pass.finished()) {
    pass.step();
    for (size_t i = 0; i < count; ++i) {
      const auto now = tallies(pass.pes()[i].stalls());
      PeActivity activity = PeActivity::busy;
      for (int a = 1; a < kPeActivityCount; ++a) {
        if (now[size_t(a)] != before[i][size_t(a)]) activity = PeActivity(a);
      }
      before[i] = now;
      runs[i].add(activity, *current_);
    }
  }
  for (auto& pe : runs) pe.finish(*current_);
}

void TraceRecorder::PeRuns::add(PeActivity activity, JobTrace& trace) {
  if (run_.cycles > 0 && activity != run_.activity) end_run(trace);
  run_.activity = activity;
  ++run_.cycles;
}

void TraceRecorder::PeRuns::finish(JobTrace& trace) {
  end_run(trace);
  flush_mixed(trace);
}

// A long run is a span of its own; short ones in a row make one mixed span.
void TraceRecorder::PeRuns::end_run(JobTrace& trace) {
  if (run_.cycles >= kShortestRun) {
    flush_mixed(trace);
    keep(run_, trace);
  } else if (run_.cycles > 0) {
    if (mixed_.cycles == 0) mixed_.start = run_.start;
    mixed_.cycles += run_.cycles;
    mixed_.mix[size_t(run_.activity)] += run_.cycles;
  }
  run_.start += run_.cycles;
  run_.cycles = 0;
}

void TraceRecorder::PeRuns::flush_mixed(JobTrace& trace) {
  if (mixed_.cycles == 0) return;
  int states = 0;
  for (int a = 0; a < kPeActivityCount; ++a) {
    if (mixed_.mix[size_t(a)]) ++states, mixed_.activity = PeActivity(a);
  }
  if (states > 1) {
    mixed_.activity = PeActivity::mixed;
  } else {
    mixed_.mix = {};
  }
  keep(mixed_, trace);
  mixed_.cycles = 0;
  mixed_.mix = {};
}

void TraceRecorder::PeRuns::keep(const PeSpan& span, JobTrace& trace) {
  if ((long long)trace.pe_spans.size() < kMaxPeSpans) {
    trace.pe_spans.push_back(span);
  } else {
    ++trace.pe_spans_dropped;
  }
}

}  // namespace accelsim
