#pragma once
// No local reuse (ISCA 2016, section V; DianNao-like): PEs have no register file.
// Every MAC takes its ifmap word and its weight from the networks; reuse happens
// only through the array (an ifmap word is multicast to the PEs of its channel)
// and the GLB. The PE rows are l channel lanes whose psums add up each column (in
// the adders' registers, no scratchpad); the columns are t filters. Each PE
// computes, for every pixel of the tile, the R x S MACs of its (filter, channel).
// Parameters: m, n, e (the tile in the GLB), c (channels per block), l, t.

#include "dataflows/dataflow.h"

namespace accelsim {

class NoLocalReuse : public Dataflow {
 public:
  std::string name() const override { return "nlr"; }
  std::string long_name() const override { return "no local reuse"; }
  std::vector<std::string> parameter_names() const override {
    return {"m", "n", "e", "c", "l", "t"};
  }
  std::string check(const Mapping& mapping, const LayerShape& shape,
                    const ArchSpec& arch) const override;
  std::string enumerate(const LayerShape& shape, const ArchSpec& arch,
                        const std::function<void(const Mapping&)>& visit) const override;
  ModelResult analyze(const Mapping& mapping, const LayerShape& shape,
                      const ArchSpec& arch) const override;
  Schedule lower(const Mapping& mapping, const LayerShape& shape,
                 const ArchSpec& arch) const override;
};

}  // namespace accelsim
