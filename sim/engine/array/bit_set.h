#pragma once
// A fixed-size set of small indices, for the pass's lists of PEs and chains that
// have something to move: finding the next member costs a word scan, not a visit
// of every index.

#include <cstdint>
#include <vector>

namespace accelsim {

class BitSet {
 public:
  void reset_all(size_t size) {
    size_ = size;
    words_.assign((size + 63) / 64, 0);
  }
  size_t size() const { return size_; }
  bool test(size_t i) const { return (words_[i / 64] >> (i % 64)) & 1; }
  void set(size_t i) { words_[i / 64] |= uint64_t(1) << (i % 64); }
  void reset(size_t i) { words_[i / 64] &= ~(uint64_t(1) << (i % 64)); }
  void assign(size_t i, bool value) { value ? set(i) : reset(i); }

  // The first member in [from, end), or end. Members may be added or removed
  // between calls: each call reads the current words.
  size_t next(size_t from, size_t end) const {
    if (from >= end) return end;
    size_t word = from / 64;
    uint64_t bits = words_[word] & (~uint64_t(0) << (from % 64));
    while (bits == 0) {
      if (++word * 64 >= end) return end;
      bits = words_[word];
    }
    const size_t found = word * 64 + size_t(__builtin_ctzll(bits));
    return found < end ? found : end;
  }

  // Round robin from `first`: visit(i) for each member i in first, ..., size - 1,
  // 0, ..., first - 1 (membership read as it is reached), until visit returns false.
  template <typename Visit>
  void visit_from(size_t first, Visit visit) const {
    for (size_t i = next(first, size_); i < size_; i = next(i + 1, size_)) {
      if (!visit(i)) return;
    }
    for (size_t i = next(0, first); i < first; i = next(i + 1, first)) {
      if (!visit(i)) return;
    }
  }

 private:
  std::vector<uint64_t> words_;
  size_t size_ = 0;
};

}  // namespace accelsim
