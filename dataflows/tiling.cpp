#include "dataflows/tiling.h"

#include <algorithm>
#include <cmath>

#include "sim/common/int_math.h"

namespace accelsim {
namespace {

// A pooling layer's passes: the dataflow's plan without its filter and weight
// streams (nothing to fetch, stage, deliver or hold), its PEs taking the maximum.
class FilterlessPlanner : public PassPlanner {
 public:
  FilterlessPlanner(std::shared_ptr<const PassPlanner> planner, PeOp op)
      : planner_(std::move(planner)), op_(op) {}
  PassPlan plan(const Tile& tile, const ChannelBlock& block, const PassSlice& pass) const override {
    PassPlan plan = planner_->plan(tile, block, pass);
    plan.filter_streams.clear();
    plan.weight_streams.clear();
    plan.op = op_;
    return plan;
  }

 private:
  std::shared_ptr<const PassPlanner> planner_;
  PeOp op_;
};

// What a layer without filters does not count: every filter access, at every level.
void drop_filter_counts(AccessCounts& counts) {
  for (int level = 0; level < kLevelCount; ++level) {
    for (int action = 0; action < kActionCount; ++action) {
      counts.at(Level(level), DataType::filter, Action(action)) = 0;
    }
  }
}

struct SizeCount {
  int size;
  long long count;
};

// `total` cut into steps of `step`: the full steps and the remainder (no
// allocation: the models run for every candidate mapping).
struct Split {
  SizeCount parts[2];
  int size = 0;
  const SizeCount* begin() const { return parts; }
  const SizeCount* end() const { return parts + size; }
};
Split split(int total, int step) {
  Split result;
  if (total / step > 0) result.parts[result.size++] = {step, total / step};
  if (total % step > 0) result.parts[result.size++] = {total % step, 1};
  return result;
}

struct BlockClass {
  int channels;
  bool first, last;
  long long count;
};
struct BlockClasses {
  BlockClass classes[3];
  int size = 0;
  const BlockClass* begin() const { return classes; }
  const BlockClass* end() const { return classes + size; }
};
BlockClasses channel_blocks(int C, int step) {
  const int blocks = int(ceil_div(C, step));
  const int last = C - (blocks - 1) * step;
  BlockClasses result;
  if (blocks == 1) {
    result.classes[result.size++] = {last, true, true, 1};
    return result;
  }
  result.classes[result.size++] = {step, true, false, 1};
  if (blocks > 2) result.classes[result.size++] = {step, false, false, blocks - 2};
  result.classes[result.size++] = {last, false, true, 1};
  return result;
}

}  // namespace

std::vector<Tile> make_tiles(const LayerShape& shape, const Tiling& t,
                             const std::function<int(int, int)>& parts,
                             bool parts_share_filters) {
  std::vector<Tile> tiles;
  for (int group = 0; group < shape.groups; ++group) {
    for (int image0 = 0; image0 < shape.batch; image0 += t.n) {
      for (int row0 = 0; row0 < shape.E; row0 += t.e) {
        for (int filter0 = 0; filter0 < shape.M; filter0 += t.m) {
          Tile tile{group, image0, std::min(t.n, shape.batch - image0), row0,
                    std::min(t.e, shape.E - row0), filter0, std::min(t.m, shape.M - filter0),
                    {}};
          for (int channel0 = 0; channel0 < shape.C; channel0 += t.block_channels) {
            ChannelBlock block{channel0, std::min(t.block_channels, shape.C - channel0), {}};
            const int shares = parts(block.channels, tile.out_rows);
            for (int f0 = 0; f0 < tile.filters; f0 += t.pass_filters) {
              for (int part = 0; part < shares; ++part) {
                block.passes.push_back({f0, std::min(t.pass_filters, tile.filters - f0), part,
                                        shares, parts_share_filters && part > 0});
              }
            }
            tile.blocks.push_back(block);
          }
          tiles.push_back(tile);
        }
      }
    }
  }
  return tiles;
}

double dram_words_per_core_cycle(const ArchSpec& arch) {
  return arch.dram.link_width_bits / double(arch.word_bits) * arch.dram.clock_mhz / arch.clock_mhz;
}

long long dram_core_cycles(const ArchSpec& arch, long long words) {
  const double words_per_core_cycle = dram_words_per_core_cycle(arch);
  const double cycles = double(words) / words_per_core_cycle;
  // A slow DRAM clock (the spec allows 1 kHz beside a 100 GHz core) and many words
  // could pass 2^63: the cast would be undefined, so it is an error instead.
  if (!(cycles < 0x1p62)) {
    throw_overflow("DRAM cycles of one transfer", std::to_string(words) + " words at " +
                       std::to_string(words_per_core_cycle) + " words per core cycle",
                   "at most 2^62 cycles");
  }
  // The latency is in link cycles (arch_spec.h), as the engine's DramCore counts it.
  const double latency = arch.dram.latency_cycles * arch.clock_mhz / arch.dram.clock_mhz;
  return (long long)cycles + (long long)std::ceil(latency);
}

long long chain_latency_cycles(const ArchSpec& arch, int levels) {
  return 1LL * levels * (arch.pe.mac_pipeline_stages + 1) + 1;
}

long long psum_port_cycles(const ArchSpec& arch, long long accesses, long long active_rows,
                           int psum_banks) {
  const long long ports =
      std::max(1LL, std::min<long long>(active_rows, psum_banks)) * arch.glb.bank_ports;
  return ceil_div(accesses, ports);
}

long long psum_rows_spanned(const ArchSpec& arch, long long words) {
  return ceil_div(words, arch.glb.bank_width_bits / arch.word_bits);
}

namespace {

// Output-row strips with the same height and the same number of real (unpadded)
// input rows count alike: the first and last strips touch the padding.
struct StripClass {
  int out_rows, rows_in, real_rows;
  long long count;
};

std::vector<StripClass> strip_classes(const LayerShape& s, int e) {
  std::vector<StripClass> classes;
  for (int out_row0 = 0; out_row0 < s.E; out_row0 += e) {
    const int rows = std::min(e, s.E - out_row0);
    const int rows_in = s.input_rows_for(rows);
    const int row0 = out_row0 * s.stride_h;
    const int real_rows =
        std::max(0, std::min(row0 + rows_in, s.H - s.pad_h) - std::max(row0, s.pad_h));
    if (!classes.empty() && classes.back().out_rows == rows &&
        classes.back().real_rows == real_rows) {
      ++classes.back().count;
    } else {
      classes.push_back({rows, rows_in, real_rows, 1});
    }
  }
  return classes;
}

}  // namespace

long long count_tiling(const LayerShape& s, const ArchSpec& arch, const Tiling& t,
                       AccessCounts& counts, const std::function<void(const PassClass&)>& pass) {
  long long cycles = 0;
  const int real_cols = s.W - 2 * s.pad_w;
  const std::vector<StripClass> strips = strip_classes(s, t.e);
  for (const auto& images : split(s.batch, t.n)) {
    for (const auto& strip : strips) {
      const int e = strip.out_rows;
      for (const auto& filters : split(s.M, t.m)) {
        // At most batch x filters x E <= 2^16 x 2^20 x 2^20 (workloads/workload_limits.h).
        const long long times = 1LL * s.groups * images.count * filters.count * strip.count;
        const long long ofmap_words = 1LL * filters.size * images.size * e * s.F;
        // Checked: the workload limits bound each factor, not every product of them.
        const long long ofmap_total = checked_mul(ofmap_words, times, "ofmap words");
        counts.at(Level::glb, DataType::ofmap, Action::read) += ofmap_total;
        counts.at(Level::dram, DataType::ofmap, Action::write) += ofmap_total;
        cycles = checked_add(
            cycles, checked_mul(dram_core_cycles(arch, ofmap_words), times, "DRAM cycles"),
            "DRAM cycles");
        for (const auto& block : channel_blocks(s.C, t.block_channels)) {
          const long long block_times = checked_mul(times, block.count, "tile repeats");
          const long long ifmap_words =
              1LL * images.size * block.channels * strip.real_rows * real_cols;
          counts.at(Level::dram, DataType::ifmap, Action::read) +=
              checked_mul(ifmap_words, block_times, "ifmap words");
          counts.at(Level::glb, DataType::ifmap, Action::write) += checked_mul(
              1LL * images.size * block.channels * strip.rows_in * s.W, block_times,
              "ifmap words");
          cycles = checked_add(
              cycles,
              checked_mul(dram_core_cycles(arch, ifmap_words), block_times, "DRAM cycles"),
              "DRAM cycles");
          for (const auto& group : split(filters.size, t.pass_filters)) {
            pass({images.size, e, block.channels, group.size, block.first, block.last,
                  block_times * group.count});
          }
        }
      }
    }
  }
  return cycles;
}

GlbSplit split_glb(const ArchSpec& arch, long long ifmap_words, long long psum_words,
                   long long pass_filter_words) {
  GlbSplit split;
  const long long bank = arch.glb_words() / arch.glb.banks;
  const long long ifmap_need =
      ifmap_words + (arch.glb.filter_buffer_kb > 0 ? 0 : pass_filter_words);
  split.ifmap_banks = arch.glb.split == GlbSplitPolicy::fixed ? arch.glb.ifmap_banks
                                                              : int(ceil_div(ifmap_need, bank));
  split.psum_banks = arch.glb.banks - split.ifmap_banks;
  split.fits = split.ifmap_banks >= 1 && split.psum_banks >= 1 &&
               ifmap_need <= split.ifmap_banks * bank && psum_words <= split.psum_banks * bank;
  if (!split.fits) {
    split.reason = "GLB: ifmaps need " + std::to_string(ifmap_words) + " words and psums " +
                   std::to_string(psum_words) + " words, " + std::to_string(arch.glb.banks) +
                   " banks of " + std::to_string(bank) + " words";
  } else if (arch.glb.filter_buffer_kb > 0 && pass_filter_words > arch.filter_buffer_words()) {
    split.fits = false;
    split.reason = "filter buffer (one pass's filters) needs " +
                   std::to_string(pass_filter_words) + ", has " +
                   std::to_string(arch.filter_buffer_words());
  }
  return split;
}

long long tiling_ifmap_words(const LayerShape& s, const Tiling& t) {
  return 1LL * t.n * std::min(t.block_channels, s.C) * s.input_rows_for(t.e) * s.W;
}

long long tiling_psum_words(const LayerShape& s, const Tiling& t) {
  return 1LL * std::min(t.m, s.M) * t.n * t.e * s.F;
}

std::vector<int> tiling_factors(int total) {
  std::vector<int> values;  // ceil(total / pieces) never grows with pieces: skip repeats
  largest_factor_first(total, [&](int x) {
    values.push_back(x);
    return false;
  });
  return {values.rbegin(), values.rend()};
}

std::vector<int> halving_factors(int total) {
  std::vector<int> values;
  for (long long pieces = 1; pieces < 2LL * total; pieces *= 2) {
    const int x = int(ceil_div(total, pieces));
    if (values.empty() || values.back() != x) values.push_back(x);
  }
  return {values.rbegin(), values.rend()};
}

ModelResult TilingModel::run(const Tiling& tiling) {
  ModelResult result;
  psum_banks_ = split_glb(arch_, tiling_ifmap_words(s_, tiling), tiling_psum_words(s_, tiling), 0)
                    .psum_banks;
  // The passes add their cycles as they are counted; the DRAM transfers the array
  // waits for are kept apart: estimated_cycles is the array's processing cycles, as
  // the engine's processing_cycles (overwriting it with the DRAM cycles, as this
  // once did, left estimates far below the compute bound).
  estimated_dram_wait_cycles_ = count_tiling(s_, arch_, tiling, counts_,
                                             [this](const PassClass& pass) { add_pass(pass); });
  if (!s_.has_filters()) drop_filter_counts(counts_);
  result.counts = counts_;
  result.estimated_cycles = estimated_cycles_;
  result.estimated_dram_wait_cycles = estimated_dram_wait_cycles_;
  result.energy = price(counts_, arch_.energy).total();
  return result;
}

Schedule tiled_schedule(const Mapping& mapping, const LayerShape& shape, const ArchSpec& arch,
                        const Tiling& tiling, long long pass_filter_words, int active_pes,
                        std::shared_ptr<const PassPlanner> planner,
                        const std::function<int(int, int)>& parts, bool parts_share_filters) {
  Schedule schedule;
  schedule.shape = shape;
  schedule.mapping = mapping;
  const GlbSplit split = split_glb(arch, tiling_ifmap_words(shape, tiling),
                                   tiling_psum_words(shape, tiling), pass_filter_words);
  schedule.glb_ifmap_banks = split.ifmap_banks;
  schedule.glb_psum_banks = split.psum_banks;
  schedule.active_pes = active_pes;
  schedule.planner = shape.has_filters()
                         ? std::move(planner)
                         : std::make_shared<const FilterlessPlanner>(std::move(planner), shape.op);
  schedule.tiles = make_tiles(shape, tiling, parts, parts_share_filters);
  return schedule;
}

}  // namespace accelsim
