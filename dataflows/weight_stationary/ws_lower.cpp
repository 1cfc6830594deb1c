// Lowers a weight-stationary mapping: lanes (channel group, r, s) on the PE rows,
// filter groups on the PE columns.

#include <algorithm>
#include <utility>

#include "dataflows/weight_stationary/weight_stationary.h"
#include "dataflows/weight_stationary/ws_params.h"
#include "sim/common/int_math.h"

namespace accelsim {
namespace {

// A pass's lanes of the block and what its psums do.
struct WsPass {
  int first_lane = 0, lane_count = 0;  // lane_count may be <= 0: no lanes
  int columns = 0;                     // filter groups of p
  bool final_psums = false, from_glb = false;
};

class WsPassPlanner : public InPlacePassPlanner {
 public:
  WsPassPlanner(const WsParams& params, const LayerShape& shape) : p_(params), s_(shape) {}

  // Every field is set (the vectors resized, not cleared, so that their elements
  // keep their own vectors' capacity from the plan filled before).
  void plan_into(const Tile& tile, const ChannelBlock& block, const PassSlice& pass,
                 PassPlan& plan) const override {
    const WsPass w = pass_of(block, pass);
    // The paper's PEs keep no psum: each sum passes through the adder on its way up.
    plan.register_file = p_.psum_buffer;
    plan.segments = tile.images * tile.out_rows;
    plan.out_cols = s_.F;
    plan.taps = 1;
    plan.final_psums = w.final_psums;
    plan.columns.resize(size_t(s_.F));
    plan.window.resize(size_t(s_.F));
    for (int f = 0; f < s_.F; ++f) {
      plan.columns[size_t(f)] = f * s_.stride_w;
      plan.window[size_t(f)].assign(1, f);
    }
    plan.ifmap_streams.clear();
    plan.weight_streams.clear();
    const long long row_words = 1LL * s_.F * tile.filters;
    plan.chains.resize(size_t(w.columns));
    for (int col = 0; col < w.columns; ++col) {
      Chain& chain = plan.chains[size_t(col)];
      chain.pes.clear();
      chain.outputs = {pass.filter0 + col * p_.p,
                       {{tile.images, tile.out_rows * row_words},
                        {tile.out_rows, row_words},
                        {s_.F, tile.filters},
                        {std::min(p_.p, pass.filters - col * p_.p), 1}}};
      chain.psums_from_glb = w.from_glb;
    }
    const size_t lanes = size_t(std::max(w.lane_count, 0));
    plan.row_streams.resize(lanes);
    plan.pes.resize(lanes * size_t(w.columns));
    plan.filter_streams.resize(plan.pes.size());
    for (size_t i = 0; i < lanes; ++i) plan_lane(tile, block, pass, w, int(i), plan);
  }

  // The plan's structure depends on the tile's size, the pass's filters, its lanes
  // (how many, and how many fall in the block's last channel group, which may be
  // narrower), and whether psums come from the GLB or are final. The lanes' r, s
  // and channels only move ifmap and weight addresses; the filters' place in the
  // tile only moves the psum addresses, all by the same amount (first_psum).
  bool timing_inputs(const Tile& tile, const ChannelBlock& block, const PassSlice& pass,
                     PassTimingInputs& inputs) const override {
    const WsPass w = pass_of(block, pass);
    const WsLanes lanes{block.channels, p_.q, s_.R * s_.S};
    const int last_group = lanes.groups() - 1;
    const int last_group_lane0 = last_group * s_.R * s_.S;
    const int narrow = std::max(0, w.first_lane + w.lane_count -
                                       std::max(w.first_lane, last_group_lane0));
    inputs.shape = {tile.images,  tile.out_rows, tile.filters, pass.filters,
                    w.lane_count, narrow,        lanes.group_channels(last_group),
                    w.final_psums, w.from_glb};
    inputs.first_psum = pass.filter0;
    return true;
  }

 private:
  WsPass pass_of(const ChannelBlock& block, const PassSlice& pass) const {
    const WsLanes lanes{block.channels, p_.q, s_.R * s_.S};
    WsPass w;
    w.first_lane = pass.part * p_.l;
    w.lane_count = std::min(lanes.count() - w.first_lane, p_.l);
    w.columns = ceil_div(pass.filters, p_.p);
    w.final_psums = block.channel0 + block.channels == s_.C && pass.part + 1 == pass.parts;
    w.from_glb = block.channel0 > 0 || pass.part > 0;
    return w;
  }

  // Lane i of the pass: its row stream, and its PEs (one per column) with their
  // filter streams; PE (i, col) is plan.pes[i x columns + col].
  void plan_lane(const Tile& tile, const ChannelBlock& block, const PassSlice& pass,
                 const WsPass& w, int i, PassPlan& plan) const {
    const WsLanes lanes{block.channels, p_.q, s_.R * s_.S};
    const int lane = w.first_lane + i;
    const int group = lane / (s_.R * s_.S), r = lane / s_.S % s_.R, s = lane % s_.S;
    const int channels = lanes.group_channels(group);
    RowStream& stream = plan.row_streams[size_t(i)];
    stream.channel0 = group * p_.q;
    stream.channels = channels;
    stream.col_offset = s * s_.dilation_w;
    stream.segments.clear();
    stream.destinations.clear();
    for (int image = 0; image < tile.images; ++image) {
      for (int row = 0; row < tile.out_rows; ++row) {
        stream.segments.push_back({image, row * s_.stride_h + r * s_.dilation_h});
      }
    }
    for (int col = 0; col < w.columns; ++col) {
      const int index = i * w.columns + col;
      PePlan& pe = plan.pes[size_t(index)];
      pe = PePlan{};
      pe.row = i;
      pe.col = col;
      pe.chain = col;
      pe.level = i;
      pe.filters = std::min(p_.p, pass.filters - col * p_.p);
      pe.channels = channels;
      pe.row_stream = i;
      pe.filter_stream = index;
      stream.destinations.push_back(index);
      FilterStream& filters = plan.filter_streams[size_t(index)];
      set_filter_stream(filters, tile.filter0 + pass.filter0 + col * p_.p, pe.filters,
                        block.channel0 + group * p_.q, channels, r, s);
      filters.destinations.assign(1, index);
      plan.chains[size_t(col)].pes.push_back(index);
    }
  }

  // One filter row's tap s of `filters` filters x `channels` channels.
  static void set_filter_stream(FilterStream& stream, int filter0, int filters, int channel0,
                                int channels, int r, int s) {
    stream.filter0 = filter0;
    stream.filters = filters;
    stream.channel0 = channel0;
    stream.channels = channels;
    stream.row0 = r;
    stream.rows = 1;
    stream.tap0 = s;
    stream.taps = 1;
  }

  WsParams p_;
  LayerShape s_;
};

}  // namespace

Schedule WeightStationary::lower(const Mapping& mapping, const LayerShape& shape,
                                 const ArchSpec& arch) const {
  const WsParams p = WsParams::from(mapping, variant_);
  const int lanes = WsLanes{std::min(p.c, shape.C), p.q, shape.R * shape.S}.count();
  return tiled_schedule(mapping, shape, arch, p.tiling(), 1LL * p.p * p.t * p.q * p.l,
                        std::min(p.l, lanes) * std::min(p.t, ceil_div(std::min(p.m, shape.M), p.p)),
                        std::make_shared<WsPassPlanner>(p, shape), [&](int channels, int) {
                          return ceil_div(WsLanes{channels, p.q, shape.R * shape.S}.count(), p.l);
                        });
}

}  // namespace accelsim
