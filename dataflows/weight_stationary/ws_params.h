#pragma once
// Weight-stationary parameters and lane arithmetic (see weight_stationary.h).

#include <string>

#include "arch/arch_spec.h"
#include "dataflows/mapping.h"
#include "dataflows/tiling.h"
#include "dataflows/weight_stationary/weight_stationary.h"

namespace accelsim {

struct WsParams {
  int m = 1, n = 1, e = 1, c = 1, p = 1, q = 1, l = 1, t = 1;
  // Psums accumulate in the psum scratchpad (ws-psum); else they only pass through
  // the adder (the paper's ws: one weight per PE, p = q = 1).
  bool psum_buffer = false;
  // The paper's variant has no p and q: they are 1.
  static WsParams from(const Mapping& mapping, WsVariant variant);
  Mapping to_mapping() const;
  Tiling tiling() const { return {n, e, m, c, p * t}; }
};

// A block of `channels` channels has ceil(channels / q) channel groups x R x S
// lanes; lane j is (group j / (R S), row j / S % R, tap j % S).
struct WsLanes {
  int channels, q, taps_per_group;  // taps_per_group = R x S
  int groups() const { return (channels + q - 1) / q; }
  int count() const { return groups() * taps_per_group; }
  int group_channels(int group) const { return group + 1 < groups() ? q : channels - group * q; }
  // Sum of the channels of lanes [first, last).
  long long channels_of(int first, int last) const;
};

std::string ws_check(const WsParams& p, const LayerShape& shape, const ArchSpec& arch);

}  // namespace accelsim
