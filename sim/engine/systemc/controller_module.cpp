#include "sim/engine/systemc/controller_module.h"

#include <stdexcept>

#include "sim/engine/memory/feature_moves.h"
#include "sim/engine/systemc/clock_period.h"

namespace accelsim {
namespace {

void add_pass(const PassResult& result, LayerRun& run) {
  run.counts += result.counts;
  run.stalls += result.stalls;
  run.processing_cycles += result.cycles;
  run.ramp_up_cycles += result.filter_load_cycles;
  run.glb_port_conflicts += result.glb_port_conflicts;
  ++run.passes;
  run.stepped_passes += result.stepped;
  run.skipped_cycles += result.skipped_cycles;
}

}  // namespace

ControllerModule::ControllerModule(sc_core::sc_module_name name, const ArchSpec& arch,
                                   JobSource& source, DramModule& dram,
                                   GlbModule& glb, ArrayModule& array,
                                   std::vector<LayerRun>& runs, TraceRecorder* trace)
    : sc_core::sc_module(name), arch_(arch), dram_core_(arch), source_(source), dram_(dram),
      glb_(glb), array_(array), runs_(runs), period_(clock_period(arch.clock_mhz)),
      trace_(trace) {
  SC_THREAD(run);
}

void ControllerModule::run() {
  for (size_t i = 0; i < runs_.size(); ++i) {
    const LayerJob job = source_.start(i);
    const bool traced = trace_ && job.schedule;  // a move layer has no passes to trace
    if (traced) trace_->start_job(i, *job.schedule);
    if (job.move) {
      run_moves(*job.move, runs_[i]);
    } else {
      run_layer(job, runs_[i]);
    }
    if (traced) trace_->finish_job(runs_[i].cycles);
    source_.finish(i, runs_[i]);
  }
}

// Cycles run from the first step to the last ofmap stored, on the core clock.
void ControllerModule::run_layer(const LayerJob& job, LayerRun& run) {
  const Schedule& schedule = *job.schedule;
  const LayerShape& shape = schedule.shape;
  glb_.core.configure_banks(schedule.glb_ifmap_banks, schedule.glb_psum_banks);
  run.output.assign(size_t(shape.batch) * shape.groups * shape.M * shape.E * shape.F, 0);
  align_to_clock();
  job_start_ = sc_core::sc_time_stamp();
  ControllerCore core(schedule, arch_.filter_buffer_words());
  for (ControllerStep step = core.next(); step.kind != ControllerStep::Kind::done;
       step = core.next()) {
    perform(step, core, job, run);
  }
  align_to_clock();
  run.cycles = (long long)(job_cycle() + 0.5);
  run.dram_wait_cycles = run.cycles - run.processing_cycles;
}

// A layer that only moves feature maps (memory/feature_moves.h): per chunk, its
// operands over the DRAM link, an add's sums on the array, its result back over the
// link. Cycles run on the core clock as a layer's on the array do.
void ControllerModule::run_moves(const MoveData& data, LayerRun& run) {
  run.output.assign(size_t(data.output_words()), 0);
  FeatureMoves moves(arch_, data, run.output);
  align_to_clock();
  job_start_ = sc_core::sc_time_stamp();
  for (const MoveChunk& chunk : move_chunks(data, arch_.glb_words())) {
    for (int index = 0; index < moves.loads(chunk); ++index) {
      dram([&] {
        const DramTransfer loaded = moves.load(chunk, index, run.counts);
        run.ifmap_raw_words += loaded.raw_words;
        return loaded;
      }, TraceSpan::Kind::ifmap_load);
    }
    const long long array_cycles = moves.combine(chunk, run.counts);
    if (array_cycles > 0) {
      align_to_clock();
      wait(period_ * double(array_cycles));
      run.processing_cycles += array_cycles;
      ++run.passes;
    }
    dram([&] {
      const DramTransfer stored = moves.store(chunk, run.counts);
      run.ofmap_raw_words += stored.raw_words;
      return stored;
    }, TraceSpan::Kind::ofmap_store);
  }
  align_to_clock();
  run.cycles = (long long)(job_cycle() + 0.5);
  run.dram_wait_cycles = run.cycles - run.processing_cycles;
}

void ControllerModule::perform(const ControllerStep& step, ControllerCore& core,
                               const LayerJob& job, LayerRun& run) {
  GlbCore& glb = glb_.core;
  switch (step.kind) {
    case ControllerStep::Kind::start_tile:
      glb.resize_psum_tile(step.tile->images, step.tile->out_rows, job.schedule->shape.F,
                           step.tile->filters);
      return;
    case ControllerStep::Kind::load_ifmaps:
      dram([&] {
        const DramTransfer transfer =
            dram_core_.load_ifmap_block(*job.data, *step.tile, *step.block, glb, run.counts);
        run.ifmap_raw_words += transfer.raw_words;
        return transfer;
      }, TraceSpan::Kind::ifmap_load);
      return;
    case ControllerStep::Kind::fetch_filters:
      fetch_filters(*step.pass, job, run);
      return;
    case ControllerStep::Kind::run_pass:
      start_pass(*step.pass, *job.schedule, job.data->product_shift);
      core.filters_released();
      return;
    case ControllerStep::Kind::finish_pass:
      wait(running_pass_->done);
      if (trace_) trace_->pass_finished(running_pass_->result);
      add_pass(running_pass_->result, run);
      return;
    case ControllerStep::Kind::store_ofmaps:
      dram([&] {
        const DramTransfer transfer = dram_core_.store_ofmaps(
            job.schedule->shape, *step.tile, glb, run.output, run.counts, job.data);
        run.ofmap_raw_words += transfer.raw_words;
        return transfer;
      }, TraceSpan::Kind::ofmap_store);
      return;
    case ControllerStep::Kind::done:
      return;
  }
}

// Queued behind the DRAM's other transfers; nobody waits until the pass starts.
// The transfer reads the pass's plan when the link starts on it (the pass may have
// been planned in full again by then: the same filter streams).
void ControllerModule::fetch_filters(StagedPass& pass, const LayerJob& job, LayerRun& run) {
  FilterFetch& fetch = fetches_.emplace_back();
  fetch.pass = &pass;
  StagedPass* target = &pass;
  fetch.request.move = [this, &job, &run, target] {
    const double start = job_cycle();
    const DramTransfer transfer = dram_core_.load_filters(*job.data, *target->tile, *target->plan,
                                                          target->filters, run.counts);
    if (trace_) {
      trace_->dram_transfer(TraceSpan::Kind::filter_fetch, start, transfer.link_cycles,
                            transfer.dram_words, target->slice);
    }
    return transfer;
  };
  dram_.requests.write(&fetch.request);
}

// Waits for the pass's weights (a reusing pass's were fetched for a pass that has
// run), hands the pass to the array on a clock edge and waits until the array no
// longer needs the staged weights.
void ControllerModule::start_pass(const StagedPass& pass, const Schedule& schedule,
                                  int product_shift) {
  if (!pass.source) {
    if (fetches_.empty() || fetches_.front().pass != &pass) {
      throw std::logic_error("a pass starts before its filters were fetched");
    }
    DramRequest& request = fetches_.front().request;
    if (!request.finished) wait(request.done);
    fetches_.pop_front();
  }
  align_to_clock();
  running_pass_.emplace();
  running_pass_->plan = pass.plan.get();
  running_pass_->filters = &pass.staged_filters();
  running_pass_->product_shift = product_shift;
  running_pass_->planner = schedule.planner;
  running_pass_->tile = pass.tile;
  running_pass_->block = pass.block;
  running_pass_->slice = pass.slice;
  if (trace_) trace_->pass_started(job_cycle(), *pass.plan, glb_.core, pass.staged_filters());
  array_.passes.write(&*running_pass_);
  wait(running_pass_->filters_loaded);
}

void ControllerModule::align_to_clock() {
  const auto now = sc_core::sc_time_stamp().value();
  const auto period = period_.value();
  if (now % period != 0) wait(sc_core::sc_time::from_value(period - now % period));
}

double ControllerModule::job_cycle() const {
  return (sc_core::sc_time_stamp() - job_start_) / period_;
}

DramTransfer ControllerModule::dram(const std::function<DramTransfer()>& move,
                                    TraceSpan::Kind kind) {
  DramRequest request;
  DramTransfer transfer;
  request.move = [&] {
    const double start = job_cycle();
    transfer = move();
    if (trace_) trace_->dram_transfer(kind, start, transfer.link_cycles, transfer.dram_words);
    return transfer;
  };
  dram_.requests.write(&request);
  if (!request.finished) wait(request.done);
  return transfer;
}

}  // namespace accelsim
