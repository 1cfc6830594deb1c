#pragma once
// Must equal: the words an AffineCursor walk (dataflows/schedule.h) delivers, in
// order, as PassSimulator's networks send them in per-cycle mode. Proved by
// tests/unit/stream_operands_test.cpp on random streams.
//
// Stream-mode operands in bulk: the words an AffineStream addresses, copied out in
// stream order a contiguous run at a time instead of a cursor step per word, so
// that the exact mode's bulk step can sum a task as one dot product.

#include <cstdint>
#include <vector>

#include "dataflows/schedule.h"

namespace accelsim {

// The same address sequence with fewer loops: loops of one iteration dropped, and
// each loop folded into the one inside it when it continues that loop's walk
// (outer stride == inner count x inner stride), so a contiguous stretch of
// addresses ends up as one innermost loop of stride 1. Writes it to `out` (reusing
// its storage: this runs for every PE of every pass).
void simplify(const AffineStream& stream, AffineStream& out);

// Writes the first `count` words `stream` addresses in `source` to `out`, in
// order; like AffineCursor, the walk starts over from the base after the
// stream's last address. `stream` should be simplified (only speed depends on it).
void gather_stream(const AffineStream& stream, long long count, const int16_t* source,
                   int16_t* out);

// When the first `count` addresses of a simplified stream are consecutive, the
// first of them; -1 if not.
long long contiguous_start(const AffineStream& stream, long long count);

// A pass's stream-mode operands in contiguous buffers, reused from pass to pass.
// An ifmap stream feeds many PEs: it is gathered, and its zeros counted, once per
// pass.
class StreamOperands {
 public:
  // Forgets the streams gathered for the previous pass.
  void start_pass(const PassPlan& plan);
  // The first `count` words of the pass's ifmap stream `stream` read from the
  // GLB's ifmap block (`block`: its word 0); `zeros` is set to how many are zero.
  // Valid until the next call of ifmaps().
  const int16_t* ifmaps(const PassPlan& plan, int stream, long long count, const int16_t* block,
                        long long& zeros);
  // The first `count` words of weight stream `stream` from the staged filters (in
  // place when they are consecutive there). Valid until the next call of weights().
  const int16_t* weights(const PassPlan& plan, int stream, long long count,
                         const int16_t* filters);

 private:
  struct Gathered {
    size_t offset = 0;     // into ifmap_words_
    long long count = -1;  // words gathered (-1: not yet this pass)
    long long zeros = 0;
  };
  std::vector<int16_t> ifmap_words_;
  std::vector<Gathered> gathered_;  // per ifmap stream
  std::vector<int16_t> weight_words_;
  AffineStream walk_;  // the stream being gathered, simplified
};

}  // namespace accelsim
