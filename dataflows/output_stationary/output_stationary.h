#pragma once
// Output stationary (ISCA 2016, section V): a psum stays in its PE's psum
// scratchpad until it is complete; every MAC streams its ifmap word and its
// weight over the networks (nothing else is kept in the PE). A pass puts t filters
// x x output pixels of the tile on the array, one (filter, pixel) per PE; each PE
// computes its pixel for every image of the tile, over the block's channels x R x
// S. Ifmap streams are multicast to the PEs of the same pixel, weight streams to
// the PEs of the same filter. Three variants differ in how the array is shared:
//   os-a: one filter, many pixels (ShiDianNao-like): t = 1, x up to all PEs
//   os-b: many filters x many pixels: t up to the PE rows, x up to the columns
//   os-c: many filters, one pixel: x = 1, t up to all PEs
// Parameters: m, n, e (the tile in the GLB), c (channels per block), t, x.

#include "dataflows/dataflow.h"

namespace accelsim {

enum class OsVariant { a, b, c };

class OutputStationary : public Dataflow {
 public:
  explicit OutputStationary(OsVariant variant) : variant_(variant) {}
  std::string name() const override;
  std::string long_name() const override;
  std::vector<std::string> parameter_names() const override {
    return {"m", "n", "e", "c", "t", "x"};
  }
  std::string check(const Mapping& mapping, const LayerShape& shape,
                    const ArchSpec& arch) const override;
  std::string enumerate(const LayerShape& shape, const ArchSpec& arch,
                        const std::function<void(const Mapping&)>& visit) const override;
  ModelResult analyze(const Mapping& mapping, const LayerShape& shape,
                      const ArchSpec& arch) const override;
  Schedule lower(const Mapping& mapping, const LayerShape& shape,
                 const ArchSpec& arch) const override;

 private:
  OsVariant variant_;
};

}  // namespace accelsim
