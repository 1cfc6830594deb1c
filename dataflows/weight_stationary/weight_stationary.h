#pragma once
// Weight stationary (ISCA 2016, section V; nn-X / NeuFlow-like): every PE keeps a
// few weights in its register file while all the operations that use them run.
// A PE holds p filters x q channels of ONE filter tap (r, s); the PEs of a column
// are "lanes" (channel group, r, s) whose psums chain up the column; the columns
// work on different filters and share (multicast) the lanes' ifmap streams. Each
// lane streams the ifmap row its tap needs, shifted by its column offset, for
// every (image, output row) of the tile. Psums leave the array after each pass of
// lanes and return from the GLB for the next.
//
// Parameters: m, n, e (the tile: filters, images, output rows in the GLB), c
// (channels per block), p (filters per PE), q (channels per PE), l (lanes per
// pass: PE rows), t (filter groups: PE columns).

#include "dataflows/dataflow.h"

namespace accelsim {

class WeightStationary : public Dataflow {
 public:
  std::string name() const override { return "ws"; }
  std::string long_name() const override { return "weight stationary"; }
  std::vector<std::string> parameter_names() const override {
    return {"m", "n", "e", "c", "p", "q", "l", "t"};
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
