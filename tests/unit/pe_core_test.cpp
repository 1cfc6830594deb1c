// One PE driven by hand, cycle by cycle: when each psum leaves, its value, why
// the PE stalled, and what it counted. Protocol of the tests (the pass's): in
// cycle t the PE steps first, then its output is popped and words are pushed, so
// a word pushed in cycle t is used from cycle t + 1.

#include <gtest/gtest.h>

#include <vector>

#include "sim/engine/array/pe_core.h"
#include "sim/engine/data/fixed_point.h"

namespace accelsim {
namespace {

struct Output {
  long long cycle;
  int16_t value;
  bool operator==(const Output& o) const { return cycle == o.cycle && value == o.value; }
};
std::ostream& operator<<(std::ostream& out, const Output& o) {
  return out << "{cycle " << o.cycle << ", value " << o.value << "}";
}

// A PE with a feeder that pushes one ifmap word per cycle (after the PE's step)
// when its FIFO has room, and a sink that pops every output.
struct PeBench {
  std::vector<std::vector<int>> window;
  PeConfig config;
  PeCore pe;
  std::vector<int16_t> ifmap;  // words still to push, in order
  size_t fed = 0;
  bool popping = true;
  std::vector<Output> outputs;
  long long cycle = 0;

  // The example of the brief: 1 filter, 1 channel, 3 taps, 2 output columns over
  // 4 input columns, no psum input, 12-word spad, 4-word FIFOs, 3 stages, gating.
  PeBench() : window{{0, 1, 2}, {1, 2, 3}} {
    config.filters = 1;
    config.channels = 1;
    config.taps = 3;
    config.segments = 1;
    config.out_cols = 2;
    config.columns = 4;
    config.ifmap_spad_words = 12;
    config.fifo_words = 4;
    config.output_fifo_words = 4;
    config.pipeline_stages = 3;
    config.zero_gating = true;
  }
  void start() {
    config.window = &window;
    pe.start(config);
  }
  void push_all_ifmaps() {  // as if delivered before cycle 0
    while (fed < ifmap.size() && pe.ifmap_room()) pe.push_ifmap(ifmap[fed++]);
  }
  void step() {
    pe.step(cycle);
    if (popping && pe.has_output()) outputs.push_back({cycle, pe.pop_output()});
    if (fed < ifmap.size() && pe.ifmap_room()) pe.push_ifmap(ifmap[fed++]);
    ++cycle;
  }
  // Steps until the PE is done; the number of cycles it took.
  long long run() {
    while (!pe.done() && cycle < 1000) step();
    return cycle;
  }
};

const std::vector<int16_t> kWeights = {256, -128, 64};  // 1.0, -0.5, 0.25
const std::vector<int16_t> kIfmap = {512, 0, 300, -101};

// out[f] = sum over s of x[f + s] * w[s], in Q8.8.
int16_t expected_output(int f) {
  int16_t sum = 0;
  for (int s = 0; s < 3; ++s) {
    sum = wrap_add(sum, fixed_product(kIfmap[size_t(f + s)], kWeights[size_t(s)], kFractionBits));
  }
  return sum;
}

TEST(PeCore, ExampleValuesAreTheQ88ConvolutionOfTheWindow) {
  // 512 + 0 + 19200>>8 = 587;  0 + (-38400>>8) + (-6464>>8) = -150 - 26 = -176.
  EXPECT_EQ(expected_output(0), 587);
  EXPECT_EQ(expected_output(1), -176);
}

TEST(PeCore, ExampleWithOneIfmapWordPerCycle) {
  PeBench bench;
  bench.start();
  for (int16_t w : kWeights) bench.pe.push_weight(w);
  bench.ifmap = kIfmap;
  // Cycles 0-2 wait for x0..x2 (pushed after cycles 0, 1, 2), MACs at 3, 4, 5;
  // the psum leaves the 3-stage pipeline at 5 + 3 = 8. Column 1 needs x3 (there
  // at 4): MACs at 6, 7, 8, out at 11.
  EXPECT_EQ(bench.run(), 12);
  EXPECT_EQ(bench.outputs,
            (std::vector<Output>{{8, expected_output(0)}, {11, expected_output(1)}}));
  EXPECT_EQ(bench.pe.stalls().filter_load, 0);
  EXPECT_EQ(bench.pe.stalls().ifmap, 3);
  EXPECT_EQ(bench.pe.stalls().psum, 0);
  EXPECT_EQ(bench.pe.stalls().output, 0);
  EXPECT_EQ(bench.pe.stalls().idle, 3);  // cycles 9, 10, 11
  EXPECT_TRUE(bench.pe.done());
}

TEST(PeCore, ExampleCountsSkipTheWeightReadOfAZeroActivation) {
  PeBench bench;
  bench.start();
  for (int16_t w : kWeights) bench.pe.push_weight(w);
  bench.ifmap = kIfmap;
  bench.run();
  const PeCounters& c = bench.pe.counters();
  EXPECT_EQ(c.rf_ifmap_writes, 4);
  EXPECT_EQ(c.rf_ifmap_reads, 6);
  EXPECT_EQ(c.rf_filter_writes, 3);
  EXPECT_EQ(c.rf_filter_reads, 4);  // x1 = 0 is read twice, gated both times
  EXPECT_EQ(c.macs, 4);
  EXPECT_EQ(c.gated_macs, 2);
  EXPECT_EQ(c.rf_psum_reads, 4);
  EXPECT_EQ(c.rf_psum_writes, 4);
}

TEST(PeCore, WithoutZeroGatingEveryMacRunsInTheSameCycles) {
  PeBench bench;
  bench.config.zero_gating = false;
  bench.start();
  for (int16_t w : kWeights) bench.pe.push_weight(w);
  bench.ifmap = kIfmap;
  EXPECT_EQ(bench.run(), 12);
  EXPECT_EQ(bench.outputs,
            (std::vector<Output>{{8, expected_output(0)}, {11, expected_output(1)}}));
  EXPECT_EQ(bench.pe.counters().macs, 6);
  EXPECT_EQ(bench.pe.counters().gated_macs, 0);
  EXPECT_EQ(bench.pe.counters().rf_filter_reads, 6);
  EXPECT_EQ(bench.pe.counters().rf_psum_reads, 6);
}

TEST(PeCore, MovesAtMostOneFifoWordIntoTheSpadPerCycle) {
  PeBench bench;
  bench.start();
  for (int16_t w : kWeights) bench.pe.push_weight(w);
  bench.ifmap = kIfmap;
  bench.push_all_ifmaps();  // all four words wait in the FIFO at cycle 0
  for (int t = 0; t < 4; ++t) {
    bench.step();
    EXPECT_EQ(bench.pe.counters().rf_ifmap_writes, t + 1) << "after cycle " << t;
  }
  bench.run();
  // x0..x2 in the spad after cycles 0..2: MACs at 2, 3, 4 and 5, 6, 7.
  EXPECT_EQ(bench.outputs,
            (std::vector<Output>{{7, expected_output(0)}, {10, expected_output(1)}}));
  EXPECT_EQ(bench.pe.stalls().ifmap, 2);
}

TEST(PeCore, WaitsForAllItsWeightsBeforeTheFirstMac) {
  PeBench bench;
  bench.start();
  bench.ifmap = kIfmap;
  bench.push_all_ifmaps();
  for (int16_t w : kWeights) {  // one weight after each of cycles 0, 1, 2
    bench.step();
    bench.pe.push_weight(w);
  }
  bench.run();
  // The spad fills during the weight load, so no ifmap stall: MACs 3-5, 6-8.
  EXPECT_EQ(bench.outputs,
            (std::vector<Output>{{8, expected_output(0)}, {11, expected_output(1)}}));
  EXPECT_EQ(bench.pe.stalls().filter_load, 3);
  EXPECT_EQ(bench.pe.stalls().ifmap, 0);
}

TEST(PeCore, AFullSpadHoldsTheNextWordInTheFifoUntilAColumnIsReleased) {
  PeBench bench;
  bench.config.ifmap_spad_words = 3;
  bench.start();
  for (int16_t w : kWeights) bench.pe.push_weight(w);
  bench.ifmap = kIfmap;
  bench.push_all_ifmaps();
  for (int t = 0; t < 5; ++t) bench.step();
  EXPECT_EQ(bench.pe.counters().rf_ifmap_writes, 3);  // x3 waits: the spad holds x0..x2
  bench.step();  // column 0 finished in cycle 4 and released x0
  EXPECT_EQ(bench.pe.counters().rf_ifmap_writes, 4);
  bench.run();
  EXPECT_EQ(bench.outputs,
            (std::vector<Output>{{7, expected_output(0)}, {10, expected_output(1)}}));
}

TEST(PeCore, ChannelsAreInnermostInTheSpadAndTapsInnermostInTheWeights) {
  PeBench bench;
  bench.window = {{0, 1}};
  bench.config.filters = 2;
  bench.config.channels = 2;
  bench.config.taps = 2;
  bench.config.out_cols = 1;
  bench.config.columns = 2;
  bench.start();
  // Weights [k][c][s]; ifmap words column by column, channels innermost.
  const std::vector<int16_t> w = {256, 512, -256, 128, 64, 32, 16, 8};
  for (int16_t value : w) bench.pe.push_weight(value);
  bench.ifmap = {100, 200, 300, 400};  // (col 0, c 0) (col 0, c 1) (col 1, c 0) (col 1, c 1)
  bench.push_all_ifmaps();
  EXPECT_EQ(bench.run(), 14);
  // k0: 100*1 + 300*2 + 200*-1 + 400*0.5 = 700; k1: 25 + 37.5 + 12.5 + 12.5
  // truncated term by term: 25 + 37 + 12 + 12 = 86.
  EXPECT_EQ(bench.outputs, (std::vector<Output>{{9, 700}, {13, 86}}));
  EXPECT_EQ(bench.pe.stalls().ifmap, 3);
}

// Back-pressure: 6 one-MAC tasks into a 1-word output FIFO nobody pops.
PeBench six_single_mac_tasks() {
  PeBench bench;
  bench.window = {{0}};
  bench.config.filters = 6;
  bench.config.taps = 1;
  bench.config.out_cols = 1;
  bench.config.columns = 1;
  bench.config.output_fifo_words = 1;
  bench.popping = false;
  return bench;
}

TEST(PeCore, AFullPipelineBehindAFullOutputFifoStallsThePe) {
  PeBench bench = six_single_mac_tasks();
  bench.start();
  for (int k = 1; k <= 6; ++k) bench.pe.push_weight(int16_t(10 * k));
  bench.ifmap = {512};  // 2.0: psum k is 20 k
  bench.push_all_ifmaps();
  // Tasks issue at 0, 1, 2 (pipeline full: 3 stages); task 0 retires at 3 into
  // the output FIFO, which frees a stage for task 3. From cycle 4 the FIFO is
  // full, the pipeline too: 3 + 1 tasks in flight.
  for (int t = 0; t < 4; ++t) bench.step();
  EXPECT_EQ(bench.pe.counters().macs, 4);
  EXPECT_EQ(bench.pe.stalls().output, 0);
  for (int t = 4; t < 7; ++t) bench.step();
  EXPECT_EQ(bench.pe.counters().macs, 4);
  EXPECT_EQ(bench.pe.stalls().output, 3);  // cycles 4, 5, 6
  ASSERT_TRUE(bench.pe.has_output());
  EXPECT_EQ(bench.pe.pop_output(), 20);
  bench.popping = true;
  // Cycle 7 retires task 1 and issues task 4; cycle 8 retires 2 and issues 5.
  EXPECT_EQ(bench.run(), 12);
  EXPECT_EQ(bench.outputs,
            (std::vector<Output>{{7, 40}, {8, 60}, {9, 80}, {10, 100}, {11, 120}}));
  EXPECT_EQ(bench.pe.stalls().output, 3);
  EXPECT_EQ(bench.pe.stalls().idle, 3);  // cycles 9, 10, 11
}

// One task with a psum input: 1 MAC, then the psum from below is added.
PeBench one_task_with_psum_input() {
  PeBench bench;
  bench.window = {{0}};
  bench.config.taps = 1;
  bench.config.out_cols = 1;
  bench.config.columns = 1;
  bench.config.psum_input = true;
  return bench;
}

TEST(PeCore, WaitsForThePsumFromBelowThenAddsIt) {
  PeBench bench = one_task_with_psum_input();
  bench.start();
  bench.pe.push_weight(256);
  bench.ifmap = {256};
  bench.push_all_ifmaps();
  for (int t = 0; t < 3; ++t) bench.step();  // MAC at 0, waits at 1 and 2
  EXPECT_EQ(bench.pe.stalls().psum, 2);
  EXPECT_TRUE(bench.pe.psum_room());
  bench.pe.push_psum(32600);
  // Added at 3, out of the pipeline at 6; 256 + 32600 wraps to -32680.
  EXPECT_EQ(bench.run(), 7);
  EXPECT_EQ(bench.outputs, (std::vector<Output>{{6, -32680}}));
  EXPECT_EQ(bench.pe.stalls().psum, 2);
  EXPECT_EQ(bench.pe.counters().macs, 1);
  EXPECT_EQ(bench.pe.counters().rf_psum_reads, 2);  // the MAC's and the addition's
  EXPECT_EQ(bench.pe.counters().rf_psum_writes, 2);
}

TEST(PeCore, APsumThatIsAlreadyThereIsAddedRightAfterTheLastMac) {
  PeBench bench = one_task_with_psum_input();
  bench.start();
  bench.pe.push_weight(256);
  bench.pe.push_psum(-6);
  bench.ifmap = {256};
  bench.push_all_ifmaps();
  EXPECT_EQ(bench.run(), 5);  // MAC at 0, addition at 1, out at 4
  EXPECT_EQ(bench.outputs, (std::vector<Output>{{4, 250}}));
  EXPECT_EQ(bench.pe.stalls().psum, 0);
}

}  // namespace
}  // namespace accelsim
