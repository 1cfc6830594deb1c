#pragma once
// Output-stationary parameters (see output_stationary.h).

#include <string>
#include <utility>

#include "arch/arch_spec.h"
#include "dataflows/mapping.h"
#include "dataflows/output_stationary/output_stationary.h"
#include "dataflows/tiling.h"

namespace accelsim {

struct OsParams {
  int m = 1, n = 1, e = 1, c = 1, t = 1, x = 1;
  static OsParams from(const Mapping& mapping);
  Mapping to_mapping(const std::string& dataflow) const;
  Tiling tiling() const { return {n, e, m, c, t}; }
};

std::string os_check(OsVariant variant, const OsParams& p, const LayerShape& shape,
                     const ArchSpec& arch);
// (row, col) of the PE computing filter k (of the pass) at pixel i (of the pass).
std::pair<int, int> os_position(OsVariant variant, const PeArraySpec& array, int k, int i);

}  // namespace accelsim
