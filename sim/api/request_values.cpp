// check_values(): the request's values that need no file, in a file of its own so that
// the CLI's fuzz target (tests/fuzz/fuzz_cli) links it without the simulator.

#include "sim/api/request.h"
#include "sim/common/input_error.h"

namespace accelsim {
namespace {

// The CLI's wording for a count outside 1..limit (Python's request too).
void require_count(const char* option, int value, int limit) {
  if (value < 1 || value > limit) {
    throw InputError({option}, "",
                     found_expected(std::to_string(value),
                                    "an integer from 1 to " + std::to_string(limit)));
  }
}

}  // namespace

void check_values(const SimulationRequest& request) {
  request_dataflows(request.dataflows);  // the registry's check of the words
  require_choice("--objective", request.objective, {"energy", "cycles", "edp"});
  require_choice("--mode", request.mode, {"exact", "per-cycle"});
  require_count("--batch", request.batch, kMaxBatch);
  if (!(request.zero_fraction >= 0 && request.zero_fraction <= 1)) {
    throw InputError({"--zero-fraction"}, "",
                     found_expected(std::to_string(request.zero_fraction),
                                    "a number from 0 to 1"));
  }
  require_count("--jobs", request.jobs, kMaxJobs);
}

}  // namespace accelsim
