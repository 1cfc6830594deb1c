#pragma once
// Weight stationary (ISCA 2016, sections IV-A and VI-A; nn-X / NeuFlow-like): every
// PE keeps weights in its register file while all the operations that use them run.
// The PEs of a column are "lanes" (channel group, r, s) whose psums chain up the
// column; the columns work on different filters and share (multicast) the lanes'
// ifmap streams. Each lane streams the ifmap row its tap needs, shifted by its column
// offset, for every (image, output row) of the tile. Psums leave the array after each
// pass of lanes and return from the GLB for the next.
//
// Two variants:
//   ws       the paper's: "Each PE holds a single weight in the RF at a time. The psum
//            generated in a PE at each cycle is either passed to its neighbor PE or
//            stored back to the global buffer" (VI-A). One weight per PE; no psum is
//            kept or accumulated in a register file. Parameters m, n, e (the tile:
//            filters, images, output rows in the GLB), c (channels per block), l
//            (lanes per pass: PE rows), t (filters: PE columns).
//   ws-psum  an accelsim variant with a psum buffer: a PE holds p filters x q channels
//            of one tap, accumulates its q channels in the psum scratchpad and keeps p
//            psums per output column, reusing each ifmap word p times. Parameters
//            m, n, e, c, p (filters per PE), q (channels per PE), l, t (filter groups).

#include "dataflows/dataflow.h"

namespace accelsim {

enum class WsVariant { paper, psum_buffer };

class WeightStationary : public Dataflow {
 public:
  explicit WeightStationary(WsVariant variant = WsVariant::paper) : variant_(variant) {}
  std::string name() const override;
  std::string long_name() const override;
  std::vector<std::string> parameter_names() const override;
  std::string check(const Mapping& mapping, const LayerShape& shape,
                    const ArchSpec& arch) const override;
  std::string enumerate(const LayerShape& shape, const ArchSpec& arch,
                        const std::function<void(const Mapping&)>& visit) const override;
  ModelResult analyze(const Mapping& mapping, const LayerShape& shape,
                      const ArchSpec& arch) const override;
  Schedule lower(const Mapping& mapping, const LayerShape& shape,
                 const ArchSpec& arch) const override;

 private:
  WsVariant variant_;
};

}  // namespace accelsim
