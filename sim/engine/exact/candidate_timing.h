#pragma once
// The engine's processing cycles of a schedule, without its values: what the
// mapper needs to rank candidate mappings by the engine instead of the analytical
// estimate. Plain C++ (no SystemC).
//
// A layer's processing cycles are the sum of its passes' cycles (LayerRun::
// processing_cycles), and a pass's cycles depend only on its shape (pass_memo.h).
// So each distinct pass shape is stepped once (timing only, steady states jumped)
// and every other pass of that shape, in this schedule or any other on the same
// spec, is a look-up: by the planner's inputs without a plan when a pass of the
// schedule had the same (pass_inputs_index.h), else by the plan's key. DRAM waits are not included: they depend on the controller's
// overlap of transfers with passes, which only the full engine times.

#include <mutex>

#include "arch/arch_spec.h"
#include "dataflows/schedule.h"
#include "sim/engine/exact/pass_memo.h"

namespace accelsim {

struct CandidateTiming {
  long long processing_cycles = 0;
  long long passes = 0;
  long long stepped_passes = 0;  // of them, stepped here (the others came from the memo)
};

// One per spec; safe to use from several threads at once (the memo is shared, a
// pass shape two threads meet at once may be stepped twice).
class CandidateTimer {
 public:
  explicit CandidateTimer(const ArchSpec& arch) : arch_(arch) {}
  CandidateTiming time(const Schedule& schedule);

 private:
  struct Walk;
  long long pass_cycles(Walk& walk, const Tile& tile, const ChannelBlock& block,
                        const PassSlice& pass, CandidateTiming& timing);
  const PassMemo::Entry& step(Walk& walk);

  const ArchSpec& arch_;
  std::mutex memo_mutex_;
  PassMemo memo_;
};

}  // namespace accelsim
