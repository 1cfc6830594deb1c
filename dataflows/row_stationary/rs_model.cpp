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

// `total` cut into steps of `step`: the full steps and the remainder (no
// allocation: the model runs for every candidate mapping).
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
          tile(images.size, out_row0, out_rows, filters.size,
               s_.groups * images.count * filters.count);
        }
      }
    }
    result_.energy = price(result_.counts, arch_.energy).total();
    return result_;
  }

 private:
  // Each level of the loop nest adds its counts `times` over (a multiplier, not
  // copies: the mapper runs this for every candidate).
  void tile(int n, int out_row0, int e, int m, long long times) {
    const long long ofmap_words = 1LL * m * n * e * s_.F;
    add(Level::glb, DataType::ofmap, Action::read, ofmap_words * times);
    add(Level::dram, DataType::ofmap, Action::write, ofmap_words * times);
    result_.estimated_cycles += dram_cycles(ofmap_words) * times;
    const int rows_in = s_.input_rows_for(e);
    const int row0 = out_row0 * s_.stride_h;
    const int real_rows = std::max(0, std::min(row0 + rows_in, s_.H - s_.pad_h) -
                                          std::max(row0, s_.pad_h));
    const int real_cols = s_.W - 2 * s_.pad_w;
    for (const auto& block : channel_blocks(s_.C, p_.q * p_.r)) {
      const long long block_times = times * block.count;
      const long long ifmap_words = 1LL * n * block.channels * real_rows * real_cols;
      add(Level::dram, DataType::ifmap, Action::read, ifmap_words * block_times);
      add(Level::glb, DataType::ifmap, Action::write,
          1LL * n * block.channels * rows_in * s_.W * block_times);
      result_.estimated_cycles += dram_cycles(ifmap_words) * block_times;
      for (const auto& filters : split(m, p_.p * p_.t)) {
        pass(n, e, block.channels, filters.size, !block.first, block.last,
             block_times * filters.count);
      }
    }
  }

  void pass(int n, int e, int channels, int filters, bool accumulate, bool final,
            long long times) {
    const int r = int(ceil_div(channels, p_.q)), t = int(ceil_div(filters, p_.p));
    const long long filter_words = 1LL * filters * channels * s_.R * s_.S * times;
    const Level staging = arch_.glb.filter_buffer_kb > 0 ? Level::filter_buffer : Level::glb;
    add(Level::dram, DataType::filter, Action::read, filter_words);
    add(staging, DataType::filter, Action::write, filter_words);
    // Without multicast every delivery is its own read.
    add(staging, DataType::filter, Action::read,
        arch_.noc.filter.multicast ? filter_words : filter_words * e);
    add(Level::array, DataType::filter, Action::write, filter_words * e);
    add(Level::rf_filter, DataType::filter, Action::write, filter_words * e);

    const long long ifmap_reads =
        1LL * n * columns_ * channels * geometry_.distinct_rows[size_t(e)];
    const long long ifmap_deliveries = 1LL * n * columns_ * channels * s_.R * e * t * times;
    const long long glb_ifmap_reads =  // per pass
        arch_.noc.ifmap.multicast ? ifmap_reads : ifmap_deliveries / times;
    add(Level::glb, DataType::ifmap, Action::read, glb_ifmap_reads * times);
    add(Level::array, DataType::ifmap, Action::write, ifmap_deliveries);
    add(Level::rf_ifmap, DataType::ifmap, Action::write, ifmap_deliveries);

    const long long macs = 1LL * n * s_.F * filters * channels * s_.R * s_.S * e * times;
    const long long outputs = 1LL * e * filters * n * s_.F;  // psums leaving the chains
    const long long hops = outputs * (s_.R * r - 1) * times; // local-link transfers
    const long long accumulations = hops + (accumulate ? outputs * times : 0);
    result_.counts.macs_issued += macs;
    add(Level::rf_ifmap, DataType::ifmap, Action::read, macs);
    add(Level::rf_filter, DataType::filter, Action::read, macs);
    add(Level::rf_psum, DataType::psum, Action::read, macs + accumulations);
    add(Level::rf_psum, DataType::psum, Action::write, macs + accumulations);
    add(Level::array, DataType::psum, Action::write, hops);
    if (accumulate) {
      add(Level::glb, DataType::psum, Action::read, outputs * times);
      add(Level::array, DataType::psum, Action::write, outputs * times);
    }
    const DataType out = final ? DataType::ofmap : DataType::psum;
    add(Level::array, out, Action::write, outputs * times);
    add(Level::glb, out, Action::write, outputs * times);

    // Estimate: load the filters, then the slowest of compute and the buses.
    const long long ramp = ceil_div(filter_words / times, arch_.noc.filter.bus_width_words);
    const long long per_pe =
        1LL * n * s_.F * std::min(filters, p_.p) * (1LL * std::min(channels, p_.q) * s_.S + 1);
    const long long bound = std::max(
        {per_pe, ceil_div(glb_ifmap_reads, arch_.noc.ifmap.bus_width_words),
         ceil_div(outputs, arch_.noc.output_bus_width_words),
         accumulate ? ceil_div(outputs, arch_.noc.psum.bus_width_words) : 0LL});
    result_.estimated_cycles +=
        (ramp + bound + arch_.pe.mac_pipeline_stages + s_.R * r) * times;
  }

  long long dram_cycles(long long words) const {
    const double words_per_core_cycle = arch_.dram.link_width_bits / double(arch_.word_bits) *
                                        arch_.dram.clock_mhz / arch_.clock_mhz;
    return (long long)(double(words) / words_per_core_cycle) + arch_.dram.latency_cycles;
  }

  void add(Level l, DataType t, Action a, long long words) {
    result_.counts.at(l, t, a) += words;
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
