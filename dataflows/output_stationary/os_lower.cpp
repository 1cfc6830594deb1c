// Lowers an output-stationary mapping: one (filter, pixel) per PE, operands
// streamed, psums kept in the PE until the block's reduction is done.

#include <algorithm>

#include "dataflows/output_stationary/os_params.h"
#include "dataflows/streamed.h"
#include "sim/common/int_math.h"

namespace accelsim {
namespace {

class OsPassPlanner : public PassPlanner {
 public:
  OsPassPlanner(OsVariant variant, const OsParams& params, const LayerShape& shape,
                const PeArraySpec& array)
      : variant_(variant), p_(params), s_(shape), array_(array) {}

  PassPlan plan(const Tile& tile, const ChannelBlock& block,
                const PassSlice& pass) const override {
    const int pixels = tile.out_rows * s_.F;
    const int first_pixel = pass.part * p_.x;
    const int count = std::min(p_.x, pixels - first_pixel);
    const int reduction = block.channels * s_.R * s_.S;
    PassPlan plan;
    plan.final_psums = block.channel0 + block.channels == s_.C;
    plan.filter_streams.push_back(
        staged_block(s_, tile, block, pass.filter0, pass.filters, 0, block.channels));
    // Sized up front: plans are built for every pass.
    plan.ifmap_streams.resize(size_t(count));
    for (int i = 0; i < count; ++i) {
      const int pixel = first_pixel + i;
      plan.ifmap_streams[size_t(i)].addresses =
          pixel_window_stream(s_, tile, block, pixel / s_.F, pixel % s_.F);
      plan.ifmap_streams[size_t(i)].destinations.reserve(size_t(pass.filters));
    }
    plan.weight_streams.resize(size_t(pass.filters));
    for (int k = 0; k < pass.filters; ++k) {
      plan.weight_streams[size_t(k)].addresses = {1LL * k * reduction,
                                                  {{tile.images, 0}, {reduction, 1}}};
      plan.weight_streams[size_t(k)].destinations.reserve(size_t(count));
    }
    plan.pes.reserve(size_t(pass.filters) * size_t(count));
    plan.chains.reserve(plan.pes.capacity());
    for (int k = 0; k < pass.filters; ++k) {
      for (int i = 0; i < count; ++i) {
        const int pixel = first_pixel + i;
        PePlan pe;
        std::tie(pe.row, pe.col) = os_position(variant_, array_, k, i);
        pe.mode = PeMode::stream;
        pe.tasks = tile.images;
        pe.macs_per_task = reduction;
        pe.ifmap_stream = i;
        pe.weight_stream = k;
        pe.chain = int(plan.chains.size());
        const int index = int(plan.pes.size());
        plan.ifmap_streams[size_t(i)].destinations.push_back(index);
        plan.weight_streams[size_t(k)].destinations.push_back(index);
        plan.chains.push_back({{index},
                               pixel_outputs(s_, tile, pixel / s_.F, pixel % s_.F,
                                             pass.filter0 + k),
                               block.channel0 > 0});
        plan.pes.push_back(pe);
      }
    }
    return plan;
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
