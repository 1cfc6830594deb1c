// The analytical model of a weight-stationary mapping: exact counts of the loop
// nest (tiling.h), pass by pass class and lane share, as the engine counts them.

#include <algorithm>

#include "dataflows/weight_stationary/weight_stationary.h"
#include "dataflows/weight_stationary/ws_params.h"
#include "sim/common/int_math.h"

namespace accelsim {
namespace {

class WsModel : public TilingModel {
 public:
  WsModel(const WsParams& p, const LayerShape& s, const ArchSpec& arch)
      : TilingModel(s, arch), p_(p) {}

  ModelResult run() { return TilingModel::run(p_.tiling()); }

 private:
  void add_pass(const PassClass& pass) override {
    const WsLanes lanes{pass.channels, p_.q, s_.R * s_.S};
    const int parts = int(ceil_div(lanes.count(), p_.l));
    for (int part = 0; part < parts; ++part) {
      const int first = part * p_.l, last = std::min(lanes.count(), first + p_.l);
      add_share(pass, last - first, lanes.channels_of(first, last),
                !(pass.first_block && part == 0), pass.last_block && part == parts - 1);
    }
  }

  // One pass over `lanes` lanes holding `channels` channels in all.
  void add_share(const PassClass& pass, int lanes, long long channels, bool accumulate,
                 bool final) {
    const long long times = pass.count;
    const int t = int(ceil_div(pass.filters, p_.p));
    const long long positions = 1LL * pass.images * pass.out_rows * s_.F;  // per PE
    const long long staged = 1LL * pass.filters * channels;  // one word per PE each
    const Level staging = this->staging();
    for (Level level : {Level::dram, staging}) {
      add(level, DataType::filter, level == Level::dram ? Action::read : Action::write,
          staged * times);
    }
    add(staging, DataType::filter, Action::read, staged * times);
    add(Level::array, DataType::filter, Action::write, staged * times);
    add(Level::rf_filter, DataType::filter, Action::write, staged * times);

    const long long ifmap_words = positions * channels;  // one row stream per lane
    const long long deliveries = ifmap_words * t;
    const long long glb_reads = arch_.noc.ifmap.multicast ? ifmap_words : deliveries;
    add(Level::glb, DataType::ifmap, Action::read, glb_reads * times);
    add(Level::array, DataType::ifmap, Action::write, deliveries * times);
    add(Level::rf_ifmap, DataType::ifmap, Action::write, deliveries * times);

    const long long macs = positions * pass.filters * channels;
    const long long outputs = positions * pass.filters;
    const long long hops = outputs * (lanes - 1);
    const long long accumulations = hops + (accumulate ? outputs : 0);
    counts_.macs_issued += macs * times;
    add(Level::rf_ifmap, DataType::ifmap, Action::read, macs * times);
    add(Level::rf_filter, DataType::filter, Action::read, macs * times);
    if (p_.psum_buffer) {  // else sums only pass through the adder
      add(Level::rf_psum, DataType::psum, Action::read, (macs + accumulations) * times);
      add(Level::rf_psum, DataType::psum, Action::write, (macs + accumulations) * times);
    }
    add(Level::array, DataType::psum, Action::write, hops * times);
    if (accumulate) {
      add(Level::glb, DataType::psum, Action::read, outputs * times);
      add(Level::array, DataType::psum, Action::write, outputs * times);
    }
    const DataType out = final ? DataType::ofmap : DataType::psum;
    add(Level::array, out, Action::write, outputs * times);
    add(Level::glb, out, Action::write, outputs * times);

    estimated_cycles_ +=
        pass_cycles(pass, lanes, positions, staged, glb_reads, outputs, accumulate) * times;
  }

  // Estimate of one pass: the weights load lane by lane (so the first psums climb the
  // chain while the upper lanes load), then the positions stream at the rate of the
  // slowest of the PEs, the chain's skew (skew_cycles) and the networks.
  long long pass_cycles(const PassClass& pass, int lanes, long long positions, long long staged,
                        long long glb_reads, long long outputs, bool accumulate) const {
    const long long ramp = ceil_div(staged, arch_.noc.filter.bus_width_words);
    // A task is q MACs, plus the addition of the psum from below where there is one.
    const bool psum_input = lanes > 1 || accumulate;
    const long long per_position =
        std::min(pass.filters, p_.p) * (p_.q + (psum_input ? 1LL : 0LL));
    // The chain's latency counts one MAC and one addition of the first position.
    const long long start = std::max(ramp, ceil_div(ramp, lanes) +
                                               chain_latency_cycles(arch_, lanes)) +
                            per_position - 1 - (psum_input ? 1 : 0);
    // The first position is computed and climbs the chain within the start; the later
    // ones stream, sharing the networks.
    const long long later = positions - 1;
    const long long words = glb_reads / positions, sums = outputs / positions;
    return start +
           std::max({later * per_position, skew_cycles(lanes, later),
                     ceil_div(words * later, arch_.noc.ifmap.bus_width_words),
                     ceil_div(sums * later, arch_.noc.output_bus_width_words),
                     accumulate ? ceil_div(sums * later, arch_.noc.psum.bus_width_words) : 0LL,
                     // The columns run in step (they share the lanes' ifmap words), so
                     // their psums of a position share bank rows: one access per row.
                     psum_port_cycles(arch_,
                                      psum_rows_spanned(arch_, pass.filters) * later *
                                          (accumulate ? 2 : 1),
                                      psum_rows_spanned(arch_, pass.filters), psum_banks_)});
  }

  // The ifmap bus sends each input column to every lane in turn, in order, so the
  // bottom lane can run ahead of the top one only by what a PE buffers (its input FIFO
  // and its window of the scratchpad), while a psum needs a MAC pipeline and a link
  // hop per lane to climb the chain: the lanes advance `slack + 1` positions per climb.
  // Cycles for `positions` positions at that pace.
  long long skew_cycles(int lanes, long long positions) const {
    const long long climb = 1LL * (lanes - 1) * (arch_.pe.mac_pipeline_stages + 1) + 1;
    const long long slack = (arch_.pe.input_fifo_words + arch_.pe.ifmap_spad_words) / p_.q;
    return lanes > 1 ? ceil_div(positions * climb, slack + 1) : 0;
  }

  WsParams p_;
};

}  // namespace

ModelResult WeightStationary::analyze(const Mapping& mapping, const LayerShape& shape,
                                      const ArchSpec& arch) const {
  return WsModel(WsParams::from(mapping, variant_), shape, arch).run();
}

}  // namespace accelsim
