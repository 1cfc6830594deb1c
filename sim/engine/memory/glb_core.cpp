#include "sim/engine/memory/glb_core.h"

#include <algorithm>

namespace accelsim {

GlbCore::GlbCore(const ArchSpec& arch)
    : words_per_row_(arch.glb.bank_width_bits / arch.word_bits), ports_(arch.glb.bank_ports) {}

void GlbCore::configure_banks(int /*ifmap_banks*/, int psum_banks) {
  psum_banks_ = psum_banks;
  open_rows_.assign(size_t(psum_banks) * ports_, -1);
}

void GlbCore::resize_ifmap_block(int images, int channels, int rows, int cols) {
  ifmap_channels_ = channels;
  ifmap_rows_ = rows;
  ifmap_cols_ = cols;
  ifmap_.assign(size_t(images) * channels * rows * cols, 0);
}

void GlbCore::resize_psum_tile(int images, int rows, int cols, int filters) {
  psum_rows_ = rows;
  psum_cols_ = cols;
  psum_filters_ = filters;
  psum_.assign(size_t(images) * rows * cols * filters, 0);
}

void GlbCore::start_cycle() { std::fill(open_rows_.begin(), open_rows_.end(), -1); }

bool GlbCore::claim_psum_port(long long address, bool write) {
  const long long row = address / words_per_row_;
  const long long key = write ? -2 - row : row;
  long long* ports = &open_rows_[size_t(row % psum_banks_) * ports_];
  for (int port = 0; port < ports_; ++port) {
    if (ports[port] == key) return true;  // the row is already open this cycle
    if (ports[port] == -1) {
      ports[port] = key;
      return true;
    }
  }
  return false;
}

}  // namespace accelsim
