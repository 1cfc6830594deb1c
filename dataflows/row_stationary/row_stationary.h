#pragma once
// Row stationary (Chen, Emer, Sze, ISCA 2016; JSSC 2017): each PE runs a 1-D
// convolution of one filter row with one ifmap row; a set of R x e PEs computes a
// 2-D convolution, reusing filter rows horizontally, ifmap rows diagonally and
// accumulating psums vertically.

#include "dataflows/dataflow.h"

namespace accelsim {

class RowStationary : public Dataflow {
 public:
  std::string name() const override { return "rs"; }
  std::string long_name() const override { return "row stationary"; }
  std::vector<std::string> parameter_names() const override {
    return {"m", "n", "e", "p", "q", "r", "t"};
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
