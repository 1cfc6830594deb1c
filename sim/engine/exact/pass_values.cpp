#include "sim/engine/exact/pass_values.h"

#include <algorithm>
#include <stdexcept>

#include "sim/engine/data/fixed_point.h"
#include "sim/engine/exact/chain_maxima.h"
#include "sim/engine/exact/column_sums.h"
#include "sim/engine/exact/stream_batches.h"
#include "sim/engine/exact/stream_operands.h"
#include "sim/engine/exact/window_sums.h"

namespace accelsim {
namespace {

// Buffers reused from pass to pass: the engine computes thousands of passes per
// layer, many of them small, so nothing is allocated per pass once warm.
struct Scratch {
  ColumnSums columns;          // window mode, one output column and one tap
  WindowSums window;           // window mode, other passes
  std::vector<int16_t> tasks;  // stream mode: one chain's sums, [task]
  StreamOperands operands;     // stream mode, PEs one by one
  StreamBatches batches;       // stream mode, PEs (or tasks) as vector lanes
  ChainMaxima maxima;          // max pooling
};

// Adds a stream-mode PE's MACs to its chain's task sums ([task]); returns the
// MACs whose ifmap word is zero. With its operands contiguous, a task is a dot
// product.
long long stream_pe_sums(const PassPlan& plan, const PePlan& pe, GlbCore& glb,
                         const std::vector<int16_t>& filter_words, int product_shift,
                         Scratch& scratch) {
  const long long count = 1LL * pe.tasks * pe.macs_per_task;
  if (count <= 0) return 0;
  long long zeros = 0;
  // x stays valid until the next ifmaps() call (the gathered words may grow then).
  const int16_t* x = scratch.operands.ifmaps(plan, pe.ifmap_stream, count,
                                             &glb.ifmap(0, 0, 0, 0), zeros);  // block word 0
  const int16_t* w = scratch.operands.weights(plan, pe.weight_stream, count, filter_words.data());
  const size_t macs = size_t(pe.macs_per_task);
  for (int task = 0; task < pe.tasks; ++task) {
    int16_t& sum = scratch.tasks[size_t(task)];
    const size_t first = size_t(task) * macs;
    sum = wrap_add(sum, dot_product(x + first, w + first, int(macs), product_shift));
  }
  return zeros;
}

// Sums a stream-mode chain's PEs into scratch.tasks [task]; returns the MACs on
// zero ifmap words.
long long stream_chain_sums(const PassPlan& plan, const Chain& chain, GlbCore& glb,
                            const std::vector<int16_t>& filter_words, int product_shift,
                            Scratch& scratch) {
  scratch.tasks.assign(size_t(chain.outputs.size()), 0);
  long long zeros = 0;
  for (int pe_index : chain.pes) {
    const PePlan& pe = plan.pes[size_t(pe_index)];
    if (pe.mode != PeMode::stream) throw std::logic_error("a chain mixes PEs of different modes");
    long long pe_zeros = 0;
    if (!scratch.batches.add(pe_index, scratch.tasks.data(), pe_zeros)) {
      pe_zeros = stream_pe_sums(plan, pe, glb, filter_words, product_shift, scratch);
    }
    zeros += pe_zeros;
  }
  return zeros;
}

// What zero gating saves of `zeros` MACs on zero ifmap words (DESIGN.md section 3).
void count_gated(const ArchSpec& arch, const PassPlan& plan, PeMode mode, long long zeros,
                 Gating& gating) {
  if (!arch.pe.zero_gating) return;
  gating.macs += zeros;
  if (mode == PeMode::window) gating.weight_reads += zeros;
  if (plan.register_file) gating.psum_accesses += zeros;
}

// Writes a chain's sums (plus the psums it reads from the GLB) to its outputs. Task
// order is [segment][f][k] in window mode, whose sums are [k][segment][f]; stream
// mode's sums are in task order.
void write_chain_outputs(const PassPlan& plan, const Chain& chain, bool window_chain,
                         const int16_t* sums, GlbCore& glb) {
  const auto combine = [&plan](int16_t psum, int16_t sum) {
    return plan.op == PeOp::max ? std::max(psum, sum) : wrap_add(psum, sum);
  };
  AffineCursor address(chain.outputs);
  const long long tasks = chain.outputs.size();
  if (!window_chain) {
    for (long long task = 0; task < tasks; ++task, address.next()) {
      int16_t& psum = glb.psum(address.address());
      psum = chain.psums_from_glb ? combine(psum, sums[task]) : sums[task];
    }
    return;
  }
  const size_t F = size_t(plan.out_cols), segments = size_t(plan.segments);
  const size_t K = size_t(tasks) / (segments * F);
  for (size_t segment = 0; segment < segments; ++segment) {
    for (size_t f = 0; f < F; ++f) {
      for (size_t k = 0; k < K; ++k, address.next()) {
        const int16_t sum = sums[(k * segments + segment) * F + f];
        int16_t& psum = glb.psum(address.address());
        psum = chain.psums_from_glb ? combine(psum, sum) : sum;
      }
    }
  }
}

}  // namespace

PassValues compute_pass_values(const ArchSpec& arch, const PassPlan& plan, GlbCore& glb,
                               const std::vector<int16_t>& filter_words, int product_shift) {
  thread_local Scratch scratch;
  PassValues values;
  if (plan.op == PeOp::max) {  // no weights, nothing gated
    scratch.maxima.start_pass(plan);
    for (const auto& chain : plan.chains) {
      const bool window_chain = plan.pes[size_t(chain.pes.back())].mode == PeMode::window;
      write_chain_outputs(plan, chain, window_chain, scratch.maxima.chain(plan, chain, glb).data(), glb);
    }
    return values;
  }
  const bool gating = arch.pe.zero_gating;
  const bool one_column =
      scratch.columns.start_pass(plan, glb, filter_words, gating, product_shift);
  if (!one_column) scratch.window.start_pass(plan, glb, filter_words, gating, product_shift);
  scratch.operands.start_pass(plan);
  scratch.batches.compute(plan, plan.ifmap_streams.empty() ? nullptr : &glb.ifmap(0, 0, 0, 0),
                          filter_words.data(), product_shift);  // block word 0
  for (const auto& chain : plan.chains) {
    const bool window_chain = plan.pes[size_t(chain.pes.back())].mode == PeMode::window;
    long long zeros = 0;
    const int16_t* sums = nullptr;
    if (window_chain) {
      sums = one_column ? scratch.columns.chain_sums(chain, zeros).data()
                        : scratch.window.chain_sums(chain, glb, zeros).data();
    } else {
      zeros = stream_chain_sums(plan, chain, glb, filter_words, product_shift, scratch);
      sums = scratch.tasks.data();
    }
    count_gated(arch, plan, window_chain ? PeMode::window : PeMode::stream, zeros,
                values.gating);
    write_chain_outputs(plan, chain, window_chain, sums, glb);
  }
  return values;
}

}  // namespace accelsim
