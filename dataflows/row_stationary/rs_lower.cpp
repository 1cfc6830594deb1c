// Lowers a row-stationary mapping to the schedule the engine runs: the loop nest
// of tiles, channel blocks and passes, and for each pass which PE holds which
// filter row, reads which ifmap row, and passes its psums to whom.

#include <algorithm>
#include <map>
#include <tuple>

#include "dataflows/row_stationary/row_stationary.h"
#include "dataflows/row_stationary/rs_params.h"
#include "dataflows/tiling.h"
#include "sim/common/int_math.h"

namespace accelsim {
namespace {

class RsPassPlanner : public PassPlanner {
 public:
  RsPassPlanner(const RsParams& params, const LayerShape& shape, const ArchSpec& arch)
      : p_(params), s_(shape), array_(arch.pe_array), windows_(column_windows(shape)) {}

  PassPlan plan(const Tile& tile, const ChannelBlock& block,
                const PassSlice& pass) const override {
    PassPlan plan;
    plan.segments = tile.images;
    plan.out_cols = s_.F;
    plan.taps = s_.S;
    plan.columns = windows_.columns;
    plan.window = windows_.window;
    plan.final_psums = block.channel0 + block.channels == s_.C;
    const int sets_r = ceil_div(block.channels, p_.q);
    const int sets_t = ceil_div(pass.filters, p_.p);
    const auto placement = place_sets(s_.R, tile.out_rows, sets_r, sets_t, array_);
    std::map<std::pair<int, int>, int> row_streams;             // (set_r, input row)
    std::map<std::tuple<int, int, int>, int> filter_streams;    // (set_t, set_r, filter row)
    std::map<std::pair<int, int>, int> chains;                  // (set_t, output row)
    for (const auto& b : placement->blocks) {
      const int filters = std::min(p_.p, pass.filters - b.set_t * p_.p);
      for (int set_r = 0; set_r < sets_r; ++set_r) {
        const int channels = std::min(p_.q, block.channels - set_r * p_.q);
        for (int i = 0; i < s_.R; ++i) {
          for (int col = 0; col < b.width; ++col) {
            const int out_row = b.out_col0 + col;
            PePlan pe;
            pe.level = set_r * s_.R + i;
            pe.row = b.row0 + placement->height - 1 - pe.level;
            pe.col = b.col0 + col;
            pe.filters = filters;
            pe.channels = channels;
            const int index = int(plan.pes.size());
            const int input_row = out_row * s_.stride_h + i * s_.dilation_h;
            pe.row_stream = stream_of(row_streams, {set_r, input_row}, plan.row_streams, [&] {
              RowStream stream{set_r * p_.q, channels, 0, {}, {}};
              for (int image = 0; image < tile.images; ++image) {
                stream.segments.push_back({image, input_row});
              }
              return stream;
            });
            plan.row_streams[pe.row_stream].destinations.push_back(index);
            pe.filter_stream =
                stream_of(filter_streams, {b.set_t, set_r, i}, plan.filter_streams, [&] {
                  return FilterStream{tile.filter0 + pass.filter0 + b.set_t * p_.p, filters,
                                      block.channel0 + set_r * p_.q, channels, i, 1, 0, s_.S,
                                      {}};
                });
            plan.filter_streams[pe.filter_stream].destinations.push_back(index);
            pe.chain = stream_of(chains, {b.set_t, out_row}, plan.chains, [&] {
              return Chain{{}, psum_outputs(tile, out_row, pass.filter0 + b.set_t * p_.p, filters),
                           block.channel0 > 0};
            });
            plan.pes.push_back(pe);
          }
        }
      }
    }
    for (size_t index = 0; index < plan.pes.size(); ++index) {
      plan.chains[size_t(plan.pes[index].chain)].pes.push_back(int(index));
    }
    for (auto& chain : plan.chains) {
      std::sort(chain.pes.begin(), chain.pes.end(),
                [&](int a, int b) { return plan.pes[size_t(a)].level < plan.pes[size_t(b)].level; });
    }
    return plan;
  }

 private:
  // Psum tile addresses ([image][row][col][filter]) of a chain's tasks, in the
  // order the PEs finish them: image, output column, filter.
  AffineStream psum_outputs(const Tile& tile, int out_row, int filter0, int filters) const {
    const long long row_words = 1LL * s_.F * tile.filters;
    return {out_row * row_words + filter0,
            {{tile.images, tile.out_rows * row_words}, {s_.F, tile.filters}, {filters, 1}}};
  }

  // The index of `key` in `items`, appending make() the first time.
  template <typename Key, typename Item, typename Make>
  static int stream_of(std::map<Key, int>& index, const Key& key, std::vector<Item>& items,
                       Make make) {
    const auto found = index.find(key);
    if (found != index.end()) return found->second;
    items.push_back(make());
    return index[key] = int(items.size()) - 1;
  }

  RsParams p_;
  LayerShape s_;
  PeArraySpec array_;
  ColumnWindows windows_;
};

}  // namespace

Schedule RowStationary::lower(const Mapping& mapping, const LayerShape& shape,
                              const ArchSpec& arch) const {
  const RsParams p = RsParams::from(mapping);
  const RsBuffers buffers = rs_buffers(p, shape, arch);
  return tiled_schedule(mapping, shape, arch, Tiling{p.n, p.e, p.m, p.q * p.r, p.p * p.t},
                        buffers.filter_words,
                        shape.R * p.e * std::min(p.r, ceil_div(shape.C, p.q)) *
                            std::min(p.t, ceil_div(std::min(p.m, shape.M), p.p)),
                        std::make_shared<RsPassPlanner>(p, shape, arch),
                        [](int, int) { return 1; });
}

}  // namespace accelsim
