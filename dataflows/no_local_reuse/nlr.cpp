// No local reuse: the legal space, the analytical model and the lowering.

#include <algorithm>

#include "dataflows/no_local_reuse/no_local_reuse.h"
#include "dataflows/streamed.h"
#include "dataflows/tiling.h"
#include "sim/common/int_math.h"

namespace accelsim {
namespace {

struct NlrParams {
  int m = 1, n = 1, e = 1, c = 1, l = 1, t = 1;
  static NlrParams from(const Mapping& mapping) {
    return {mapping.get("m"), mapping.get("n"), mapping.get("e"),
            mapping.get("c"), mapping.get("l"), mapping.get("t")};
  }
  Mapping to_mapping() const {
    return {"nlr", {{"m", m}, {"n", n}, {"e", e}, {"c", c}, {"l", l}, {"t", t}}};
  }
  Tiling tiling() const { return {n, e, m, c, t}; }
};

std::string nlr_check(const NlrParams& p, const LayerShape& s, const ArchSpec& arch) {
  const int values[] = {p.m, p.n, p.e, p.c, p.l, p.t};
  if (*std::min_element(std::begin(values), std::end(values)) < 1) return "parameters must be >= 1";
  if (p.n > s.batch) return "n=" + std::to_string(p.n) + " exceeds the batch";
  if (p.e > s.E) return "e=" + std::to_string(p.e) + " exceeds E=" + std::to_string(s.E);
  if (p.l > p.c || p.c > s.C) return "need l <= c <= C";
  if (p.c % p.l != 0 && p.c != s.C) return "c must be a multiple of l (or C)";
  if (p.t > p.m || p.m > s.M) return "need t <= m <= M";
  if (p.m % p.t != 0 && p.m != s.M) return "m must be a multiple of t (or M)";
  if (p.l > arch.pe_array.rows) return "l=" + std::to_string(p.l) + " lanes exceed the PE rows";
  if (p.t > arch.pe_array.cols) return "t=" + std::to_string(p.t) + " exceeds the PE columns";
  const Tiling tiling = p.tiling();
  const GlbSplit split = split_glb(arch, tiling_ifmap_words(s, tiling),
                                   tiling_psum_words(s, tiling), 1LL * p.t * p.l * s.R * s.S);
  return split.fits ? "" : split.reason;
}

class NlrModel : public TilingModel {
 public:
  NlrModel(const NlrParams& p, const LayerShape& s, const ArchSpec& arch)
      : TilingModel(s, arch), p_(p) {}

  ModelResult run() { return TilingModel::run(p_.tiling()); }

 private:
  void add_pass(const PassClass& pass) override {
    const int parts = int(ceil_div(pass.channels, p_.l));
    for (int part = 0; part < parts; ++part) {
      add_share(pass, std::min(p_.l, pass.channels - part * p_.l),
                !(pass.first_block && part == 0), pass.last_block && part == parts - 1);
    }
  }

  void add_share(const PassClass& pass, int lanes, bool accumulate, bool final) {
    const long long times = pass.count, f = pass.filters;
    const long long taps = 1LL * s_.R * s_.S;
    const long long pixels = 1LL * pass.images * pass.out_rows * s_.F;
    const long long staged = f * lanes * taps;
    const long long macs = f * lanes * pixels * taps;
    const long long ifmap_words = lanes * pixels * taps;  // one stream per lane
    const long long ifmap_reads = arch_.noc.ifmap.multicast ? ifmap_words : macs;
    const long long outputs = f * pixels;
    const long long hops = outputs * (lanes - 1);
    const Level staging = this->staging();
    add(Level::dram, DataType::filter, Action::read, staged * times);
    add(staging, DataType::filter, Action::write, staged * times);
    add(staging, DataType::filter, Action::read, macs * times);  // a weight per MAC, unicast
    add(Level::array, DataType::filter, Action::write, macs * times);
    add(Level::glb, DataType::ifmap, Action::read, ifmap_reads * times);
    add(Level::array, DataType::ifmap, Action::write, macs * times);
    counts_.macs_issued += macs * times;
    add(Level::array, DataType::psum, Action::write, hops * times);
    if (accumulate) {
      add(Level::glb, DataType::psum, Action::read, outputs * times);
      add(Level::array, DataType::psum, Action::write, outputs * times);
    }
    const DataType out = final ? DataType::ofmap : DataType::psum;
    add(Level::array, out, Action::write, outputs * times);
    add(Level::glb, out, Action::write, outputs * times);
    // The t chains (filters) work on the same pixel at once.
    const bool psum_input = lanes > 1 || accumulate;
    const long long bound =
        std::max({pixels * (taps + (psum_input ? 1 : 0)),
                  ceil_div(ifmap_reads, arch_.noc.ifmap.bus_width_words),
                  ceil_div(macs, arch_.noc.filter.bus_width_words),
                  ceil_div(outputs, arch_.noc.output_bus_width_words),
                  accumulate ? ceil_div(outputs, arch_.noc.psum.bus_width_words) : 0LL,
                  psum_port_cycles(arch_, outputs * (accumulate ? 2 : 1),
                                   psum_rows_spanned(arch_, f), psum_banks_)});
    estimated_cycles_ += (bound + chain_latency_cycles(arch_, lanes)) * times;
  }

  NlrParams p_;
};

class NlrPassPlanner : public InPlacePassPlanner {
 public:
  NlrPassPlanner(const NlrParams& params, const LayerShape& shape) : p_(params), s_(shape) {}

  // Every field is set (the vectors resized, not cleared, so that their elements
  // keep their own vectors' capacity from the plan filled before).
  void plan_into(const Tile& tile, const ChannelBlock& block, const PassSlice& pass,
                 PassPlan& plan) const override {
    const int channel0 = pass.part * p_.l;
    const int lanes = lane_count(block, pass);
    plan.segments = plan.out_cols = plan.taps = 0;  // window mode's
    plan.columns.clear();
    plan.window.clear();
    plan.row_streams.clear();
    plan.register_file = false;
    plan.final_psums = final_psums(block, pass);
    plan.filter_streams.resize(1);
    plan.filter_streams[0] =
        staged_block(s_, tile, block, pass.filter0, pass.filters, channel0, lanes);
    plan.ifmap_streams.resize(size_t(lanes));
    for (int i = 0; i < lanes; ++i) {
      WordStream& stream = plan.ifmap_streams[size_t(i)];
      stream.addresses = channel_window_stream(s_, tile, block, channel0 + i);
      stream.destinations.clear();
    }
    plan.pes.resize(size_t(pass.filters) * size_t(lanes));
    plan.weight_streams.resize(plan.pes.size());
    plan.chains.resize(size_t(pass.filters));
    for (int k = 0; k < pass.filters; ++k) plan_chain(tile, block, pass, k, lanes, plan);
  }

  // The plan's structure depends on the tile's size, the pass's filters and lanes
  // (how many), and whether psums come from the GLB or are final. The lanes'
  // channels only move ifmap and weight addresses; the filters' place in the tile
  // only moves the psum addresses, all by the same amount (first_psum).
  bool timing_inputs(const Tile& tile, const ChannelBlock& block, const PassSlice& pass,
                     PassTimingInputs& inputs) const override {
    inputs.shape = {tile.images, tile.out_rows, tile.filters, pass.filters,
                    lane_count(block, pass), final_psums(block, pass), from_glb(block, pass)};
    inputs.first_psum = filter_outputs(s_, tile, pass.filter0).base;
    return true;
  }

 private:
  int lane_count(const ChannelBlock& block, const PassSlice& pass) const {
    return std::min(p_.l, block.channels - pass.part * p_.l);
  }
  bool final_psums(const ChannelBlock& block, const PassSlice& pass) const {
    return block.channel0 + block.channels == s_.C && pass.part + 1 == pass.parts;
  }
  bool from_glb(const ChannelBlock& block, const PassSlice& pass) const {
    return block.channel0 > 0 || pass.part > 0;
  }

  // Filter k's chain of `lanes` PEs (one per channel of the pass), bottom to top:
  // PE (k, lane i) is plan.pes[k x lanes + i], with its own weight stream.
  void plan_chain(const Tile& tile, const ChannelBlock& block, const PassSlice& pass, int k,
                  int lanes, PassPlan& plan) const {
    const int taps = s_.R * s_.S;
    const int pixels = tile.images * tile.out_rows * s_.F;
    Chain& chain = plan.chains[size_t(k)];
    chain.pes.clear();
    chain.outputs = filter_outputs(s_, tile, pass.filter0 + k);
    chain.psums_from_glb = from_glb(block, pass);
    for (int i = 0; i < lanes; ++i) {
      const int index = k * lanes + i;
      PePlan& pe = plan.pes[size_t(index)];
      pe = PePlan{};
      pe.row = i;
      pe.col = k;
      pe.mode = PeMode::stream;
      pe.tasks = pixels;
      pe.macs_per_task = taps;
      pe.ifmap_stream = i;
      pe.weight_stream = index;
      pe.chain = k;
      pe.level = i;
      WordStream& weights = plan.weight_streams[size_t(index)];
      weights.addresses = {1LL * index * taps, {{pixels, 0}, {taps, 1}}};
      weights.destinations.assign(1, index);
      plan.ifmap_streams[size_t(i)].destinations.push_back(index);
      chain.pes.push_back(index);
    }
  }

 private:
  NlrParams p_;
  LayerShape s_;
};

}  // namespace

std::string NoLocalReuse::check(const Mapping& mapping, const LayerShape& shape,
                                const ArchSpec& arch) const {
  for (const auto& name : parameter_names()) {
    if (!mapping.has(name)) return "missing parameter " + name;
  }
  return nlr_check(NlrParams::from(mapping), shape, arch);
}

// More lanes per pass only shorten the psums' trips through the GLB, so l is the
// most the array and the block allow; only the largest psum tile m that fits is
// evaluated.
std::string NoLocalReuse::enumerate(const LayerShape& s, const ArchSpec& arch,
                                    const std::function<void(const Mapping&)>& visit) const {
  const std::string smallest = nlr_check(NlrParams{}, s, arch);
  if (!smallest.empty()) return smallest;
  for (int t = 1; t <= std::min(arch.pe_array.cols, s.M); ++t) {
    for (int c : halving_factors(s.C)) {
      const int l = std::min(arch.pe_array.rows, c);
      for (int n : tiling_factors(s.batch)) {
        for (int e : halving_factors(s.E)) {
          largest_factor_first(int(ceil_div(s.M, t)), [&](int k) {
            const NlrParams params{std::min(k * t, s.M), n, e, c, l, t};
            if (!nlr_check(params, s, arch).empty()) return false;
            visit(params.to_mapping());
            return true;
          });
        }
      }
    }
  }
  return "";
}

ModelResult NoLocalReuse::analyze(const Mapping& mapping, const LayerShape& shape,
                                  const ArchSpec& arch) const {
  return NlrModel(NlrParams::from(mapping), shape, arch).run();
}

Schedule NoLocalReuse::lower(const Mapping& mapping, const LayerShape& shape,
                             const ArchSpec& arch) const {
  const NlrParams p = NlrParams::from(mapping);
  return tiled_schedule(mapping, shape, arch, p.tiling(), 1LL * p.t * p.l * shape.R * shape.S,
                        std::min(p.l, shape.C) * std::min(p.t, shape.M),
                        std::make_shared<NlrPassPlanner>(p, shape),
                        [&](int channels, int) { return int(ceil_div(channels, p.l)); });
}

}  // namespace accelsim
