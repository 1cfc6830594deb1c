#pragma once
// Must equal: finding the pass's timing in PassMemo (pass_memo.h) by its plan's
// key. Proved by tests/unit/pass_inputs_test.cpp (on random shapes, every
// dataflow: passes with equal inputs have equal plan keys) and
// tests/engine/equivalence_test.cpp (exact == per-cycle).
//
// Exact mode's shortcut to a pass's memo entry from what its planner was given
// (PassPlanner::timing_inputs) instead of its plan: the plan's key is about 75
// bytes per PE and is built, hashed and compared whole, while a layer's passes
// have a handful of distinct inputs. A pass whose inputs were seen before takes
// the entry they led to; otherwise the memo is searched by the plan's key as
// before and the inputs are linked to what it found. So the memo still decides
// which passes are stepped, and an input seen in two shapes would show as two
// plan keys for one input (the test's check), not as a wrong timing.

#include <memory>
#include <string>
#include <unordered_map>

#include "dataflows/schedule.h"
#include "sim/engine/exact/pass_memo.h"
#include "sim/engine/memory/glb_core.h"

namespace accelsim {

class PassInputsIndex {
 public:
  // Starts on `planner`'s schedule, forgetting every pass unless it is the
  // schedule already indexed (inputs compare only within one schedule). The planner
  // is held, so a later schedule's planner cannot take its address.
  void start(const std::shared_ptr<const PassPlanner>& planner);
  // Makes the pass's key from its inputs and the GLB's psum banks; false when the
  // planner has none (then find() and link() must not be called for the pass).
  bool make_key(const Tile& tile, const ChannelBlock& block, const PassSlice& pass,
                const GlbCore& glb);
  // The memo entry the pass keyed last leads to, or null.
  const PassMemo::Entry* find() const;
  // The pass keyed last has `entry` (found or stored by its plan's key).
  void link(const PassMemo::Entry& entry);

 private:
  std::shared_ptr<const PassPlanner> planner_;
  PassTimingInputs inputs_;
  std::string key_;
  std::unordered_map<std::string, const PassMemo::Entry*> entries_;
};

}  // namespace accelsim
