// The analytical model of a row-stationary mapping: exact access counts of the
// loop nest in schedule.h (no zero gating, no compression), summed over the
// distinct tile, block and pass sizes rather than simulated. The engine must
// count the same numbers when nothing contends (tests/crosscheck).

#include <algorithm>

#include "dataflows/row_stationary/row_stationary.h"
#include "dataflows/row_stationary/rs_params.h"
#include "dataflows/tiling.h"
#include "sim/common/int_math.h"

namespace accelsim {
namespace {

class RsModel : public TilingModel {
 public:
  RsModel(const RsParams& p, const LayerShape& s, const ArchSpec& arch)
      : TilingModel(s, arch), p_(p), geometry_(rs_geometry(s)),
        columns_(int(geometry_.windows.columns.size())) {}

  ModelResult run() { return TilingModel::run(Tiling{p_.n, p_.e, p_.m, p_.q * p_.r, p_.p * p_.t}); }

 private:
  void add_pass(const PassClass& pass) override {
    const int n = pass.images, e = pass.out_rows, channels = pass.channels;
    const int filters = pass.filters;
    const bool accumulate = !pass.first_block, final = pass.last_block;
    const long long times = pass.count;
    const int r = int(ceil_div(channels, p_.q)), t = int(ceil_div(filters, p_.p));
    const long long filter_words = 1LL * filters * channels * s_.R * s_.S * times;
    const Level staging = this->staging();
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
    counts_.macs_issued += macs;
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

    estimated_cycles_ +=
        pass_cycles(n, e, channels, filters, r, t, accumulate, filter_words / times,
                    glb_ifmap_reads, outputs) *
        times;
  }

  // Estimate of one pass: the filters load (the ramp), then each PE computes its
  // tasks; the ifmap rows stream from the start, the PEs buffering what their FIFO
  // and spad hold until their weights are in; the chains' latency ends the pass.
  long long pass_cycles(int n, int e, int channels, int filters, int r, int t, bool accumulate,
                        long long staged_words, long long glb_ifmap_reads,
                        long long outputs) const {
    const int bus = arch_.noc.ifmap.bus_width_words;
    const long long ramp = ceil_div(staged_words, arch_.noc.filter.bus_width_words);
    const bool psum_input = s_.R * r > 1 || accumulate;
    const long long q = std::min(channels, p_.q);
    const long long column_words = glb_ifmap_reads / (1LL * n * columns_);  // all streams
    const long long per_output = std::max(std::min(filters, p_.p) * (q * s_.S + psum_input),
                                          refill_cycles(q, column_words / q));
    const long long per_pe = 1LL * n * s_.F * per_output;
    const long long buffered = std::min(
        ramp * bus, column_words * ((arch_.pe.input_fifo_words + arch_.pe.ifmap_spad_words) / q));
    const long long ifmap = std::max(ceil_div(glb_ifmap_reads, bus),
                                     ramp + ceil_div(glb_ifmap_reads - buffered, bus));
    // Each chain (a filter group's output row) works on its own bank row.
    const long long others = std::max(
        {ceil_div(outputs, arch_.noc.output_bus_width_words),
         accumulate ? ceil_div(outputs, arch_.noc.psum.bus_width_words) : 0LL,
         psum_port_cycles(arch_, outputs * (accumulate ? 2 : 1), 1LL * e * t, psum_banks_)});
    return std::max({ramp + per_pe, ifmap, ramp + others}) +
           chain_latency_cycles(arch_, s_.R * r);
  }

  // The ifmap bus serves the row streams in order. A PE holds its window (q channels x
  // the window's columns) while it computes an output; what its FIFO and the rest of
  // its spad cannot take of the next output's new columns arrives only once it moves
  // on, a word a cycle, while the bus waits on it: `streams` PEs one after the other.
  long long refill_cycles(long long q, long long streams) const {
    const long long room = arch_.pe.input_fifo_words + arch_.pe.ifmap_spad_words -
                           q * geometry_.windows.max_span;
    // Columns of the row stream (the ones some output needs) each output adds.
    const long long advance =
        s_.F > 1 ? (columns_ - geometry_.windows.max_span) / (s_.F - 1) : columns_;
    const long long deficit = q * advance - room;
    return deficit > 0 ? streams * deficit : 0;
  }

  RsParams p_;
  const RsLayerGeometry& geometry_;
  int columns_;
};

}  // namespace

ModelResult RowStationary::analyze(const Mapping& mapping, const LayerShape& shape,
                                   const ArchSpec& arch) const {
  return RsModel(RsParams::from(mapping), shape, arch).run();
}

}  // namespace accelsim
