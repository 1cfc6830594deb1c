// The legal space of row-stationary mappings.

#include <algorithm>
#include <set>

#include "dataflows/row_stationary/row_stationary.h"
#include "dataflows/row_stationary/rs_params.h"
#include "dataflows/tiling.h"
#include "sim/common/int_math.h"

namespace accelsim {
std::string RowStationary::check(const Mapping& mapping, const LayerShape& shape,
                                 const ArchSpec& arch) const {
  for (const auto& name : parameter_names()) {
    if (!mapping.has(name)) return "missing parameter " + name;
  }
  return rs_check(RsParams::from(mapping), shape, arch);
}

std::string RowStationary::enumerate(const LayerShape& shape, const ArchSpec& arch,
                                     const std::function<void(const Mapping&)>& visit) const {
  // A reason for the whole layer comes from the smallest mapping.
  const std::string smallest = rs_check(RsParams{1, 1, 1, 1, 1, 1, 1}, shape, arch);
  if (!smallest.empty()) return smallest;
  const int span = rs_geometry(shape).windows.max_span;
  const std::vector<int> strip_widths = tiling_factors(shape.E);
  const std::vector<int> batches = tiling_factors(shape.batch);
  const int max_p = std::min(arch.pe.psum_spad_words, shape.M);
  for (int p = 1; p <= max_p; ++p) {
    const int max_q = std::min({shape.C, arch.pe.ifmap_spad_words / span,
                                arch.pe.filter_spad_words / (p * shape.S)});
    for (int q = 1; q <= max_q; ++q) {
      const int max_r = std::min(ceil_div(shape.C, q), arch.pe_array.rows / shape.R);
      for (int r = 1; r <= max_r; ++r) {
        const int max_t = ceil_div(shape.M, p);
        // More sets on filters never fit once the narrowest strip does not.
        for (int t = 1; t <= max_t && sets_fit(shape.R, 1, r, t, arch.pe_array); ++t) {
          for (int e : strip_widths) {
            if (!sets_fit(shape.R, e, r, t, arch.pe_array)) continue;
            // For fixed n, e, p, q, r, t a larger psum tile m only saves ifmap
            // re-reads from DRAM (the passes and every other count stay the same), so
            // only the largest m that fits the GLB is worth evaluating.
            for (int n : batches) {
              largest_factor_first(ceil_div(shape.M, p * t), [&](int tiles) {
                const RsParams params{std::min(tiles * p * t, shape.M), n, e, p, q, r, t};
                if (!rs_check(params, shape, arch).empty()) return false;
                visit(params.to_mapping());
                return true;
              });
            }
          }
        }
      }
    }
  }
  return "";
}

}  // namespace accelsim
