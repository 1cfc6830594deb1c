#pragma once
// Must equal: the sums the window-mode PeCores (array/pe_core.h) send up their
// chains in per-cycle mode, and the MACs they gate, for passes of one output column
// and one tap. Proved by tests/engine/equivalence_test.cpp (its random workloads
// have fully connected layers, run under weight stationary) and by every run's
// check against the reference convolution.
//
// Window-mode passes of one output column and one tap per PE: weight stationary's
// fully connected layers, tens of thousands of passes of a MAC or a few per PE.
// The same sums as WindowSums (window_sums.h) but as one matrix-vector product per
// pass: each row stream's words are gathered once (not once per PE that it feeds)
// and each PE's K filters x Q channels are a few multiply-adds, without the per-PE
// set-up of the general path, which cost 400 instructions a MAC here.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "dataflows/schedule.h"
#include "sim/engine/memory/glb_core.h"

namespace accelsim {

class ColumnSums {
 public:
  // Prepares a pass when it has one output column and one tap and only window-mode
  // PEs; returns false (and prepares nothing) otherwise. `count_zeros`: with zero
  // gating; products keep bits product_shift..+15 (fixed_point.h).
  bool start_pass(const PassPlan& plan, GlbCore& glb, const std::vector<int16_t>& filter_words,
                  bool count_zeros, int product_shift);
  // The sums [k][segment] of a chain of the pass started last (valid until the next
  // call); adds to `zeros` its PEs' MACs on zero ifmap words. Throws
  // std::logic_error for a chain of PEs of different shapes.
  const std::vector<int16_t>& chain_sums(const Chain& chain, long long& zeros);

 private:
  const PassPlan* plan_ = nullptr;
  const int16_t* weights_ = nullptr;
  int product_shift_ = 0;
  std::vector<int16_t> rows_;          // per row stream, its words [segment][channel]
  std::vector<size_t> row_offset_;     // per row stream, into rows_
  std::vector<size_t> filter_offset_;  // per filter stream, into the staged weights
  std::vector<long long> row_zeros_;   // per row stream: its zero words
  std::vector<int16_t> chain_;         // one chain's sums, [k][segment]
};

}  // namespace accelsim
