// Lowers a weight-stationary mapping: lanes (channel group, r, s) on the PE rows,
// filter groups on the PE columns.

#include <algorithm>
#include <utility>

#include "dataflows/weight_stationary/weight_stationary.h"
#include "dataflows/weight_stationary/ws_params.h"
#include "sim/common/int_math.h"

namespace accelsim {
namespace {

class WsPassPlanner : public PassPlanner {
 public:
  WsPassPlanner(const WsParams& params, const LayerShape& shape) : p_(params), s_(shape) {}

  PassPlan plan(const Tile& tile, const ChannelBlock& block,
                const PassSlice& pass) const override {
    const WsLanes lanes{block.channels, p_.q, s_.R * s_.S};
    const int first_lane = pass.part * p_.l;
    const int lane_count = std::min(lanes.count() - first_lane, p_.l);
    const int columns = ceil_div(pass.filters, p_.p);
    PassPlan plan;
    // The paper's PEs keep no psum: each sum passes through the adder on its way up.
    plan.register_file = p_.psum_buffer;
    plan.segments = tile.images * tile.out_rows;
    plan.out_cols = s_.F;
    plan.taps = 1;
    // Sized up front: plans are built for every pass.
    plan.columns.reserve(size_t(s_.F));
    plan.window.reserve(size_t(s_.F));
    plan.chains.reserve(size_t(columns));
    plan.row_streams.reserve(size_t(std::max(lane_count, 0)));
    plan.pes.reserve(size_t(std::max(lane_count, 0)) * size_t(columns));
    plan.filter_streams.reserve(plan.pes.capacity());
    for (int f = 0; f < s_.F; ++f) {
      plan.columns.push_back(f * s_.stride_w);
      plan.window.push_back({f});
    }
    plan.final_psums =
        block.channel0 + block.channels == s_.C && pass.part + 1 == pass.parts;
    const bool from_glb = block.channel0 > 0 || pass.part > 0;
    const long long row_words = 1LL * s_.F * tile.filters;
    for (int col = 0; col < columns; ++col) {
      const int filters = std::min(p_.p, pass.filters - col * p_.p);
      const int filter0 = pass.filter0 + col * p_.p;
      plan.chains.push_back(Chain{{},
                                  {filter0,
                                   {{tile.images, tile.out_rows * row_words},
                                    {tile.out_rows, row_words},
                                    {s_.F, tile.filters},
                                    {filters, 1}}},
                                  from_glb});
      plan.chains.back().pes.reserve(size_t(std::max(lane_count, 0)));
    }
    for (int i = 0; i < lane_count; ++i) {
      const int lane = first_lane + i;
      const int group = lane / (s_.R * s_.S), r = lane / s_.S % s_.R, s = lane % s_.S;
      const int channels = lanes.group_channels(group);
      RowStream stream{group * p_.q, channels, s * s_.dilation_w, {}, {}};
      stream.segments.reserve(size_t(tile.images) * size_t(tile.out_rows));
      stream.destinations.reserve(size_t(columns));
      for (int image = 0; image < tile.images; ++image) {
        for (int row = 0; row < tile.out_rows; ++row) {
          stream.segments.push_back({image, row * s_.stride_h + r * s_.dilation_h});
        }
      }
      for (int col = 0; col < columns; ++col) {
        PePlan pe;
        pe.row = i;
        pe.col = col;
        pe.chain = col;
        pe.level = i;
        pe.filters = std::min(p_.p, pass.filters - col * p_.p);
        pe.channels = channels;
        pe.row_stream = int(plan.row_streams.size());
        pe.filter_stream = int(plan.filter_streams.size());
        const int index = int(plan.pes.size());
        stream.destinations.push_back(index);
        plan.filter_streams.push_back({tile.filter0 + pass.filter0 + col * p_.p, pe.filters,
                                       block.channel0 + group * p_.q, channels, r, 1, s, 1,
                                       {index}});
        plan.chains[size_t(col)].pes.push_back(index);
        plan.pes.push_back(pe);
      }
      plan.row_streams.push_back(std::move(stream));
    }
    return plan;
  }

 private:
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
