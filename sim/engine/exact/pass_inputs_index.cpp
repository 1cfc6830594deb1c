#include "sim/engine/exact/pass_inputs_index.h"

#include <cstring>

namespace accelsim {
namespace {

template <typename T>
void append(std::string& key, T value) {
  char bytes[sizeof value];
  std::memcpy(bytes, &value, sizeof value);
  key.append(bytes, sizeof value);
}

}  // namespace

void PassInputsIndex::start(const std::shared_ptr<const PassPlanner>& planner) {
  if (planner == planner_) return;
  planner_ = planner;
  entries_.clear();
}

// The plan's key holds the psum banks and where in its row the first chain's first
// output lies (pass_memo.cpp, put_psum_pattern); the planner's inputs hold the rest.
bool PassInputsIndex::make_key(const Tile& tile, const ChannelBlock& block, const PassSlice& pass,
                               const GlbCore& glb) {
  if (!planner_ || !planner_->timing_inputs(tile, block, pass, inputs_)) return false;
  key_.clear();
  for (int field : inputs_.shape) append(key_, field);
  append(key_, glb.psum_banks());
  const long long first = inputs_.first_psum;
  append(key_, glb.psum_row_of(first) * glb.psum_words_per_row() - first);
  return true;
}

const PassMemo::Entry* PassInputsIndex::find() const {
  const auto found = entries_.find(key_);
  return found == entries_.end() ? nullptr : found->second;
}

void PassInputsIndex::link(const PassMemo::Entry& entry) { entries_.emplace(key_, &entry); }

}  // namespace accelsim
