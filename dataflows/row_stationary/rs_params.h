#pragma once
// Row-stationary mapping parameters (Chen et al., JSSC 2017, Table II) and the
// geometry that follows from them: PE sets of R x e, strip-mining, splitting
// wide sets into segments, and placing r x t sets on the array.

#include <optional>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "dataflows/mapping.h"

namespace accelsim {

struct RsParams {
  int m = 1;  // filters whose psums the GLB keeps (a tile)
  int n = 1;  // images per pass
  int e = 1;  // output rows per PE set (the set's width)
  int p = 1;  // filters per PE
  int q = 1;  // channels per PE
  int r = 1;  // sets working on different channels (stacked: psums chain)
  int t = 1;  // sets working on different filters

  static RsParams from(const Mapping& mapping);
  Mapping to_mapping() const;
};

// Where the sets of one pass sit. A set of R x e PEs wider than the array is split
// into segments of at most `cols` columns; the r sets of one channel group chain
// their psums, so a (t, segment) block is R*r rows tall.
struct RsPlacement {
  struct Block {
    int set_t = 0, segment = 0;
    int row0 = 0, col0 = 0, width = 0;  // physical origin (top-left) and width
    int out_col0 = 0;                    // first output row of the set this segment covers
  };
  std::vector<Block> blocks;
  int height = 0;  // R * r
};

// nullopt when the sets do not fit on the array.
std::optional<RsPlacement> place_sets(int R, int e, int r, int t, const PeArraySpec& array);
bool sets_fit(int R, int e, int r, int t, const PeArraySpec& array);

// Padded input columns a PE row stream must carry (ascending), and for each output
// column f and tap s the index of its column in that list.
struct ColumnWindows {
  std::vector<int> columns;
  std::vector<std::vector<int>> window;  // [f][s]
  int max_span = 0;                      // most columns one output needs at once
};
ColumnWindows column_windows(const LayerShape& shape);

// Distinct input rows (within a strip) that a set of R x e PEs reads.
int distinct_input_rows(const LayerShape& shape, int e);

// What the mapper needs again and again for one layer, computed once: the column
// windows and the distinct input rows for every set width e (index e, 0..E).
struct RsLayerGeometry {
  LayerShape shape;
  ColumnWindows windows;
  std::vector<int> distinct_rows;
};
// The geometry of `shape`, cached for the last shape asked (per thread).
const RsLayerGeometry& rs_geometry(const LayerShape& shape);

struct RsBuffers {
  long long ifmap_words = 0;        // ifmap block in the GLB (padded rows)
  long long psum_words = 0;         // psum tile in the GLB
  long long filter_words = 0;       // one pass's filters
  int ifmap_banks = 0, psum_banks = 0;
  bool fits = false;        // in the GLB and the filter buffer
  std::string reason;       // why not
};
RsBuffers rs_buffers(const RsParams& params, const LayerShape& shape, const ArchSpec& arch);

// "" when legal, else the first rule broken.
std::string rs_check(const RsParams& params, const LayerShape& shape, const ArchSpec& arch);

}  // namespace accelsim
