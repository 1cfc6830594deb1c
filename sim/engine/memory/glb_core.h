#pragma once
// The global buffer's contents and its bank ports. Per layer its banks are split
// between the ifmap block (padded rows of the current channel block) and the psum
// tile; one access reads or writes one bank row (bank_width_bits), and a bank
// serves bank_ports accesses per cycle. Words of one row read (or written) in the
// same cycle share one access. Plain C++: no SystemC.

#include <cstdint>
#include <vector>

#include "arch/arch_spec.h"

namespace accelsim {

class GlbCore {
 public:
  explicit GlbCore(const ArchSpec& arch);

  void configure_banks(int ifmap_banks, int psum_banks);

  // The ifmap block: [images][channels][rows][cols], padded rows and columns.
  void resize_ifmap_block(int images, int channels, int rows, int cols);
  int16_t& ifmap(int image, int channel, int row, int col) {
    return ifmap_[((size_t(image) * ifmap_channels_ + channel) * ifmap_rows_ + row) * ifmap_cols_ +
                  col];
  }
  long long ifmap_block_words() const { return (long long)ifmap_.size(); }
  // By flat address [image][channel][row][col] of the block (stream-mode operands).
  int16_t ifmap_at(long long address) const { return ifmap_[size_t(address)]; }

  // The psum tile: [images][rows][cols][filters] (filters innermost, so a PE's
  // consecutive psums share bank rows).
  void resize_psum_tile(int images, int rows, int cols, int filters);
  long long psum_address(int image, int row, int col, int filter) const {
    return ((1LL * image * psum_rows_ + row) * psum_cols_ + col) * psum_filters_ + filter;
  }
  int16_t& psum(long long address) { return psum_[size_t(address)]; }
  const std::vector<int16_t>& psum_tile() const { return psum_; }
  int psum_filters() const { return psum_filters_; }
  int psum_rows() const { return psum_rows_; }
  int psum_cols() const { return psum_cols_; }

  // Where a psum address lives: its bank row and its bank.
  long long psum_row_of(long long address) const { return address / words_per_row_; }
  int psum_bank_of(long long address) const { return int(psum_row_of(address) % psum_banks_); }
  int psum_banks() const { return psum_banks_; }
  int psum_words_per_row() const { return words_per_row_; }

  // Bank ports of the psum area, one cycle at a time.
  void start_cycle();
  // True when the access to `address` can proceed this cycle (and claims it).
  bool claim_psum_port(long long address, bool write);

 private:
  int words_per_row_;
  int ports_;
  int psum_banks_ = 1;
  // Per bank and port, the row opened this cycle (-1: free); writes are stored as
  // -2 - row so a read and a write of one row take two ports.
  std::vector<long long> open_rows_;
  std::vector<int16_t> ifmap_;
  int ifmap_channels_ = 0, ifmap_rows_ = 0, ifmap_cols_ = 0;
  std::vector<int16_t> psum_;
  int psum_rows_ = 0, psum_cols_ = 0, psum_filters_ = 0;
};

}  // namespace accelsim
