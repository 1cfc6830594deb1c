// Does the analytical model's DRAM time of a transfer follow the spec's two clocks as the
// engine's DramCore does (words over the link, latency in link cycles)?

#include <gtest/gtest.h>

#include "arch/arch_parser.h"
#include "dataflows/tiling.h"

namespace accelsim {
namespace {

// Eyeriss: a 200 MHz core, a 64-bit link at 60 MHz (4 words per link cycle, 1.2 words per
// core cycle), 10 link cycles of latency = 33.3 core cycles, rounded up.
TEST(DramCoreCycles, ConvertsTheLatencyAndTheWordsToCoreCycles) {
  const ArchSpec arch = parse_arch_file("arch/eyeriss.yaml");
  EXPECT_EQ(dram_core_cycles(arch, 0), 34);
  EXPECT_EQ(dram_core_cycles(arch, 1200), 1000 + 34);
}

// Same clocks: the latency counts as it is.
TEST(DramCoreCycles, SameClocksKeepTheLatency) {
  ArchSpec arch = parse_arch_file("arch/eyeriss.yaml");
  arch.dram.clock_mhz = arch.clock_mhz;
  EXPECT_EQ(dram_core_cycles(arch, 400), 100 + 10);
}

}  // namespace
}  // namespace accelsim
