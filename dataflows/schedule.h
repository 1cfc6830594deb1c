#pragma once
// Plain data the engine runs: a layer's tiles, channel blocks and processing
// passes (the loop nest the mapping chose), and for each pass the array-level
// plan: which PE does what, what each network carries, how psums chain.
//
// Loop nest, outer to inner (DESIGN.md section 5, REFERENCE.md section 2):
//   tile   (group, images, output rows, filters): its psums stay in the GLB
//   block  (input channels): its ifmaps are loaded from DRAM into the GLB
//   pass   (filters of the tile): the array computes, psums go back to the GLB
// A tile's ofmaps go to DRAM after its last block.

#include <array>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <vector>

#include "dataflows/mapping.h"

namespace accelsim {

struct PassSlice {
  int filter0 = 0, filters = 0;  // within the tile
  int part = 0;                  // dataflow-specific: which share of the block's work
  int parts = 1;                 // how many shares the block's work has
  bool reuses_filters = false;   // the same weights as the pass before: none are fetched
};

struct ChannelBlock {
  int channel0 = 0, channels = 0;  // within the group
  std::vector<PassSlice> passes;
};

struct Tile {
  int group = 0;
  int image0 = 0, images = 0;
  int out_row0 = 0, out_rows = 0;
  int filter0 = 0, filters = 0;  // within the group
  std::vector<ChannelBlock> blocks;
};

// ---- The array-level plan of one pass -----------------------------------------
// A PE works in one of two modes.
//
// Window mode (row stationary, weight stationary): Eyeriss's 1-D convolution
// primitive. The PE holds stationary weights (`filters` x `channels` x taps of one
// filter row) in its filter scratchpad and a sliding window of one ifmap row in its
// ifmap scratchpad. For each segment (an image, or an (image, row) pair), each
// output column f and each filter k it accumulates channels x taps MACs, adds the
// psum arriving from below (if any) and sends the sum up its chain.
//
// Stream mode (output stationary, no local reuse): the PE runs `tasks` tasks of
// `macs_per_task` MACs; every MAC takes its ifmap word and its weight from the
// networks in the order the streams deliver them (nothing is reused from a
// scratchpad). A task's psum stays in the PE until its last MAC (output
// stationary), then takes the psum from below (if any) and goes up its chain.

// Addresses base + sum of index_i x stride_i over nested loops (outermost first).
struct AffineLoop {
  int count = 1;
  long long stride = 0;
};

// Up to kMaxAffineLoops loops, stored inline: a plan has a stream per PE and is
// built for every pass, so a heap block per stream would dominate planning.
constexpr size_t kMaxAffineLoops = 6;
class AffineLoops {
 public:
  AffineLoops() = default;
  AffineLoops(std::initializer_list<AffineLoop> loops) {
    for (const auto& loop : loops) push_back(loop);
  }
  void push_back(const AffineLoop& loop) {
    if (size_ == kMaxAffineLoops) throw std::length_error("an affine stream has too many loops");
    loops_[size_++] = loop;
  }
  void pop_back() { --size_; }
  void clear() { size_ = 0; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const AffineLoop& operator[](size_t i) const { return loops_[i]; }
  const AffineLoop& back() const { return loops_[size_ - 1]; }
  AffineLoop& back() { return loops_[size_ - 1]; }
  const AffineLoop* begin() const { return loops_.data(); }
  const AffineLoop* end() const { return loops_.data() + size_; }
  AffineLoop* begin() { return loops_.data(); }
  AffineLoop* end() { return loops_.data() + size_; }

 private:
  std::array<AffineLoop, kMaxAffineLoops> loops_{};
  size_t size_ = 0;
};

struct AffineStream {
  long long base = 0;
  AffineLoops loops;
  long long size() const;
  long long at(long long index) const;
};

// Walks an AffineStream in order without a division per element.
class AffineCursor {
 public:
  explicit AffineCursor(const AffineStream& stream)
      : stream_(stream), address_(stream.base) {}
  long long address() const { return address_; }
  // Jumps to the `index`-th address.
  void seek(long long index) {
    address_ = stream_.base;
    for (size_t i = stream_.loops.size(); i-- > 0;) {
      index_[i] = int(index % stream_.loops[i].count);
      index /= stream_.loops[i].count;
      address_ += index_[i] * stream_.loops[i].stride;
    }
  }
  void next() {
    for (size_t i = stream_.loops.size(); i-- > 0;) {
      address_ += stream_.loops[i].stride;
      if (++index_[i] < stream_.loops[i].count) return;
      address_ -= stream_.loops[i].stride * stream_.loops[i].count;
      index_[i] = 0;
    }
  }

 private:
  const AffineStream& stream_;
  std::array<int, kMaxAffineLoops> index_{};
  long long address_;
};

enum class PeMode { window, stream };

struct PePlan {
  int row = 0, col = 0;        // physical position in the array
  int chain = 0, level = 0;    // level 0 is the bottom of the chain
  PeMode mode = PeMode::window;
  // Window mode.
  int filters = 0;             // psums per output column (p')
  int channels = 0;            // ifmap words per input column (q')
  int row_stream = 0;          // index into PassPlan::row_streams
  int filter_stream = 0;       // index into PassPlan::filter_streams
  // Stream mode.
  int tasks = 0;
  int macs_per_task = 0;
  int ifmap_stream = 0;        // index into PassPlan::ifmap_streams
  int weight_stream = 0;       // index into PassPlan::weight_streams
};

// Window mode: one ifmap row per segment, `channels` channels, streamed column by
// column (the pass's `columns`, shifted by `col_offset`) over the ifmap GIN and
// multicast to every PE listed.
struct RowSegment {
  int image = 0;
  int row = 0;                     // padded input row within the GLB's ifmap block
};
struct RowStream {
  int channel0 = 0, channels = 0;  // within the GLB's ifmap block
  int col_offset = 0;
  std::vector<RowSegment> segments;
  std::vector<int> destinations;   // PE indices
};

// Weights of one pass, staged in the filter buffer in stream order: filters x
// channels x rows x taps (k, c, r, s; s fastest). Window-mode PEs listed as
// destinations load them into their filter scratchpad during the ramp-up.
struct FilterStream {
  int filter0 = 0, filters = 0;    // within the group
  int channel0 = 0, channels = 0;  // within the group
  int row0 = 0, rows = 1;          // filter rows
  int tap0 = 0, taps = 0;          // filter columns
  std::vector<int> destinations;
  long long words() const { return 1LL * filters * channels * rows * taps; }
};

// Stream mode: a sequence of words read from the GLB's ifmap block (addresses
// [image][channel][row][col] of the block) or from the staged filters, delivered
// in order to every PE listed.
struct WordStream {
  AffineStream addresses;
  std::vector<int> destinations;
};

// PEs whose psums add up, bottom to top. The top sends its task outputs over the
// GON to the GLB's psum tile at `outputs.at(task)`.
struct Chain {
  std::vector<int> pes;
  AffineStream outputs;            // psum tile address of each task's output
  bool psums_from_glb = false;     // the bottom PE adds psums read from the GLB
};

struct PassPlan {
  int segments = 0;                // window mode: segments per PE
  int out_cols = 0;                // F: output columns per row
  int taps = 0;                    // window mode: taps per PE
  std::vector<int> columns;        // padded input columns a row stream carries, ascending
  std::vector<std::vector<int>> window;  // window[f][s]: index into `columns`
  std::vector<PePlan> pes;
  std::vector<RowStream> row_streams;
  std::vector<FilterStream> filter_streams;
  std::vector<WordStream> ifmap_streams;
  std::vector<WordStream> weight_streams;
  std::vector<Chain> chains;
  bool final_psums = false;        // the chains produce finished ofmaps
  bool register_file = true;       // false: no scratchpads (operands and psums in registers)
  PeOp op = PeOp::mac;             // max: no filter or weight streams, PEs take the maximum

  long long filter_words() const;
};

// What a pass's timing depends on, read from the planner's inputs without planning
// the pass: exact mode's pass memo (sim/engine/exact/pass_memo.h) finds a pass's
// timing by these before it builds the plan's own key. The promise, within one
// schedule: two passes with equal inputs have plans equal in everything that key
// holds (the plan's structure, the psum addresses relative to the first chain's
// first output), except where in its GLB row that first output lies, which the
// engine reads from `first_psum`. Positions that only move ifmap or weight
// addresses are left out, so most passes of a layer share a handful of inputs.
// Checked on random shapes by tests/unit/pass_inputs_test.cpp.
struct PassTimingInputs {
  std::vector<int> shape;    // the planner's own fields, in its own order
  long long first_psum = 0;  // psum tile address of the first chain's first output
};

class PassPlanner {
 public:
  virtual ~PassPlanner() = default;
  virtual PassPlan plan(const Tile& tile, const ChannelBlock& block,
                        const PassSlice& pass) const = 0;
  // Fills `plan` with what plan() returns, reusing the capacity of its vectors
  // (plans are built for every pass: a plan's heap blocks cost as much as its MACs).
  virtual void plan_into(const Tile& tile, const ChannelBlock& block, const PassSlice& pass,
                         PassPlan& plan) const {
    plan = this->plan(tile, block, pass);
  }
  // Fills `inputs` (PassTimingInputs); false when the planner has none: the memo
  // then keys every pass by its plan.
  virtual bool timing_inputs(const Tile& /*tile*/, const ChannelBlock& /*block*/,
                             const PassSlice& /*pass*/, PassTimingInputs& /*inputs*/) const {
    return false;
  }
};

// A planner that fills plans in place: plan() is a fresh plan_into().
class InPlacePassPlanner : public PassPlanner {
 public:
  PassPlan plan(const Tile& tile, const ChannelBlock& block,
                const PassSlice& pass) const final {
    PassPlan plan;
    plan_into(tile, block, pass, plan);
    return plan;
  }
  void plan_into(const Tile& tile, const ChannelBlock& block, const PassSlice& pass,
                 PassPlan& plan) const override = 0;
};

struct Schedule {
  LayerShape shape;
  Mapping mapping;
  std::vector<Tile> tiles;
  int glb_ifmap_banks = 0;  // the layer's split of the GLB banks
  int glb_psum_banks = 0;
  int active_pes = 0;       // PEs a full pass uses
  std::shared_ptr<const PassPlanner> planner;
};

}  // namespace accelsim
