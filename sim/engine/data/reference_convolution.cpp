#include "sim/engine/data/reference_convolution.h"

#include <algorithm>

#include "sim/engine/data/fixed_point.h"

namespace accelsim {
namespace {

// Image n's input channels, padded: [group * C + c][row][col], H x W each.
void pad_image(const LayerData& data, int n, std::vector<int16_t>& padded) {
  const LayerShape& s = data.shape;
  const int height = data.ifmap_height(), width = data.ifmap_width();
  std::fill(padded.begin(), padded.end(), int16_t(0));
  for (int channel = 0; channel < s.groups * s.C; ++channel) {
    const int16_t* in = &data.ifmap[(size_t(n) * s.groups * s.C + channel) * height * width];
    int16_t* out = &padded[size_t(channel) * s.H * s.W];
    for (int h = 0; h < height; ++h) {
      std::copy_n(in + size_t(h) * width, width,
                  out + size_t(h + s.pad_h) * s.W + s.pad_w);
    }
  }
}

// One output plane out[e][f] of filter `filter` ([c][r][s]) over the padded
// channels, when the stride is 1 in both directions. Then
//   out[e][f] += in[c][e + r dh][f + s dw] x w[c][r][s]
// and, numbering output positions e x W + f over the padded width W, the input
// word is the one (r dh) x W + s dw further on: each (c, r, s) is a single
// accumulate_row over (E - 1) x W + F positions (those with f >= F are
// discarded). The positions are summed in chunks that stay in the L1 cache.
void unit_stride_plane(const LayerShape& s, const int16_t* channels, const int16_t* filter,
                       int shift, int16_t* out) {
  const size_t plane = size_t(s.H) * s.W;
  const size_t positions = size_t(s.E - 1) * s.W + s.F;
  const size_t chunk = 4096;
  std::vector<int16_t> wide(positions, 0);
  for (size_t start = 0; start < positions; start += chunk) {
    const int width = int(std::min(chunk, positions - start));
    for (int c = 0; c < s.C; ++c) {
      for (int r = 0; r < s.R; ++r) {
        for (int k = 0; k < s.S; ++k) {
          const int16_t* in = channels + c * plane + size_t(r * s.dilation_h) * s.W +
                              size_t(k * s.dilation_w) + start;
          const int16_t w = filter[(size_t(c) * s.R + r) * s.S + k];
          accumulate_row(&wide[start], in, 1, width, w, shift);
        }
      }
    }
  }
  for (int e = 0; e < s.E; ++e) std::copy_n(&wide[size_t(e) * s.W], s.F, out + size_t(e) * s.F);
}

// The same for any stride: row by row.
void strided_plane(const LayerShape& s, const int16_t* channels, const int16_t* filter,
                   int shift, int16_t* out) {
  const size_t plane = size_t(s.H) * s.W;
  for (int c = 0; c < s.C; ++c) {
    for (int r = 0; r < s.R; ++r) {
      for (int k = 0; k < s.S; ++k) {
        const int16_t w = filter[(size_t(c) * s.R + r) * s.S + k];
        for (int e = 0; e < s.E; ++e) {
          const int16_t* x = channels + c * plane +
                             size_t(e * s.stride_h + r * s.dilation_h) * s.W + k * s.dilation_w;
          accumulate_row(out + size_t(e) * s.F, x, s.stride_w, s.F, w, shift);
        }
      }
    }
  }
}

// Exact sums of 16 x 16-bit products, in lanes the compiler vectorizes: each 32-bit
// product p = high x 2^16 + low (low = p's unsigned low half, high = p >> 16, whose
// magnitude is at most 2^14), the halves summed in 32-bit lanes, exact for up to
// kExactTerms terms; folded into 64-bit totals before that. (Summed in 64-bit lanes,
// the range measurement took a third of an AlexNet run.)
constexpr int kExactTerms = 65535;

class ExactSums {
 public:
  explicit ExactSums(size_t size) : low_(size), high_(size), total_(size) {}

  // sums[at + f] += x[f * stride] x w for f < width.
  void add_row(size_t at, const int16_t* x, int stride, int width, int16_t w) {
    uint32_t* low = &low_[at];
    int32_t* high = &high_[at];
    for (int f = 0; f < width; ++f) {
      const int32_t product = int32_t(x[size_t(f) * size_t(stride)]) * w;
      low[f] += uint16_t(product);
      high[f] += int16_t(product >> 16);
    }
  }

  // Every sum got one more term.
  void term_added() {
    if (++terms_ == kExactTerms) fold();
  }

  // The largest magnitude among sums [at, at + count) (after the last term).
  long long largest_in(size_t at, size_t count) {
    if (terms_ > 0) fold();
    long long most = 0;
    for (size_t i = at; i < at + count; ++i) {
      most = std::max(most, total_[i] < 0 ? -total_[i] : total_[i]);
    }
    return most;
  }

  void clear() {
    std::fill(low_.begin(), low_.end(), 0u);
    std::fill(high_.begin(), high_.end(), 0);
    std::fill(total_.begin(), total_.end(), 0LL);
    terms_ = 0;
  }

 private:
  void fold() {
    for (size_t i = 0; i < total_.size(); ++i) {
      total_[i] += (long long)high_[i] * 65536 + (long long)low_[i];
      low_[i] = 0;
      high_[i] = 0;
    }
    terms_ = 0;
  }

  std::vector<uint32_t> low_;
  std::vector<int32_t> high_;
  std::vector<long long> total_;
  int terms_ = 0;
};

// One output plane's largest exact sum. With unit strides, output positions are
// numbered e x W + f over the padded width (as unit_stride_plane does), so each
// (c, r, s) adds one row of (E - 1) x W + F positions; those with f >= F are skipped.
long long largest_in_plane(const LayerShape& s, const int16_t* channels, const int16_t* filter,
                           ExactSums& sums) {
  const size_t plane = size_t(s.H) * s.W;
  const bool unit_stride = s.stride_h == 1 && s.stride_w == 1;
  const size_t row_words = unit_stride ? size_t(s.W) : size_t(s.F);
  const int rows = unit_stride ? 1 : s.E;
  const int width = unit_stride ? int(size_t(s.E - 1) * s.W + s.F) : s.F;
  sums.clear();
  for (int c = 0; c < s.C; ++c) {
    for (int r = 0; r < s.R; ++r) {
      for (int k = 0; k < s.S; ++k) {
        const int16_t w = filter[(size_t(c) * s.R + r) * s.S + k];
        if (w == 0) continue;
        for (int e = 0; e < rows; ++e) {
          const int16_t* x = channels + c * plane +
                             size_t(e * s.stride_h + r * s.dilation_h) * s.W + k * s.dilation_w;
          sums.add_row(size_t(e) * row_words, x, s.stride_w, width, w);
        }
        sums.term_added();
      }
    }
  }
  long long most = 0;
  for (int e = 0; e < s.E; ++e) {
    most = std::max(most, sums.largest_in(size_t(e) * row_words, size_t(s.F)));
  }
  return most;
}

// The exact dot product of n words (a filter covering the whole input: fc layers).
long long exact_dot(const int16_t* x, const int16_t* w, size_t n) {
  long long total = 0;
  for (size_t start = 0; start < n; start += kExactTerms) {
    const size_t end = std::min(n, start + kExactTerms);
    uint32_t low = 0;
    int32_t high = 0;
    for (size_t i = start; i < end; ++i) {
      const int32_t product = int32_t(x[i]) * w[i];
      low += uint16_t(product);
      high += int16_t(product >> 16);
    }
    total += (long long)high * 65536 + (long long)low;
  }
  return total;
}

// Whether a filter covers the whole (undilated) input, one output (fc layers): the
// output is the dot product of the padded input and the filter, both [c][r][s].
bool covers_whole_input(const LayerShape& s) {
  return s.E == 1 && s.F == 1 && s.R == s.H && s.S == s.W && s.dilation_h == 1 &&
         s.dilation_w == 1;
}

}  // namespace

long long largest_exact_sum(const LayerData& data) {
  const LayerShape& s = data.shape;
  const size_t plane = size_t(s.H) * s.W;
  const size_t filter_words = size_t(s.C) * s.R * s.S;
  const bool unit_stride = s.stride_h == 1 && s.stride_w == 1;
  std::vector<int16_t> padded(size_t(s.groups) * s.C * plane);
  ExactSums sums(unit_stride ? size_t(s.E) * s.W : size_t(s.E) * s.F);
  long long largest = 0;
  for (int n = 0; n < s.batch; ++n) {
    pad_image(data, n, padded);
    for (int g = 0; g < s.groups; ++g) {
      const int16_t* channels = &padded[size_t(g) * s.C * plane];
      for (int m = 0; m < s.M; ++m) {
        const int16_t* filter = &data.weights[(size_t(g) * s.M + m) * filter_words];
        const long long sum = covers_whole_input(s) ? exact_dot(channels, filter, filter_words)
                                                    : largest_in_plane(s, channels, filter, sums);
        largest = std::max(largest, sum < 0 ? -sum : sum);
      }
    }
  }
  return largest;
}

std::vector<int16_t> reference_convolution(const LayerData& data) {
  const LayerShape& s = data.shape;
  const size_t plane = size_t(s.H) * s.W;  // one padded input channel
  const size_t filter_words = size_t(s.C) * s.R * s.S;
  std::vector<int16_t> padded(size_t(s.groups) * s.C * plane);
  std::vector<int16_t> out(size_t(s.batch) * s.groups * s.M * s.E * s.F, 0);
  const bool whole_input = covers_whole_input(s);
  const bool unit_stride = s.stride_h == 1 && s.stride_w == 1;
  for (int n = 0; n < s.batch; ++n) {
    pad_image(data, n, padded);
    for (int g = 0; g < s.groups; ++g) {
      const int16_t* channels = &padded[size_t(g) * s.C * plane];
      for (int m = 0; m < s.M; ++m) {
        int16_t* out_plane = &out[((size_t(n) * s.groups + g) * s.M + m) * size_t(s.E) * s.F];
        const int16_t* filter = &data.weights[(size_t(g) * s.M + m) * filter_words];
        if (whole_input) {
          out_plane[0] = dot_product(channels, filter, int(filter_words), data.product_shift);
        } else if (unit_stride) {
          unit_stride_plane(s, channels, filter, data.product_shift, out_plane);
        } else {
          strided_plane(s, channels, filter, data.product_shift, out_plane);
        }
        const size_t plane_words = size_t(s.E) * s.F;
        for (size_t i = 0; i < plane_words; ++i) {
          out_plane[i] = data.written_value(1LL * g * s.M + m, out_plane[i]);
        }
      }
    }
  }
  return out;
}

}  // namespace accelsim
