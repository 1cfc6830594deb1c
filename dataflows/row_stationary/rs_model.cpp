// The analytical model of a row-stationary mapping: exact access counts of the
// loop nest in schedule.h (no zero gating, no compression), summed over the
// distinct tile, block and pass sizes rather than simulated. The engine must
// count the same numbers when nothing contends (tests/crosscheck).

#include <algorithm>

#include "dataflows/row_stationary/row_stationary.h"
#include "dataflows/row_stationary/rs_params.h"

namespace accelsim {
namespace {

long long ceil_div(long long a, long long b) { return (a + b - 1) / b; }

struct SizeCount {
  int size;
  long long count;
};

// `total` cut into steps of `step`: the full steps and the remainder.
std::vector<SizeCount> split(int total, int step) {
  std::vector<SizeCount> parts;
  if (total / step > 0) parts.push_back({step, total / step});
  if (total % step > 0) parts.push_back({total % step, 1});
  return parts;
}

struct BlockClass {
  int channels;
  bool first, last;
  long long count;
};

std::vector<BlockClass> channel_blocks(int C, int step) {
  const int blocks = int(ceil_div(C, step));
  const int last = C - (blocks - 1) * step;
  if (blocks == 1) return {{last, true, true, 1}};
  std::vector<BlockClass> classes = {{step, true, false, 1}};
  if (blocks > 2) classes.push_back({step, false, false, blocks - 2});
  classes.push_back({last, false, true, 1});
  return classes;
}

class RsModel {
 public:
  RsModel(const RsParams& p, const LayerShape& s, const ArchSpec& arch)
      : p_(p), s_(s), arch_(arch), geometry_(rs_geometry(s)),
        columns_(int(geometry_.windows.columns.size())) {}

  ModelResult run() {
    const int strips = int(ceil_div(s_.E, p_.e));
    for (const auto& images : split(s_.batch, p_.n)) {
      for (int strip = 0; strip < strips; ++strip) {
        const int out_row0 = strip * p_.e;
        const int out_rows = std::min(p_.e, s_.E - out_row0);
        for (const auto& filters : split(s_.M, p_.m)) {
          tile(images.size, out_row0, out_rows, filters.size, images.count * filters.count);
        }
      }
    }
    result_.counts = result_.counts.scaled(s_.groups);
    result_.estimated_cycles *= s_.groups;
    result_.energy = price(result_.counts, arch_.energy).total();
    return result_;
  }

 private:
  void tile(int n, int out_row0, int e, int m, long long times) {
    AccessCounts tile_counts;
    long long tile_cycles = 0;
    const long long ofmap_words = 1LL * m * n * e * s_.F;
    add(tile_counts, Level::glb, DataType::ofmap, Action::read, ofmap_words);
    add(tile_counts, Level::dram, DataType::ofmap, Action::write, ofmap_words);
    tile_cycles += dram_cycles(ofmap_words);
    const int rows_in = s_.input_rows_for(e);
    const int row0 = out_row0 * s_.stride_h;
    const int real_rows = std::max(0, std::min(row0 + rows_in, s_.H - s_.pad_h) -
                                          std::max(row0, s_.pad_h));
    const int real_cols = s_.W - 2 * s_.pad_w;
    for (const auto& block : channel_blocks(s_.C, p_.q * p_.r)) {
      AccessCounts block_counts;
      const long long ifmap_words = 1LL * n * block.channels * real_rows * real_cols;
      add(block_counts, Level::dram, DataType::ifmap, Action::read, ifmap_words);
      add(block_counts, Level::glb, DataType::ifmap, Action::write,
          1LL * n * block.channels * rows_in * s_.W);
      long long block_cycles = dram_cycles(ifmap_words);
      for (const auto& filters : split(m, p_.p * p_.t)) {
        AccessCounts pass_counts;
        block_cycles += filters.count * pass(pass_counts, n, e, block.channels, filters.size,
                                             !block.first, block.last);
        block_counts += pass_counts.scaled(filters.count);
      }
      tile_counts += block_counts.scaled(block.count);
      tile_cycles += block_cycles * block.count;
    }
    result_.counts += tile_counts.scaled(times);
    result_.estimated_cycles += tile_cycles * times;
  }

  // Counts of one pass; returns its estimated cycles.
  long long pass(AccessCounts& c, int n, int e, int channels, int filters, bool accumulate,
                 bool final) {
    const int r = int(ceil_div(channels, p_.q)), t = int(ceil_div(filters, p_.p));
    const long long filter_words = 1LL * filters * channels * s_.R * s_.S;
    const Level staging = arch_.glb.filter_buffer_kb > 0 ? Level::filter_buffer : Level::glb;
    add(c, Level::dram, DataType::filter, Action::read, filter_words);
    add(c, staging, DataType::filter, Action::write, filter_words);
    add(c, staging, DataType::filter, Action::read, filter_words);
    add(c, Level::array, DataType::filter, Action::write, filter_words * e);
    add(c, Level::rf_filter, DataType::filter, Action::write, filter_words * e);

    const long long ifmap_reads =
        1LL * n * columns_ * channels * geometry_.distinct_rows[size_t(e)];
    const long long ifmap_deliveries = 1LL * n * columns_ * channels * s_.R * e * t;
    add(c, Level::glb, DataType::ifmap, Action::read, ifmap_reads);
    add(c, Level::array, DataType::ifmap, Action::write, ifmap_deliveries);
    add(c, Level::rf_ifmap, DataType::ifmap, Action::write, ifmap_deliveries);

    const long long macs = 1LL * n * s_.F * filters * channels * s_.R * s_.S * e;
    const long long outputs = 1LL * e * filters * n * s_.F;  // psums leaving the chains
    const long long hops = outputs * (s_.R * r - 1);         // local-link transfers
    const long long accumulations = hops + (accumulate ? outputs : 0);
    c.macs_issued += macs;
    add(c, Level::rf_ifmap, DataType::ifmap, Action::read, macs);
    add(c, Level::rf_filter, DataType::filter, Action::read, macs);
    add(c, Level::rf_psum, DataType::psum, Action::read, macs + accumulations);
    add(c, Level::rf_psum, DataType::psum, Action::write, macs + accumulations);
    add(c, Level::array, DataType::psum, Action::write, hops);
    if (accumulate) {
      add(c, Level::glb, DataType::psum, Action::read, outputs);
      add(c, Level::array, DataType::psum, Action::write, outputs);
    }
    const DataType out = final ? DataType::ofmap : DataType::psum;
    add(c, Level::array, out, Action::write, outputs);
    add(c, Level::glb, out, Action::write, outputs);

    // Estimate: load the filters, then the slowest of compute and the buses.
    const long long ramp = ceil_div(filter_words, arch_.noc.filter.bus_width_words);
    const long long per_pe =
        1LL * n * s_.F * std::min(filters, p_.p) * (1LL * std::min(channels, p_.q) * s_.S + 1);
    const long long bound = std::max(
        {per_pe, ceil_div(ifmap_reads, arch_.noc.ifmap.bus_width_words),
         ceil_div(outputs, arch_.noc.output_bus_width_words),
         accumulate ? ceil_div(outputs, arch_.noc.psum.bus_width_words) : 0LL});
    return ramp + bound + arch_.pe.mac_pipeline_stages + s_.R * r;
  }

  long long dram_cycles(long long words) const {
    const double words_per_core_cycle = arch_.dram.link_width_bits / double(arch_.word_bits) *
                                        arch_.dram.clock_mhz / arch_.clock_mhz;
    return (long long)(double(words) / words_per_core_cycle) + arch_.dram.latency_cycles;
  }

  static void add(AccessCounts& c, Level l, DataType t, Action a, long long words) {
    c.at(l, t, a) += words;
  }

  RsParams p_;
  LayerShape s_;
  const ArchSpec& arch_;
  const RsLayerGeometry& geometry_;
  int columns_;
  ModelResult result_;
};

}  // namespace

ModelResult RowStationary::analyze(const Mapping& mapping, const LayerShape& shape,
                                   const ArchSpec& arch) const {
  return RsModel(RsParams::from(mapping), shape, arch).run();
}

}  // namespace accelsim
