// Lowers an output-stationary mapping: one (filter, pixel) per PE, operands
// streamed, psums kept in the PE until the block's reduction is done.

#include <algorithm>

#include "dataflows/output_stationary/os_params.h"
#include "dataflows/streamed.h"
#include "sim/common/int_math.h"

namespace accelsim {
namespace {

class OsPassPlanner : public InPlacePassPlanner {
 public:
  OsPassPlanner(OsVariant variant, const OsParams& params, const LayerShape& shape,
                const PeArraySpec& array)
      : variant_(variant), p_(params), s_(shape), array_(array) {}

  // Every field is set (the vectors resized, not cleared, so that their elements
  // keep their own vectors' capacity from the plan filled before).
  void plan_into(const Tile& tile, const ChannelBlock& block, const PassSlice& pass,
                 PassPlan& plan) const override {
    const int first_pixel = pass.part * p_.x;
    const int count = pixel_count(tile, pass);
    const int reduction = block.channels * s_.R * s_.S;
    plan.segments = plan.out_cols = plan.taps = 0;  // window mode's
    plan.columns.clear();
    plan.window.clear();
    plan.row_streams.clear();
    plan.register_file = true;
    plan.final_psums = block.channel0 + block.channels == s_.C;
    plan.filter_streams.resize(1);
    plan.filter_streams[0] =
        staged_block(s_, tile, block, pass.filter0, pass.filters, 0, block.channels);
    plan.ifmap_streams.resize(size_t(count));
    for (int i = 0; i < count; ++i) {
      const int pixel = first_pixel + i;
      WordStream& stream = plan.ifmap_streams[size_t(i)];
      stream.addresses = pixel_window_stream(s_, tile, block, pixel / s_.F, pixel % s_.F);
      stream.destinations.clear();
    }
    plan.weight_streams.resize(size_t(pass.filters));
    for (int k = 0; k < pass.filters; ++k) {
      WordStream& stream = plan.weight_streams[size_t(k)];
      stream.addresses = {1LL * k * reduction, {{tile.images, 0}, {reduction, 1}}};
      stream.destinations.clear();
    }
    plan.pes.resize(size_t(pass.filters) * size_t(count));
    plan.chains.resize(plan.pes.size());
    for (int k = 0; k < pass.filters; ++k) {
      for (int i = 0; i < count; ++i) plan_pe(tile, block, pass, k, i, count, plan);
    }
  }

  // The plan's structure depends on the tile's size, the pass's filters and
  // pixels (how many), the block's channels, and whether psums come from the GLB or
  // are final. The pixels' place only moves ifmap addresses and, with the filters'
  // place, the psum addresses, all by the same amount (first_psum): output (pixel,
  // filter) lies at pixel x the tile's filters + filter.
  bool timing_inputs(const Tile& tile, const ChannelBlock& block, const PassSlice& pass,
                     PassTimingInputs& inputs) const override {
    const int first_pixel = pass.part * p_.x;
    inputs.shape = {tile.images, tile.out_rows, tile.filters, pass.filters,
                    pixel_count(tile, pass), block.channels,
                    block.channel0 + block.channels == s_.C, block.channel0 > 0};
    inputs.first_psum =
        pixel_outputs(s_, tile, first_pixel / s_.F, first_pixel % s_.F, pass.filter0).base;
    return true;
  }

 private:
  int pixel_count(const Tile& tile, const PassSlice& pass) const {
    return std::min(p_.x, tile.out_rows * s_.F - pass.part * p_.x);
  }

  // PE (filter k, pixel i of the pass): plan.pes[k x count + i], alone on its chain.
  void plan_pe(const Tile& tile, const ChannelBlock& block, const PassSlice& pass, int k, int i,
               int count, PassPlan& plan) const {
    const int pixel = pass.part * p_.x + i;
    const int index = k * count + i;
    PePlan& pe = plan.pes[size_t(index)];
    pe = PePlan{};
    std::tie(pe.row, pe.col) = os_position(variant_, array_, k, i);
    pe.mode = PeMode::stream;
    pe.tasks = tile.images;
    pe.macs_per_task = block.channels * s_.R * s_.S;
    pe.ifmap_stream = i;
    pe.weight_stream = k;
    pe.chain = index;
    plan.ifmap_streams[size_t(i)].destinations.push_back(index);
    plan.weight_streams[size_t(k)].destinations.push_back(index);
    Chain& chain = plan.chains[size_t(index)];
    chain.pes.assign(1, index);
    chain.outputs = pixel_outputs(s_, tile, pixel / s_.F, pixel % s_.F, pass.filter0 + k);
    chain.psums_from_glb = block.channel0 > 0;
  }

 private:
  OsVariant variant_;
  OsParams p_;
  LayerShape s_;
  PeArraySpec array_;
};

}  // namespace

Schedule OutputStationary::lower(const Mapping& mapping, const LayerShape& shape,
                                 const ArchSpec& arch) const {
  const OsParams p = OsParams::from(mapping);
  return tiled_schedule(
      mapping, shape, arch, p.tiling(), 1LL * p.t * std::min(p.c, shape.C) * shape.R * shape.S,
      std::min(p.t, shape.M) * std::min(p.x, std::min(p.e, shape.E) * shape.F),
      std::make_shared<OsPassPlanner>(variant_, p, shape, arch.pe_array),
      [&](int, int out_rows) { return ceil_div(out_rows * shape.F, p.x); }, true);
}

}  // namespace accelsim
