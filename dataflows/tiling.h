#pragma once
// The loop nest every dataflow shares (schedule.h): tiles of n images x e output
// rows x m filters whose psums stay in the GLB, channel blocks whose ifmaps are
// loaded from DRAM, passes of a group of filters (and, per dataflow, a share of
// the block's work). This file builds that nest for the schedule, counts its tile
// and block levels for the analytical models, and checks the GLB split.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "dataflows/dataflow.h"
#include "dataflows/schedule.h"
#include "sim/stats/access_counts.h"

namespace accelsim {

struct Tiling {
  int n = 1;               // images per tile
  int e = 1;               // output rows per tile
  int m = 1;               // filters per tile
  int block_channels = 1;  // channels per block
  int pass_filters = 1;    // filters per pass
};

// One distinct kind of pass, and how many passes of the layer are of that kind.
struct PassClass {
  int images = 0, out_rows = 0, channels = 0, filters = 0;
  bool first_block = false, last_block = false;
  long long count = 0;
};

// The tiles of the layer (groups outermost) with their blocks and passes; each
// pass of a block is split into `parts(block channels, tile out rows)` shares.
// With `parts_share_filters` the shares of a pass use the same weights, which the
// filter buffer keeps: only the first share fetches them.
std::vector<Tile> make_tiles(const LayerShape& shape, const Tiling& tiling,
                             const std::function<int(int channels, int out_rows)>& parts,
                             bool parts_share_filters = false);

// Adds the tile- and block-level counts of the nest (DRAM ifmap reads, GLB ifmap
// writes, GLB ofmap reads and DRAM ofmap writes; uncompressed) to `counts`, calls
// `pass` for each pass class, and returns the DRAM cycles the array waits for
// (estimate). Groups are included in the counts.
long long count_tiling(const LayerShape& shape, const ArchSpec& arch, const Tiling& tiling,
                       AccessCounts& counts, const std::function<void(const PassClass&)>& pass);

// Core cycles to move `words` over the DRAM link, plus its latency (estimate).
long long dram_core_cycles(const ArchSpec& arch, long long words);
// The DRAM link's words per core cycle.
double dram_words_per_core_cycle(const ArchSpec& arch);

// The engine's pass timing, in pieces the dataflows' estimates share.
// Cycles from a chain's last operands to its last psum leaving the array: each of
// its `levels` PEs spends its MAC pipeline on the sum, and one more cycle to add the
// psum from below (a link hop), then the top's output goes to the GON.
long long chain_latency_cycles(const ArchSpec& arch, int levels);
// Cycles the GLB's psum bank ports need for `accesses` psum reads and writes when the
// chains working at once touch `active_rows` distinct bank rows (spread over at most
// `psum_banks` banks): chains rarely meet in one row in the same cycle, so each access
// takes a port of its own.
long long psum_port_cycles(const ArchSpec& arch, long long accesses, long long active_rows,
                           int psum_banks);
// Bank rows that `words` consecutive psum addresses span.
long long psum_rows_spanned(const ArchSpec& arch, long long words);

// The GLB's per-layer bank split for these needs; `fits` false when they do not
// fit (filters are staged in the GLB when there is no filter buffer).
struct GlbSplit {
  bool fits = false;
  int ifmap_banks = 0, psum_banks = 0;
  std::string reason;
};
GlbSplit split_glb(const ArchSpec& arch, long long ifmap_words, long long psum_words,
                   long long pass_filter_words);
// Words the tiling's ifmap block and psum tile need.
long long tiling_ifmap_words(const LayerShape& shape, const Tiling& tiling);
long long tiling_psum_words(const LayerShape& shape, const Tiling& tiling);

// Values of x in [1, total] that give distinct ceil(total / x): the only ones worth
// trying for a tiling factor (others repeat a tile count with more waste).
std::vector<int> tiling_factors(int total);
// A coarser set for large spaces: ceil(total / 2^i), from total down to 1.
std::vector<int> halving_factors(int total);

// Calls take(x) for the distinct values of ceil(total / pieces), pieces = 1, 2, ...
// (the largest first), until take returns true: finds the largest tiling factor
// that fits without listing them all.
template <typename Take>
void largest_factor_first(int total, Take take) {
  // total + pieces cannot overflow: totals are layer extents, at most 2^28 (a matmul's
  // heads x batch; workloads/workload_limits.h).
  int previous = 0;
  for (int pieces = 1; pieces <= total; ++pieces) {
    const int x = (total + pieces - 1) / pieces;
    if (x == previous) continue;
    previous = x;
    if (take(x)) return;
  }
}

}  // namespace accelsim

namespace accelsim {

// Base of the dataflows' analytical models: counts the shared tile and block
// levels (count_tiling) and has the dataflow add each class of passes.
class TilingModel {
 public:
  TilingModel(const LayerShape& shape, const ArchSpec& arch) : s_(shape), arch_(arch) {}
  virtual ~TilingModel() = default;
  // Counts, cycle estimate and priced energy of the whole layer.
  ModelResult run(const Tiling& tiling);

 protected:
  virtual void add_pass(const PassClass& pass) = 0;
  void add(Level level, DataType type, Action action, long long words) {
    counts_.at(level, type, action) += words;
  }
  // Where a pass's weights wait: the filter buffer, or the GLB without one.
  Level staging() const {
    return arch_.glb.filter_buffer_kb > 0 ? Level::filter_buffer : Level::glb;
  }

  const LayerShape s_;
  const ArchSpec& arch_;
  int psum_banks_ = 1;  // the tiling's share of the GLB banks
  AccessCounts counts_;
  long long estimated_cycles_ = 0;            // processing: the passes
  long long estimated_dram_wait_cycles_ = 0;  // ifmap loads and ofmap stores
};

// A schedule on the shared nest: the GLB split for the tiling, the tiles (see
// make_tiles) and the dataflow's planner.
Schedule tiled_schedule(const Mapping& mapping, const LayerShape& shape, const ArchSpec& arch,
                        const Tiling& tiling, long long pass_filter_words, int active_pes,
                        std::shared_ptr<const PassPlanner> planner,
                        const std::function<int(int channels, int out_rows)>& parts,
                        bool parts_share_filters = false);

}  // namespace accelsim
