#pragma once
// Must equal: the sums the window-mode PeCores (array/pe_core.h) send up their
// chains in per-cycle mode, and the MACs they gate. Proved by
// tests/engine/equivalence_test.cpp (row and weight stationary passes).
//
// Window-mode MACs in bulk, for exact mode's pass values (pass_values.h): the sums
// each window-mode chain of a pass produces, from the GLB's ifmap block and the
// staged weights, without stepping the PEs (the same MACs in another order: the
// 16-bit wrapping sum is order-free).
//
// Two paths. When the windows are affine and a pass has several output columns,
// the PEs fed by one filter stream hold the same weights and are summed together
// as "wide rows"; other shapes (FC layers: one output column) go one PE at a time.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "dataflows/schedule.h"
#include "sim/engine/memory/glb_core.h"

namespace accelsim {

// The windows as base + stride x f per tap, when they are (always for the shipped
// dataflows); stride 0 when they are not.
struct AffineWindow {
  std::vector<int> base;
  int stride = 0;
};

// Wide rows (several output columns): window-mode PEs fed by one filter stream
// hold the same weights. Their rows (for every segment) are laid back to back per
// channel, each padded to `pitch` words (a multiple of the stride), so that one
// accumulate_row call over the whole "wide row" does a (k, c, s) of all of them:
// lane block x lanes + f reads word block x pitch + base[s] + f x stride. Lanes
// f >= F of a block read the next block's words (or the zero tail) and are
// discarded.
struct WideRows {
  int stride = 1;
  size_t pitch = 0;   // words per (PE, segment) row: columns rounded up to the stride
  size_t lanes = 0;   // pitch / stride: output lanes per row (>= F)
  size_t tail = 0;    // words past the last row the last lanes may read
};

// Buffers reused from pass to pass: the engine computes thousands of passes per
// layer, many of them small, so nothing is allocated per pass once warm.
struct WindowBuffers {
  std::vector<int16_t> rows;       // gathered ifmap words (layout depends on the path)
  std::vector<int16_t> partials;   // wide rows: per filter-stream group, [k][block][lane]
  std::vector<int16_t> chain;      // one chain's sums, [k][segment][f]
  std::vector<size_t> pe_partial;  // wide rows: a PE's (k 0, segment 0) lane in partials
  std::vector<size_t> pe_k_pitch;  // wide rows: from a PE's lanes of k to those of k + 1
  std::vector<int> uses;           // per column: output windows reading it
  std::vector<size_t> filter_offset;  // per filter stream, into the staged weights
  std::vector<long long> row_zeros;   // per row stream: zero words x window uses
};

class WindowSums {
 public:
  // Prepares a pass: where each filter stream's weights start, each row stream's
  // zero words weighted by their window uses (`count_zeros`: with zero gating), and
  // on the wide-rows path every PE's partial sums, keeping product bits
  // product_shift..+15 (fixed_point.h).
  void start_pass(const PassPlan& plan, GlbCore& glb, const std::vector<int16_t>& filter_words,
                  bool count_zeros, int product_shift);
  // The sums [k][segment][f] of a window-mode chain of the pass (valid until the
  // next call); adds to `zeros` its PEs' MACs on zero ifmap words (0 unless
  // count_zeros). Throws std::logic_error for a chain of PEs of different shapes.
  const std::vector<int16_t>& chain_sums(const Chain& chain, GlbCore& glb, long long& zeros);

 private:
  const PassPlan* plan_ = nullptr;
  const std::vector<int16_t>* filter_words_ = nullptr;
  int product_shift_ = 0;
  AffineWindow window_;
  bool wide_ = false;  // through the wide rows' partial sums
  WideRows wide_rows_;
  WindowBuffers buffers_;
};

}  // namespace accelsim
