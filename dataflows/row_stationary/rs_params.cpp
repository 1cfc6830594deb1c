#include "dataflows/row_stationary/rs_params.h"

#include "dataflows/tiling.h"
#include "sim/common/int_math.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <unordered_map>

namespace accelsim {
namespace {

std::string too_big(const std::string& what, long long need, long long have) {
  return what + " needs " + std::to_string(need) + ", has " + std::to_string(have);
}

}  // namespace

RsParams RsParams::from(const Mapping& mapping) {
  RsParams p;
  p.m = mapping.get("m");
  p.n = mapping.get("n");
  p.e = mapping.get("e");
  p.p = mapping.get("p");
  p.q = mapping.get("q");
  p.r = mapping.get("r");
  p.t = mapping.get("t");
  return p;
}

Mapping RsParams::to_mapping() const {
  return {"rs", {{"m", m}, {"n", n}, {"e", e}, {"p", p}, {"q", q}, {"r", r}, {"t", t}}};
}

namespace {

// Packs the t x segment blocks band by band, left to right, calling
// visit(block) for each; false when they do not all fit.
template <typename Visit>
bool pack_sets(int R, int e, int r, int t, const PeArraySpec& array, Visit visit) {
  const int height = R * r;
  if (height > array.rows) return false;
  const int segments = ceil_div(e, array.cols);
  const int bands = array.rows / height;
  int band = 0, col = 0;
  for (int set_t = 0; set_t < t; ++set_t) {
    int out_col0 = 0;
    for (int segment = 0; segment < segments; ++segment) {
      // Balanced segments: 27 columns on 14 become 14 + 13.
      const int width = e / segments + (segment < e % segments ? 1 : 0);
      if (col + width > array.cols) {
        ++band;
        col = 0;
      }
      if (band >= bands) return false;
      visit(RsPlacement::Block{set_t, segment, band * height, col, width, out_col0});
      col += width;
      out_col0 += width;
    }
  }
  return true;
}

}  // namespace

// Remembered per thread: the mapper asks for every candidate, and packing is a
// loop over up to every PE.
bool sets_fit(int R, int e, int r, int t, const PeArraySpec& array) {
  thread_local std::unordered_map<uint64_t, bool> known;
  const uint64_t key = uint64_t(R) | uint64_t(e) << 8 | uint64_t(r) << 24 | uint64_t(t) << 36 |
                       uint64_t(array.rows) << 52 | uint64_t(array.cols) << 58;
  const bool small = R < 256 && e < 65536 && r < 4096 && t < 65536 && array.rows < 64 &&
                     array.cols < 64;
  if (!small) return pack_sets(R, e, r, t, array, [](const RsPlacement::Block&) {});
  const auto found = known.find(key);
  if (found != known.end()) return found->second;
  const bool fits = pack_sets(R, e, r, t, array, [](const RsPlacement::Block&) {});
  if (known.size() > 1000000) known.clear();
  return known[key] = fits;
}

std::optional<RsPlacement> place_sets(int R, int e, int r, int t, const PeArraySpec& array) {
  RsPlacement placement;
  placement.height = R * r;
  const bool fits = pack_sets(R, e, r, t, array, [&](const RsPlacement::Block& block) {
    placement.blocks.push_back(block);
  });
  if (!fits) return std::nullopt;
  return placement;
}

ColumnWindows column_windows(const LayerShape& shape) {
  ColumnWindows result;
  std::set<int> needed;
  for (int f = 0; f < shape.F; ++f) {
    for (int s = 0; s < shape.S; ++s) needed.insert(f * shape.stride_w + s * shape.dilation_w);
  }
  result.columns.assign(needed.begin(), needed.end());
  result.window.assign(shape.F, std::vector<int>(shape.S));
  for (int f = 0; f < shape.F; ++f) {
    for (int s = 0; s < shape.S; ++s) {
      const int column = f * shape.stride_w + s * shape.dilation_w;
      result.window[f][s] = int(std::lower_bound(result.columns.begin(), result.columns.end(),
                                                 column) - result.columns.begin());
    }
    result.max_span = std::max(result.max_span, result.window[f][shape.S - 1] -
                                                    result.window[f][0] + 1);
  }
  return result;
}

int distinct_input_rows(const LayerShape& shape, int e) {
  std::vector<bool> used(size_t(shape.input_rows_for(std::max(e, 1))), false);
  int distinct = 0;
  for (int j = 0; j < e; ++j) {
    for (int i = 0; i < shape.R; ++i) {
      const size_t row = size_t(j * shape.stride_h + i * shape.dilation_h);
      if (!used[row]) ++distinct;
      used[row] = true;
    }
  }
  return distinct;
}

const RsLayerGeometry& rs_geometry(const LayerShape& shape) {
  thread_local RsLayerGeometry cached;
  thread_local bool valid = false;
  if (valid && cached.shape == shape) return cached;
  cached.shape = shape;
  cached.windows = column_windows(shape);
  cached.distinct_rows.assign(size_t(shape.E) + 1, 0);
  for (int e = 1; e <= shape.E; ++e) cached.distinct_rows[size_t(e)] = distinct_input_rows(shape, e);
  valid = true;
  return cached;
}

RsBuffers rs_buffers(const RsParams& p, const LayerShape& shape, const ArchSpec& arch) {
  RsBuffers b;
  const Tiling tiling{p.n, p.e, p.m, p.q * p.r, p.p * p.t};
  b.ifmap_words = tiling_ifmap_words(shape, tiling);
  b.psum_words = tiling_psum_words(shape, tiling);
  b.filter_words =
      1LL * std::min(p.p * p.t, shape.M) * std::min(p.q * p.r, shape.C) * shape.R * shape.S;
  const GlbSplit split = split_glb(arch, b.ifmap_words, b.psum_words, b.filter_words);
  b.fits = split.fits;
  b.reason = split.reason;
  b.ifmap_banks = split.ifmap_banks;
  b.psum_banks = split.psum_banks;
  return b;
}

std::string rs_check(const RsParams& p, const LayerShape& shape, const ArchSpec& arch) {
  const PeSpec& pe = arch.pe;
  if (pe.ifmap_spad_words == 0) return "row stationary needs a register file; this spec has none";
  if (shape.R > arch.pe_array.rows) {
    return "filter height R=" + std::to_string(shape.R) + " exceeds the " +
           std::to_string(arch.pe_array.rows) +
           " PE rows (a row-stationary PE set is R rows tall)";
  }
  const int values[] = {p.m, p.n, p.e, p.p, p.q, p.r, p.t};
  if (*std::min_element(std::begin(values), std::end(values)) < 1) return "parameters must be >= 1";
  if (p.n > shape.batch) return "n=" + std::to_string(p.n) + " exceeds the batch";
  if (p.e > shape.E) return "e=" + std::to_string(p.e) + " exceeds E=" + std::to_string(shape.E);
  if (p.q > shape.C) return "q=" + std::to_string(p.q) + " exceeds C=" + std::to_string(shape.C);
  if (p.q * (p.r - 1) >= shape.C) return "r sets on channels leave a set without channels";
  if (p.p > shape.M) return "p=" + std::to_string(p.p) + " exceeds M=" + std::to_string(shape.M);
  if (p.m > shape.M || p.p * p.t > p.m) return "need p*t <= m <= M";
  if (p.m % (p.p * p.t) != 0 && p.m != shape.M) return "m must be a multiple of p*t (or M)";
  if (p.p * (p.t - 1) >= p.m) return "t sets on filters leave a set without filters";
  if (p.p > pe.psum_spad_words) return too_big("psum spad (p)", p.p, pe.psum_spad_words);
  if (1LL * p.p * p.q * shape.S > pe.filter_spad_words) {
    return too_big("filter spad (p*q*S)", 1LL * p.p * p.q * shape.S, pe.filter_spad_words);
  }
  const int span = rs_geometry(shape).windows.max_span;
  if (1LL * p.q * span > pe.ifmap_spad_words) {
    return too_big("ifmap spad (q x window)", 1LL * p.q * span, pe.ifmap_spad_words);
  }
  if (!sets_fit(shape.R, p.e, p.r, p.t, arch.pe_array)) {
    return "r*t sets of " + std::to_string(shape.R) + "x" + std::to_string(p.e) +
           " PEs do not fit the " + std::to_string(arch.pe_array.rows) + "x" +
           std::to_string(arch.pe_array.cols) + " array";
  }
  const RsBuffers b = rs_buffers(p, shape, arch);
  if (!b.fits) return b.reason;
  return "";
}

}  // namespace accelsim
