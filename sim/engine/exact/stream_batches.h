#pragma once
// Must equal: the per-PE sums of the same PEs (stream_pe_sums in pass_values.cpp,
// itself what the stream-mode PeCores of array/pe_core.h compute). Proved by
// tests/unit/stream_batches_test.cpp (StreamBatches.BatchesMatchScalarPes) and
// tests/engine/equivalence_test.cpp.
//
// Stream-mode MACs vectorized across lanes. Many stream-mode PEs (or many tasks of
// one PE) read the same weights at the same MAC index and ifmap words whose
// addresses differ by a constant lane stride: output-stationary PEs of one filter
// on consecutive pixels of a row, or a no-local-reuse PE's tasks along an output
// row. Their MACs are then one strided accumulate_row per (lane row, MAC index),
// like the reference convolution, instead of a gather and a short dot product per
// PE. PEs whose streams have no such shape keep the per-PE path (pass_values.cpp).

#include <cstdint>
#include <vector>

#include "dataflows/schedule.h"

namespace accelsim {

// sums[o * lanes + i] += x[rows[o] + macs[j] + i * lane_stride] * w[j] over every
// j < macs.size() (products keeping bits product_shift..+15, wrapping sums), for
// o < rows.size(), i < lanes. Returns how many of the words read are zero when
// count_zeros, else 0.
long long lane_sums(const int16_t* x, const std::vector<long long>& rows,
                    const std::vector<long long>& macs, const int16_t* w, int lanes,
                    int lane_stride, int product_shift, bool count_zeros, int16_t* sums);

// The offsets (from 0) an AffineStream's loops walk, in order; `stream.base` is
// ignored.
void loop_offsets(const AffineStream& stream, std::vector<long long>& out);

// Splits the loops of `stream` (loops of one iteration dropped) where the inner ones
// make `inner` iterations and the outer ones `outer`: a stream-mode PE's task loops
// and MAC loops. Both parts are simplified, with base 0. False when there is no
// such split.
bool split_loops(const AffineStream& stream, long long outer, long long inner,
                 AffineStream& outer_part, AffineStream& inner_part);

// The sums of a pass's stream-mode PEs that lane_sums can batch, computed in one go
// per pass; the other PEs are left to the caller. Buffers are reused across passes.
class StreamBatches {
 public:
  // Computes every batchable PE's task sums from the GLB's ifmap block (`block`: its
  // word 0) and the pass's staged filter words, keeping product bits
  // product_shift..+15.
  void compute(const PassPlan& plan, const int16_t* block, const int16_t* filters,
               int product_shift);
  // When PE `pe` was batched: adds its task sums to tasks[0, its tasks), adds to
  // `zeros` its share of zero-ifmap MACs (shares of a batch sum to the batch's
  // count), and returns true.
  bool add(int pe, int16_t* tasks, long long& zeros) const;

 private:
  struct Entry {
    long long offset = -1;  // of task 0 in sums_; -1: not batched
    long long pitch = 1;    // from one task to the next
    int tasks = 0;
    long long zeros = 0;
  };
  struct ZeroCount {        // per first ifmap stream of a batch: the batch's zeros
    long long count = -1, lanes = 0, zeros = 0;
  };
  bool batch_run(const PassPlan& plan, size_t first, size_t end, const int16_t* block,
                 const int16_t* filters);
  bool batch_filter_run(const PassPlan& plan, size_t first, size_t end, const int16_t* block,
                        const int16_t* filters);
  bool batch_tasks(const PassPlan& plan, size_t index, const int16_t* block,
                   const int16_t* filters);
  const int16_t* task_weights(const PassPlan& plan, const PePlan& pe, const int16_t* filters);
  long long* cached_zeros(int stream, long long count, long long lanes, bool cacheable);

  int product_shift_ = 0;
  std::vector<Entry> entries_;
  std::vector<int16_t> sums_;
  std::vector<ZeroCount> zero_counts_;
  std::vector<int16_t> weights_, words_;
  std::vector<long long> rows_, task_rows_, macs_;
  AffineStream outer_, inner_, walk_;
};

}  // namespace accelsim
