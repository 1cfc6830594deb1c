// The progress line of a long run (sim/api/progress.h): what is done, the share of
// the MACs, the time spent and the time left, estimated from the MACs done.

#include <gtest/gtest.h>

#include "sim/api/progress.h"

namespace accelsim {
namespace {

TEST(ProgressLine, EstimatesTheTimeLeftFromTheMacsDone) {
  EXPECT_EQ(progress_line(3, 8, 400, 1000, 12),
            "accelsim: 3 of 8 layer runs done (40% of the MACs), 12 s, about 18 s left");
}

TEST(ProgressLine, SaysNothingLeftBeforeAnythingIsDoneOrOnceAllIs) {
  EXPECT_EQ(progress_line(0, 8, 0, 1000, 4), "accelsim: 0 of 8 layer runs done (0% of the MACs), 4 s");
  EXPECT_EQ(progress_line(8, 8, 1000, 1000, 99),
            "accelsim: 8 of 8 layer runs done (100% of the MACs), 1 min 39 s");
}

TEST(ProgressLine, LongRunsInHours) {
  EXPECT_EQ(progress_line(1, 48, 100, 1000, 400),
            "accelsim: 1 of 48 layer runs done (10% of the MACs), 6 min 40 s, about 1 h 0 min left");
}

}  // namespace
}  // namespace accelsim
