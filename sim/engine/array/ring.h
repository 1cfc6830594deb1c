#pragma once
// A fixed-capacity FIFO without allocation on the hot path.

#include <cstddef>
#include <vector>

namespace accelsim {

using std::size_t;

template <typename T>
class Ring {
 public:
  void reset(int capacity) {
    items_.assign(size_t(capacity > 0 ? capacity : 1), T{});
    capacity_ = capacity;
    head_ = 0;
    size_ = 0;
  }
  int size() const { return size_; }
  int capacity() const { return capacity_; }
  int room() const { return capacity_ - size_; }
  bool empty() const { return size_ == 0; }
  bool full() const { return size_ >= capacity_; }
  const T& front() const { return items_[size_t(head_)]; }
  // The i-th oldest item.
  T& at(int i) { return items_[size_t(head_ + i < capacity_ ? head_ + i : head_ + i - capacity_)]; }
  const T& at(int i) const { return const_cast<Ring*>(this)->at(i); }
  void push(const T& item) {
    int tail = head_ + size_;
    if (tail >= capacity_) tail -= capacity_;
    items_[size_t(tail)] = item;
    ++size_;
  }
  T pop() {
    T item = items_[size_t(head_)];
    if (++head_ == capacity_) head_ = 0;
    --size_;
    return item;
  }

 private:
  std::vector<T> items_;
  int capacity_ = 0, head_ = 0, size_ = 0;
};

}  // namespace accelsim
