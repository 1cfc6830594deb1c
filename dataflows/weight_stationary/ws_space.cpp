// The legal space of weight-stationary mappings.

#include <algorithm>

#include "dataflows/weight_stationary/weight_stationary.h"
#include "dataflows/weight_stationary/ws_params.h"
#include "sim/common/int_math.h"

namespace accelsim {
WsParams WsParams::from(const Mapping& mapping, WsVariant variant) {
  WsParams p;
  p.psum_buffer = variant == WsVariant::psum_buffer;
  p.m = mapping.get("m");
  p.n = mapping.get("n");
  p.e = mapping.get("e");
  p.c = mapping.get("c");
  p.p = p.psum_buffer ? mapping.get("p") : 1;
  p.q = p.psum_buffer ? mapping.get("q") : 1;
  p.l = mapping.get("l");
  p.t = mapping.get("t");
  return p;
}

Mapping WsParams::to_mapping() const {
  if (!psum_buffer) {
    return {"ws", {{"m", m}, {"n", n}, {"e", e}, {"c", c}, {"l", l}, {"t", t}}};
  }
  return {"ws-psum",
          {{"m", m}, {"n", n}, {"e", e}, {"c", c}, {"p", p}, {"q", q}, {"l", l}, {"t", t}}};
}

std::string WeightStationary::name() const {
  return variant_ == WsVariant::paper ? "ws" : "ws-psum";
}

std::string WeightStationary::long_name() const {
  return variant_ == WsVariant::paper
             ? "weight stationary"
             : "weight stationary with a psum buffer (accelsim variant)";
}

std::vector<std::string> WeightStationary::parameter_names() const {
  if (variant_ == WsVariant::paper) return {"m", "n", "e", "c", "l", "t"};
  return {"m", "n", "e", "c", "p", "q", "l", "t"};
}

long long WsLanes::channels_of(int first, int last) const {
  // Every lane has q channels but those of the last group, which may have fewer.
  const int last_group_first = (groups() - 1) * taps_per_group;
  const int in_last = std::max(0, last - std::max(first, last_group_first));
  return 1LL * (last - first) * q - 1LL * in_last * (q - group_channels(groups() - 1));
}

std::string ws_check(const WsParams& p, const LayerShape& s, const ArchSpec& arch) {
  const PeSpec& pe = arch.pe;
  if (pe.filter_spad_words == 0 || pe.ifmap_spad_words == 0) {
    return "weight stationary needs a register file for its weights (and an ifmap register); "
           "this spec has none";
  }
  const int values[] = {p.m, p.n, p.e, p.c, p.p, p.q, p.l, p.t};
  if (*std::min_element(std::begin(values), std::end(values)) < 1) return "parameters must be >= 1";
  if (p.n > s.batch) return "n=" + std::to_string(p.n) + " exceeds the batch";
  if (p.e > s.E) return "e=" + std::to_string(p.e) + " exceeds E=" + std::to_string(s.E);
  if (p.q > s.C || p.c > s.C) return "need q <= c <= C";
  if (p.c % p.q != 0 && p.c != s.C) return "c must be a multiple of q (or C)";
  if (p.p > s.M || p.m > s.M || p.p * p.t > p.m) return "need p*t <= m <= M";
  if (p.m % (p.p * p.t) != 0 && p.m != s.M) return "m must be a multiple of p*t (or M)";
  if (p.p * (p.t - 1) >= p.m) return "t filter groups leave a column without filters";
  if (p.l > arch.pe_array.rows) return "l=" + std::to_string(p.l) + " lanes exceed the PE rows";
  if (p.t > arch.pe_array.cols) return "t=" + std::to_string(p.t) + " exceeds the PE columns";
  if (p.l > WsLanes{p.c, p.q, s.R * s.S}.count()) return "more lanes than a block has";
  if (p.psum_buffer && p.p > pe.psum_spad_words) {
    return "psum spad (p) needs " + std::to_string(p.p);
  }
  if (p.q > pe.ifmap_spad_words) return "ifmap spad (q) needs " + std::to_string(p.q);
  if (p.p * p.q > pe.filter_spad_words) {
    return "filter spad (p*q) needs " + std::to_string(p.p * p.q) + ", has " +
           std::to_string(pe.filter_spad_words);
  }
  const Tiling tiling = p.tiling();
  const GlbSplit split = split_glb(arch, tiling_ifmap_words(s, tiling),
                                   tiling_psum_words(s, tiling), 1LL * p.p * p.t * p.q * p.l);
  return split.fits ? "" : split.reason;
}

std::string WeightStationary::check(const Mapping& mapping, const LayerShape& shape,
                                    const ArchSpec& arch) const {
  for (const auto& name : parameter_names()) {
    if (!mapping.has(name)) return "missing parameter " + name;
  }
  return ws_check(WsParams::from(mapping, variant_), shape, arch);
}

// For fixed p, q, c, t the most lanes a pass can take (a longer chain only saves
// psum round trips through the GLB) and the largest psum tile m that fits (it only
// saves DRAM re-reads) are the ones worth evaluating.
std::string WeightStationary::enumerate(const LayerShape& s, const ArchSpec& arch,
                                        const std::function<void(const Mapping&)>& visit) const {
  const bool psum_buffer = variant_ == WsVariant::psum_buffer;
  WsParams smallest_params;
  smallest_params.psum_buffer = psum_buffer;
  const std::string smallest = ws_check(smallest_params, s, arch);
  if (!smallest.empty()) return smallest;
  const std::vector<int> batches = tiling_factors(s.batch), rows = halving_factors(s.E);
  // The paper's variant holds one weight per PE: p = q = 1.
  const int max_p = psum_buffer ? std::min(arch.pe.psum_spad_words, s.M) : 1;
  for (int p = 1; p <= max_p; ++p) {
    const int max_q =
        psum_buffer ? std::min({s.C, arch.pe.ifmap_spad_words, arch.pe.filter_spad_words / p}) : 1;
    for (int q = 1; q <= max_q; ++q) {
      for (int groups : halving_factors(ceil_div(s.C, q))) {
        const int c = std::min(groups * q, s.C);
        const int l = std::min(arch.pe_array.rows, WsLanes{c, q, s.R * s.S}.count());
        for (int t = 1; t <= std::min(arch.pe_array.cols, ceil_div(s.M, p)); ++t) {
          for (int n : batches) {
            for (int e : rows) {
              largest_factor_first(ceil_div(s.M, p * t), [&](int k) {
                const WsParams params{std::min(k * p * t, s.M), n, e, c, p, q, l, t,
                                      psum_buffer};
                if (!ws_check(params, s, arch).empty()) return false;
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
