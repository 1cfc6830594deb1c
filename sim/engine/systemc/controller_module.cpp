// The controller's sequence for one layer (see schedule.h for the loop nest):
// for each tile, for each channel block: load the block's ifmaps from DRAM (the
// array waits), run its passes; then store the tile's ofmaps (the array waits).
// The filter buffer overlaps with the array: as soon as it has room for the next
// pass's weights, they are fetched from DRAM while the current pass computes.

#include "sim/engine/systemc/controller_module.h"

#include <deque>

#include "sim/engine/systemc/clock_period.h"

namespace accelsim {
namespace {

// Staged passes whose whole plan is kept; deeper ones keep only their filter
// streams (what a fetching pass's DRAM transfer needs), or nothing, and are
// planned again when they run. With tiny passes (a depthwise layer's 9 weights)
// the filter buffer holds thousands of them, and passes that reuse the staged
// weights take none of it, so a whole layer can be staged at once.
constexpr size_t kPlansKept = 4;

struct StagedPass {
  const Tile* tile = nullptr;
  const ChannelBlock* block = nullptr;
  const PassSlice* slice = nullptr;
  std::unique_ptr<PassPlan> plan;
  bool planned = true;  // false: `plan` is null or has only its filter streams
  std::vector<int16_t> filters;  // filled by the DRAM transfer
  long long words = 0;           // of the filter buffer it holds
  std::unique_ptr<DramRequest> request;  // a fetching pass's transfer
  // A pass that reuses the weights of the pass before it fetches none: it reads
  // the staged words of `source`, the pass that fetched them (kept alive until it
  // has run).
  std::shared_ptr<StagedPass> source;
  const std::vector<int16_t>& staged_filters() const {
    return source ? source->staged_filters() : filters;
  }
  DramRequest& fetch() { return source ? source->fetch() : *request; }
};


}  // namespace

ControllerModule::ControllerModule(sc_core::sc_module_name name, const ArchSpec& arch,
                                   JobSource& source, DramModule& dram,
                                   GlbModule& glb, ArrayModule& array,
                                   std::vector<LayerRun>& runs)
    : sc_core::sc_module(name), arch_(arch), source_(source), dram_(dram), glb_(glb), array_(array),
      runs_(runs), period_(clock_period(arch.clock_mhz)) {
  SC_THREAD(run);
}

void ControllerModule::run() {
  for (size_t i = 0; i < runs_.size(); ++i) {
    run_layer(source_.start(i), runs_[i]);
    source_.finish(i, runs_[i]);
  }
}

void ControllerModule::align_to_clock() {
  const auto now = sc_core::sc_time_stamp().value();
  const auto period = period_.value();
  if (now % period != 0) wait(sc_core::sc_time::from_value(period - now % period));
}

DramTransfer ControllerModule::dram(const std::function<DramTransfer()>& move) {
  DramRequest request;
  DramTransfer transfer;
  request.move = [&] { return transfer = move(); };
  dram_.requests.write(&request);
  if (!request.finished) wait(request.done);
  return transfer;
}

void ControllerModule::run_layer(const LayerJob& job, LayerRun& run) {
  const Schedule& schedule = *job.schedule;
  const LayerShape& shape = schedule.shape;
  const DramCore dram_core(arch_);
  GlbCore& glb = glb_.core;
  glb.configure_banks(schedule.glb_ifmap_banks, schedule.glb_psum_banks);
  run.output.assign(size_t(shape.batch) * shape.groups * shape.M * shape.E * shape.F, 0);
  align_to_clock();
  const sc_core::sc_time start = sc_core::sc_time_stamp();

  struct Step {
    const Tile* tile;
    const ChannelBlock* block;
    const PassSlice* pass;
  };
  std::vector<Step> steps;
  for (const auto& tile : schedule.tiles) {
    for (const auto& block : tile.blocks) {
      for (const auto& pass : block.passes) steps.push_back({&tile, &block, &pass});
    }
  }

  // Filter prefetch: passes whose weights are requested, oldest first.
  const long long capacity = arch_.filter_buffer_words();
  long long free_words = capacity;
  std::deque<std::shared_ptr<StagedPass>> staged;
  std::shared_ptr<StagedPass> next, last_planned;
  size_t planned = 0;
  const auto prefetch = [&] {
    while (true) {
      if (!next) {
        if (planned == steps.size()) return;
        const Step& step = steps[planned++];
        next = std::make_shared<StagedPass>();
        next->tile = step.tile;
        next->block = step.block;
        next->slice = step.pass;
        next->plan = std::make_unique<PassPlan>(
            schedule.planner->plan(*step.tile, *step.block, *step.pass));
        // The pass that fetched the weights, not the one before: a long run of
        // reusing passes must not become a long chain of owners.
        if (step.pass->reuses_filters) {
          next->source = last_planned->source ? last_planned->source : last_planned;
        }
        next->words = next->source ? 0 : next->plan->filter_words();
        if (staged.size() >= kPlansKept) {
          auto filters_only = std::make_unique<PassPlan>();
          filters_only->filter_streams = std::move(next->plan->filter_streams);
          next->plan = next->source ? nullptr : std::move(filters_only);
          next->planned = false;
        }
      }
      // Without a filter buffer the weights wait in the GLB: one pass at a time.
      if (!(staged.empty() || next->words <= free_words)) return;
      if (capacity > 0) free_words -= next->words;
      StagedPass* pass = next.get();
      if (!pass->source) {
        pass->request = std::make_unique<DramRequest>();
        pass->request->move = [&dram_core, &job, &run, pass] {
          return dram_core.load_filters(*job.data, *pass->tile, *pass->plan, pass->filters,
                                        run.counts);
        };
        dram_.requests.write(pass->request.get());
      }
      last_planned = next;
      staged.push_back(std::move(next));
    }
  };

  prefetch();
  for (const auto& tile : schedule.tiles) {
    glb.resize_psum_tile(tile.images, tile.out_rows, shape.F, tile.filters);
    for (const auto& block : tile.blocks) {
      dram([&] { return dram_core.load_ifmap_block(*job.data, tile, block, glb, run.counts); });
      for (size_t i = 0; i < block.passes.size(); ++i) {
        prefetch();
        const std::shared_ptr<StagedPass> current = staged.front();
        staged.pop_front();
        if (!current->planned) {
          current->plan = std::make_unique<PassPlan>(
              schedule.planner->plan(*current->tile, *current->block, *current->slice));
          current->planned = true;
        }
        if (!current->fetch().finished) wait(current->fetch().done);
        align_to_clock();
        PassRequest request;
        request.plan = current->plan.get();
        request.filters = &current->staged_filters();
        array_.passes.write(&request);
        wait(request.filters_loaded);
        // The staged words stay while a following pass reuses them.
        const auto root = [](const std::shared_ptr<StagedPass>& pass) {
          return pass->source ? pass->source : pass;
        };
        if (!staged.empty() && staged.front()->source && root(staged.front()) == root(current)) {
          staged.front()->words = current->words;
        } else if (capacity > 0) {
          free_words += current->words;
        }
        prefetch();
        wait(request.done);
        const PassResult& result = request.result;
        run.counts += result.counts;
        run.stalls += result.stalls;
        run.processing_cycles += result.cycles;
        run.ramp_up_cycles += result.filter_load_cycles;
        run.glb_port_conflicts += result.glb_port_conflicts;
        ++run.passes;
        run.stepped_passes += result.stepped;
        run.skipped_cycles += result.skipped_cycles;
      }
    }
    dram([&] { return dram_core.store_ofmaps(shape, tile, glb, run.output, run.counts); });
  }
  align_to_clock();
  run.cycles = (long long)((sc_core::sc_time_stamp() - start) / period_ + 0.5);
  run.dram_wait_cycles = run.cycles - run.processing_cycles;
}

}  // namespace accelsim
