// CandidateTimer::run (candidate_timing.h): the engine's exact-mode run of a layer
// replayed without SystemC. The ControllerModule (systemc/controller_module.cpp)
// performs ControllerCore's steps with three servers: the DRAM link (in order, in
// its own clock domain), the array (one pass at a time) and the controller itself,
// which waits for ifmap loads, ofmap stores, a pass's weights and its end. With
// the steps, the transfers (DramCore, on the layer's values) and the passes'
// timing (the memo) known, their times follow; computed here in picoseconds as
// sc_time computes them.

#include <deque>
#include <string>
#include <algorithm>

#include "sim/engine/control/controller_core.h"
#include "sim/engine/exact/candidate_timing.h"
#include "sim/engine/memory/dram_core.h"
#include "sim/engine/memory/glb_core.h"

namespace accelsim {
namespace {

// sc_time's arithmetic at its default resolution (1 ps): a clock's period, and a
// period times a count, each rounded to the picosecond as sc_time rounds them.
long long period_ps(double clock_mhz) { return (long long)(1e6 / clock_mhz + 0.5); }
long long times(long long period, long long count) {
  return (long long)(double(period) * double(count) + 0.5);
}

}  // namespace

long long zero_ifmap_macs(const LayerData& data) {
  const LayerShape& s = data.shape;
  long long zeros = 0;
  for (int n = 0; n < s.batch; ++n) {
    for (int g = 0; g < s.groups; ++g) {
      for (int c = 0; c < s.C; ++c) {
        for (int r = 0; r < s.R; ++r) {
          for (int q = 0; q < s.S; ++q) {
            for (int e = 0; e < s.E; ++e) {
              const int row = e * s.stride_h + r * s.dilation_h;
              for (int f = 0; f < s.F; ++f) {
                zeros += data.padded_ifmap(n, g, c, row, f * s.stride_w + q * s.dilation_w) == 0;
              }
            }
          }
        }
      }
    }
  }
  return zeros * s.M;  // every filter of the group meets the same ifmap word
}

CandidateInput candidate_input(const ArchSpec& arch, const LayerData& data,
                               const std::vector<int16_t>& output) {
  CandidateInput input{&data, &output, zero_ifmap_macs(data)};
  const DramCore dram(arch);
  const auto ratio = [&](const std::vector<int16_t>& values, bool compress) {
    const DramTransfer transfer = dram.transfer(values, compress);
    return transfer.raw_words ? double(transfer.dram_words) / double(transfer.raw_words) : 1.0;
  };
  input.ifmap_ratio = ratio(data.ifmap, data.shape.input_compressible);
  input.ofmap_ratio = ratio(output, true);
  return input;
}

class CandidateReplay {
 public:
  CandidateReplay(CandidateTimer& timer, const Schedule& schedule, const CandidateInput& input)
      : timer_(timer), arch_(timer.arch_), schedule_(schedule), input_(input), dram_core_(arch_),
        glb_(arch_), core_(schedule, arch_.filter_buffer_words()),
        core_ps_(period_ps(arch_.clock_mhz)), link_ps_(period_ps(arch_.dram.clock_mhz)) {}

  CandidateRun run() {
    const LayerShape& s = schedule_.shape;
    glb_.configure_banks(schedule_.glb_ifmap_banks, schedule_.glb_psum_banks);
    output_.assign(size_t(s.batch) * s.groups * s.M * s.E * s.F, 0);
    for (ControllerStep step = core_.next(); step.kind != ControllerStep::Kind::done;
         step = core_.next()) {
      perform(step);
    }
    align();
    run_.cycles = (long long)(double(now_) / double(core_ps_) + 0.5);
    run_.dram_wait_cycles = run_.cycles - run_.processing_cycles;
    count_gating();
    return run_;
  }

 private:
  void perform(const ControllerStep& step) {
    using Kind = ControllerStep::Kind;
    switch (step.kind) {
      case Kind::start_tile:
        glb_.resize_psum_tile(step.tile->images, step.tile->out_rows, schedule_.shape.F,
                              step.tile->filters);
        return;
      case Kind::load_ifmaps:
        now_ = dram(dram_core_.load_ifmap_block(*input_.data, *step.tile, *step.block, glb_,
                                                run_.counts));
        return;
      case Kind::fetch_filters: {
        StagedPass& pass = *step.pass;
        fetches_.push_back(dram(dram_core_.load_filters(*input_.data, *pass.tile, *pass.plan,
                                                        pass.filters, run_.counts)));
        return;
      }
      case Kind::run_pass:
        start_pass(*step.pass);
        core_.filters_released();
        return;
      case Kind::finish_pass:
        now_ = std::max(now_, pass_done_);
        return;
      case Kind::store_ofmaps:
        store_ofmaps(*step.tile);
        return;
      case Kind::done:
        return;
    }
  }

  // ControllerModule::start_pass and ArrayModule::run_exact: the array starts on a
  // clock edge once the weights are in; the controller goes on when they are
  // released, the pass ends `cycles` after it started.
  void start_pass(const StagedPass& pass) {
    if (!pass.source) {
      now_ = std::max(now_, fetches_.front());
      fetches_.pop_front();
    }
    align();
    const PassResult result = timer_.pass_result(*pass.plan, &pass.staged_filters(), glb_, key_,
                                                 run_.stepped_passes);
    if (run_.passes == 0) first_plan_gating(*pass.plan);
    const long long start = now_;
    now_ = start + times(core_ps_, result.filter_release_cycles);
    pass_done_ = now_ + times(core_ps_, result.cycles - result.filter_release_cycles);
    run_.counts += result.counts;
    run_.processing_cycles += result.cycles;
    ++run_.passes;
  }

  // The tile's finished ofmaps are the reference's (the engine's output equals it):
  // put in the GLB as the passes leave them, already written back.
  void store_ofmaps(const Tile& tile) {
    const LayerShape& s = schedule_.shape;
    for (int n = 0; n < tile.images; ++n) {
      for (int m = 0; m < tile.filters; ++m) {
        const long long channel = 1LL * (tile.image0 + n) * s.groups * s.M +
                                  1LL * tile.group * s.M + tile.filter0 + m;
        for (int e = 0; e < tile.out_rows; ++e) {
          const int16_t* row = &(*input_.output)[size_t((channel * s.E + tile.out_row0 + e) * s.F)];
          for (int f = 0; f < s.F; ++f) glb_.psum(glb_.psum_address(n, e, f, m)) = row[f];
        }
      }
    }
    now_ = dram(dram_core_.store_ofmaps(s, tile, glb_, output_, run_.counts, nullptr));
  }

  // The DRAM serves transfers in the order asked; returns when this one ends.
  long long dram(const DramTransfer& transfer) {
    dram_free_ = std::max(now_, dram_free_) + times(link_ps_, transfer.link_cycles);
    return dram_free_;
  }

  void align() {
    if (now_ % core_ps_ != 0) now_ += core_ps_ - now_ % core_ps_;
  }

  // What gating skips per zero MAC depends on the PEs' mode and on their having
  // scratchpads (pass_values.cpp, count_gated); the same for every pass of a layer.
  void first_plan_gating(const PassPlan& plan) {
    const bool window =
        !plan.chains.empty() && plan.pes[size_t(plan.chains.front().pes.back())].mode == PeMode::window;
    gates_weight_reads_ = window;
    gates_psums_ = plan.register_file;
  }

  void count_gating() {
    if (!arch_.pe.zero_gating) return;
    Gating gating;
    gating.macs = input_.zero_macs;
    gating.weight_reads = gates_weight_reads_ ? input_.zero_macs : 0;
    gating.psum_accesses = gates_psums_ ? input_.zero_macs : 0;
    PassResult total;
    total.counts = run_.counts;
    run_.counts = with_gating(total, gating).counts;
  }

  CandidateTimer& timer_;
  const ArchSpec& arch_;
  const Schedule& schedule_;
  const CandidateInput& input_;
  DramCore dram_core_;
  GlbCore glb_;
  ControllerCore core_;
  const long long core_ps_, link_ps_;
  long long now_ = 0, dram_free_ = 0, pass_done_ = 0;  // picoseconds since the job started
  std::deque<long long> fetches_;  // when the weights asked for, oldest first, are in
  bool gates_weight_reads_ = false, gates_psums_ = false;
  std::vector<int16_t> output_;
  std::string key_;
  CandidateRun run_;
};

CandidateRun CandidateTimer::run(const Schedule& schedule, const CandidateInput& input) {
  return CandidateReplay(*this, schedule, input).run();
}

}  // namespace accelsim
