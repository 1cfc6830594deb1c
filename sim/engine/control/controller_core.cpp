#include "sim/engine/control/controller_core.h"

#include <stdexcept>

namespace accelsim {

using Kind = ControllerStep::Kind;

ControllerCore::ControllerCore(const Schedule& schedule, long long filter_buffer_words)
    : schedule_(schedule),
      prefetcher_(schedule, filter_buffer_words),
      phase_(Phase::prefetch),
      after_prefetch_(schedule.tiles.empty() ? Phase::done : Phase::start_tile) {}

ControllerStep ControllerCore::next() {
  while (phase_ == Phase::prefetch) {
    if (StagedPass* pass = prefetcher_.stage_next_fetch()) {
      return {Kind::fetch_filters, pass->tile, pass->block, pass};
    }
    phase_ = after_prefetch_;
  }
  const Tile* tile = tile_ < schedule_.tiles.size() ? &schedule_.tiles[tile_] : nullptr;
  switch (phase_) {
    case Phase::start_tile:
      block_ = 0;
      phase_ = tile->blocks.empty() ? Phase::store_ofmaps : Phase::load_ifmaps;
      return {Kind::start_tile, tile, nullptr, nullptr};
    case Phase::load_ifmaps: {
      const ChannelBlock* block = &tile->blocks[block_];
      pass_ = 0;
      if (block->passes.empty()) {
        after_block();
      } else {
        phase_ = Phase::prefetch;
        after_prefetch_ = Phase::run_pass;
      }
      return {Kind::load_ifmaps, tile, block, nullptr};
    }
    case Phase::run_pass:
      if (running_) prefetcher_.recycle(*running_);  // it has finished
      running_ = prefetcher_.take();
      phase_ = Phase::running;
      return {Kind::run_pass, tile, running_->block, running_.get()};
    case Phase::running:
      throw std::logic_error("the controller's running pass waits for filters_released()");
    case Phase::finish_pass:
      after_pass();
      return {Kind::finish_pass, tile, running_->block, running_.get()};
    case Phase::store_ofmaps:
      phase_ = ++tile_ < schedule_.tiles.size() ? Phase::start_tile : Phase::done;
      return {Kind::store_ofmaps, tile, nullptr, nullptr};
    case Phase::prefetch:
    case Phase::done:
      break;
  }
  return {};
}

long long ControllerCore::filters_released() {
  if (phase_ != Phase::running) {
    throw std::logic_error("filters_released() without a running pass");
  }
  phase_ = Phase::prefetch;
  after_prefetch_ = Phase::finish_pass;
  return prefetcher_.release(*running_);
}

// The next pass of the block (weights first), or what follows the block.
void ControllerCore::after_pass() {
  if (++pass_ < schedule_.tiles[tile_].blocks[block_].passes.size()) {
    phase_ = Phase::prefetch;
    after_prefetch_ = Phase::run_pass;
  } else {
    after_block();
  }
}

void ControllerCore::after_block() {
  const bool more = ++block_ < schedule_.tiles[tile_].blocks.size();
  phase_ = more ? Phase::load_ifmaps : Phase::store_ofmaps;
}

}  // namespace accelsim
