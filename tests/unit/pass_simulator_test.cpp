// The pass simulator on hand-made plans: final psums, exact pass cycles derived
// from the documented order within a cycle (PEs step, then the local links, the
// GON, the psum GIN, the ifmap GIN, the filter GIN; a word delivered in cycle t
// is used from t + 1), the counts at every level and the stalls.

#include <gtest/gtest.h>

#include <vector>

#include "sim/engine/array/pass_simulator.h"
#include "sim/engine/data/fixed_point.h"

namespace accelsim {
namespace {

// 16-bit words; 64-bit GLB bank rows (4 psums a row), one port; one-word buses;
// 12-word spads, 4-word FIFOs, a 3-stage MAC pipeline, zero gating; no filter
// buffer, so the weights are read from the GLB.
ArchSpec pass_spec() {
  ArchSpec arch;
  arch.word_bits = 16;
  arch.pe_array = {4, 4};
  arch.pe.ifmap_spad_words = 12;
  arch.pe.filter_spad_words = 24;
  arch.pe.psum_spad_words = 4;
  arch.pe.mac_pipeline_stages = 3;
  arch.pe.zero_gating = true;
  arch.pe.input_fifo_words = 4;
  arch.pe.output_fifo_words = 4;
  arch.noc.ifmap.bus_width_words = 1;
  arch.noc.filter.bus_width_words = 1;
  arch.noc.psum.bus_width_words = 1;
  arch.noc.output_bus_width_words = 1;
  arch.noc.local_psum_link_words = 1;
  arch.glb.size_kb = 4;
  arch.glb.banks = 4;
  arch.glb.bank_width_bits = 64;
  arch.glb.bank_ports = 1;
  return arch;
}

long long run_to_end(PassSimulator& pass) {
  while (pass.step() && pass.cycle() < 10000) {
  }
  return pass.cycle();
}

// ---- One chain of two PEs: a 2-row, 3-tap convolution, 2 output columns ------
// PE 0 (level 0) holds filter row 0 and reads input row 0; PE 1 (level 1) holds
// filter row 1, reads input row 1 and adds PE 0's psums; PE 1 sends to the GLB.

const std::vector<std::vector<int16_t>> kRows = {{256, 0, 128, 512}, {-256, 384, 0, 100}};
const std::vector<std::vector<int16_t>> kFilter = {{256, 128, -64}, {64, -256, 500}};

PassPlan two_pe_chain() {
  PassPlan plan;
  plan.segments = 1;
  plan.out_cols = 2;
  plan.taps = 3;
  plan.columns = {0, 1, 2, 3};
  plan.window = {{0, 1, 2}, {1, 2, 3}};
  for (int level = 0; level < 2; ++level) {
    PePlan pe;
    pe.row = 1 - level;
    pe.filters = 1;
    pe.channels = 1;
    pe.row_stream = level;
    pe.filter_stream = level;
    pe.level = level;
    plan.pes.push_back(pe);
    plan.row_streams.push_back(RowStream{0, 1, 0, {{0, level}}, {level}});
    plan.filter_streams.push_back(FilterStream{0, 1, 0, 1, level, 1, 0, 3, {level}});
  }
  // Psum tile [1 image][1 row][2 columns][1 filter]: task f writes word f.
  plan.chains.push_back(Chain{{0, 1}, AffineStream{0, {{1, 2}, {2, 1}, {1, 1}}}, false});
  plan.final_psums = true;
  return plan;
}

void fill_two_rows(GlbCore& glb) {
  glb.configure_banks(2, 2);
  glb.resize_ifmap_block(1, 1, 2, 4);
  for (int row = 0; row < 2; ++row) {
    for (int col = 0; col < 4; ++col) glb.ifmap(0, 0, row, col) = kRows[size_t(row)][size_t(col)];
  }
  glb.resize_psum_tile(1, 1, 2, 1);
}

std::vector<int16_t> two_row_filter_words() {
  std::vector<int16_t> words = kFilter[0];
  words.insert(words.end(), kFilter[1].begin(), kFilter[1].end());
  return words;
}

int16_t two_row_convolution(int f) {
  int16_t sum = 0;
  for (int r = 0; r < 2; ++r) {
    for (int s = 0; s < 3; ++s) {
      const int16_t x = kRows[size_t(r)][size_t(f + s)];
      sum = wrap_add(sum, fixed_product(x, kFilter[size_t(r)][size_t(s)], kFractionBits));
    }
  }
  return sum;
}

TEST(PassSimulator, TwoPeChainComputesTheTwoRowConvolution) {
  const ArchSpec arch = pass_spec();
  const PassPlan plan = two_pe_chain();
  GlbCore glb(arch);
  fill_two_rows(glb);
  const std::vector<int16_t> filters = two_row_filter_words();
  PassSimulator pass(arch, plan, glb, filters);
  run_to_end(pass);
  // f0: (256 + 0 - 32) + (-64 - 384 + 0) = -224
  // f1: (0 + 64 - 128) + (96 + 0 + 195) = 227   (100 x 500 / 256 = 195.3)
  EXPECT_EQ(two_row_convolution(0), -224);
  EXPECT_EQ(two_row_convolution(1), 227);
  EXPECT_EQ(glb.psum_tile(), (std::vector<int16_t>{-224, 227}));
}

TEST(PassSimulator, TwoPeChainTakes19Cycles) {
  // Filter GIN: one word a cycle, PE 0's 3 weights at 0-2, PE 1's at 3-5.
  // Ifmap GIN, column by column over the two row streams: PE 0 gets its columns
  // at 0, 2, 4, 6 and PE 1 at 1, 3, 5, 7.
  // PE 0: MACs at 5-7 (column 2 arrived at 4): psum 0 out of the pipeline at 10;
  //       MACs 8-10: psum 1 at 13. The local link moves each in its cycle.
  // PE 1: weights usable from 6, MACs 6-8, waits at 9 and 10 for psum 0 (there
  //       from 11), adds at 11: out at 14, over the GON at 14; MACs 12-14, adds
  //       psum 1 at 15: out at 18, GON at 18. The pass ends after cycle 18.
  const ArchSpec arch = pass_spec();
  const PassPlan plan = two_pe_chain();
  GlbCore glb(arch);
  fill_two_rows(glb);
  const std::vector<int16_t> filters = two_row_filter_words();
  PassSimulator pass(arch, plan, glb, filters);
  EXPECT_EQ(run_to_end(pass), 19);
  EXPECT_FALSE(pass.step());
  const PassResult result = pass.result();
  EXPECT_EQ(result.cycles, 19);
  EXPECT_EQ(result.filter_load_cycles, 6);
  EXPECT_EQ(result.active_pes, 2);
  EXPECT_EQ(result.glb_port_conflicts, 0);
  EXPECT_EQ(result.stalls.filter_load, 3 + 6);  // PE 0 at 0-2, PE 1 at 0-5
  EXPECT_EQ(result.stalls.ifmap, 2);            // PE 0 at 3, 4
  EXPECT_EQ(result.stalls.psum, 2);             // PE 1 at 9, 10
  EXPECT_EQ(result.stalls.output, 0);
  EXPECT_EQ(result.stalls.idle, 8 + 3);         // PE 0 at 11-18, PE 1 at 16-18
}

TEST(PassSimulator, FiltersLoadedTurnsTrueWithTheLastWeight) {
  const ArchSpec arch = pass_spec();
  const PassPlan plan = two_pe_chain();
  GlbCore glb(arch);
  fill_two_rows(glb);
  const std::vector<int16_t> filters = two_row_filter_words();
  PassSimulator pass(arch, plan, glb, filters);
  for (int t = 0; t < 5; ++t) pass.step();
  EXPECT_FALSE(pass.filters_loaded());
  pass.step();
  EXPECT_TRUE(pass.filters_loaded());
}

TEST(PassSimulator, TwoPeChainCountsEveryLevel) {
  const ArchSpec arch = pass_spec();
  const PassPlan plan = two_pe_chain();
  GlbCore glb(arch);
  fill_two_rows(glb);
  const std::vector<int16_t> filters = two_row_filter_words();
  PassSimulator pass(arch, plan, glb, filters);
  run_to_end(pass);
  const AccessCounts c = pass.result().counts;
  EXPECT_EQ(c.at(Level::glb, DataType::ifmap, Action::read), 8);
  EXPECT_EQ(c.at(Level::glb, DataType::filter, Action::read), 6);
  EXPECT_EQ(c.at(Level::filter_buffer, DataType::filter, Action::read), 0);
  EXPECT_EQ(c.at(Level::glb, DataType::ofmap, Action::write), 2);
  EXPECT_EQ(c.at(Level::glb, DataType::psum, Action::write), 0);  // final psums are ofmaps
  EXPECT_EQ(c.at(Level::glb, DataType::psum, Action::read), 0);
  EXPECT_EQ(c.at(Level::array, DataType::ifmap, Action::write), 8);
  EXPECT_EQ(c.at(Level::array, DataType::filter, Action::write), 6);
  EXPECT_EQ(c.at(Level::array, DataType::psum, Action::write), 2);  // local link
  EXPECT_EQ(c.at(Level::array, DataType::ofmap, Action::write), 2);  // GON
  EXPECT_EQ(c.at(Level::rf_ifmap, DataType::ifmap, Action::write), 8);
  EXPECT_EQ(c.at(Level::rf_ifmap, DataType::ifmap, Action::read), 12);
  EXPECT_EQ(c.at(Level::rf_filter, DataType::filter, Action::write), 6);
  // One zero in each 3-column window of each PE: 4 of the 12 MACs are gated.
  EXPECT_EQ(c.macs_issued, 8);
  EXPECT_EQ(c.macs_gated, 4);
  EXPECT_EQ(c.at(Level::rf_filter, DataType::filter, Action::read), 8);
  EXPECT_EQ(c.at(Level::rf_psum, DataType::psum, Action::read), 8 + 2);  // + PE 1's additions
  EXPECT_EQ(c.at(Level::rf_psum, DataType::psum, Action::write), 8 + 2);
  EXPECT_EQ(c.level_total(Level::dram), 0);
}

TEST(PassSimulator, PsumsFromTheGlbAreAddedAndWrittenBackAsPsums) {
  const ArchSpec arch = pass_spec();
  PassPlan plan = two_pe_chain();
  plan.chains[0].psums_from_glb = true;
  plan.final_psums = false;
  GlbCore glb(arch);
  fill_two_rows(glb);
  glb.psum(0) = 1000;
  glb.psum(1) = -1000;
  const std::vector<int16_t> filters = two_row_filter_words();
  PassSimulator pass(arch, plan, glb, filters);
  run_to_end(pass);
  EXPECT_EQ(glb.psum_tile(), (std::vector<int16_t>{-224 + 1000, 227 - 1000}));
  const AccessCounts c = pass.result().counts;
  EXPECT_EQ(c.at(Level::glb, DataType::psum, Action::read), 2);
  EXPECT_EQ(c.at(Level::glb, DataType::psum, Action::write), 2);
  EXPECT_EQ(c.at(Level::glb, DataType::ofmap, Action::write), 0);
  EXPECT_EQ(c.at(Level::array, DataType::psum, Action::write), 2 + 2 + 2);  // GIN, link, GON
  EXPECT_EQ(c.at(Level::rf_psum, DataType::psum, Action::read), 8 + 2 + 2);
}

// ---- Three one-PE chains sharing one row stream: the GON is the bottleneck ---
// Each PE holds one weight (1 tap, 1 channel) of its own filter row and computes
// 4 output columns, one MAC each, from the same multicast input row; its output
// FIFO holds one psum, its pipeline 2.

PassPlan three_chains() {
  PassPlan plan;
  plan.segments = 1;
  plan.out_cols = 4;
  plan.taps = 1;
  plan.columns = {0, 1, 2, 3};
  plan.window = {{0}, {1}, {2}, {3}};
  plan.row_streams.push_back(RowStream{0, 1, 0, {{0, 0}}, {0, 1, 2}});
  for (int i = 0; i < 3; ++i) {
    PePlan pe;
    pe.col = i;
    pe.filters = 1;
    pe.channels = 1;
    pe.filter_stream = i;
    pe.chain = i;
    plan.pes.push_back(pe);
    plan.filter_streams.push_back(FilterStream{0, 1, 0, 1, i, 1, 0, 1, {i}});
    // Psum tile [1][3 rows][4 columns][1]: chain i writes row i.
    plan.chains.push_back(Chain{{i}, AffineStream{4LL * i, {{1, 12}, {4, 1}, {1, 1}}}, false});
  }
  plan.final_psums = true;
  return plan;
}

ArchSpec three_chain_spec(int output_bus_words) {
  ArchSpec arch = pass_spec();
  arch.pe.mac_pipeline_stages = 2;
  arch.pe.output_fifo_words = 1;
  arch.noc.filter.bus_width_words = 3;  // all three weights in cycle 0
  arch.noc.output_bus_width_words = output_bus_words;
  return arch;
}

const std::vector<int16_t> kThreeChainRow = {256, 512, -256, 128};
const std::vector<int16_t> kThreeChainWeights = {256, 512, -128};

struct ThreeChains {
  ArchSpec arch;
  PassPlan plan = three_chains();
  GlbCore glb;
  std::vector<int16_t> filters = kThreeChainWeights;
  ThreeChains(int output_bus_words, int psum_banks)
      : arch(three_chain_spec(output_bus_words)), glb(arch) {
    glb.configure_banks(1, psum_banks);
    glb.resize_ifmap_block(1, 1, 1, 4);
    for (int col = 0; col < 4; ++col) glb.ifmap(0, 0, 0, col) = kThreeChainRow[size_t(col)];
    glb.resize_psum_tile(1, 3, 4, 1);  // chain i writes row i: GLB bank row i
  }
  std::vector<int16_t> expected() const {
    std::vector<int16_t> out;
    for (int16_t w : kThreeChainWeights) {
      for (int16_t x : kThreeChainRow) out.push_back(fixed_product(x, w, kFractionBits));
    }
    return out;
  }
};

TEST(PassSimulator, AWideGonDrainsEveryChainEachCycle) {
  // All PEs alike: weights usable from 1, input column j from j + 1; MACs at
  // 1-4, psums out at 3-6 and over the 3-word GON the same cycle (3 banks).
  ThreeChains bench(3, 3);
  PassSimulator pass(bench.arch, bench.plan, bench.glb, bench.filters);
  EXPECT_EQ(run_to_end(pass), 7);
  EXPECT_EQ(bench.glb.psum_tile(), bench.expected());
  const PassResult result = pass.result();
  EXPECT_EQ(result.filter_load_cycles, 1);
  EXPECT_EQ(result.stalls.output, 0);
  EXPECT_EQ(result.stalls.filter_load, 3);
  EXPECT_EQ(result.glb_port_conflicts, 0);
  EXPECT_EQ(result.counts.at(Level::glb, DataType::ifmap, Action::read), 4);
  EXPECT_EQ(result.counts.at(Level::array, DataType::ifmap, Action::write), 12);  // multicast
}

TEST(PassSimulator, AOneWordGonThrottlesThreeChains) {
  // 12 psums over a one-word GON, round robin from chain 0: one word a cycle
  // from cycle 3 (the first psums) to 14. PE 1 and PE 2 find their pipeline
  // and output FIFO full when issuing their last MAC: PE 1 at 4, PE 2 at 4, 5.
  ThreeChains bench(1, 3);
  PassSimulator pass(bench.arch, bench.plan, bench.glb, bench.filters);
  EXPECT_EQ(run_to_end(pass), 15);
  EXPECT_EQ(bench.glb.psum_tile(), bench.expected());
  const PassResult result = pass.result();
  EXPECT_EQ(result.stalls.output, 3);
  EXPECT_EQ(result.stalls.filter_load, 3);
  EXPECT_EQ(result.stalls.ifmap, 0);
  EXPECT_EQ(result.stalls.idle, 10 + 9 + 8);  // after each PE's last MAC (4, 5, 6)
  EXPECT_EQ(result.stalls.total() + 12, 3 * 15);
  EXPECT_EQ(result.glb_port_conflicts, 0);    // one word a cycle: no contention
  EXPECT_EQ(result.counts.at(Level::glb, DataType::ofmap, Action::write), 12);
}

TEST(PassSimulator, ABusyBankHoldsBackTheOtherChainsWords) {
  // A 3-word GON but one psum bank with one port: one bank row a cycle, so the
  // same round robin and the same 15 cycles as the one-word GON. In cycles
  // 3-12 two chains wait with a psum, in 13 one, in 14 none: 21 words held back.
  ThreeChains bench(3, 1);
  PassSimulator pass(bench.arch, bench.plan, bench.glb, bench.filters);
  EXPECT_EQ(run_to_end(pass), 15);
  EXPECT_EQ(bench.glb.psum_tile(), bench.expected());
  const PassResult result = pass.result();
  EXPECT_EQ(result.stalls.output, 3);
  EXPECT_EQ(result.glb_port_conflicts, 10 * 2 + 1);
}

TEST(PassSimulator, APsumReadHeldBackByABusyBankIsCountedOncePerCycle) {
  // Every chain starts from psums in the GLB, over a 3-word psum GIN, one psum
  // bank with one port. Cycle 0, round robin from chain 0: chain 0 opens bank
  // row 0; chains 1 and 2 (rows 1, 2) are held back; chain 0 reads two more
  // words of its open row. Cycle 1 starts at chain 1: 3 words of row 1; chains
  // 2 and 0 held back. Nothing reaches the GON before cycle 3.
  ThreeChains bench(1, 1);
  bench.arch.noc.psum.bus_width_words = 3;
  for (auto& chain : bench.plan.chains) chain.psums_from_glb = true;
  bench.plan.final_psums = false;
  PassSimulator pass(bench.arch, bench.plan, bench.glb, bench.filters);
  pass.step();
  EXPECT_EQ(pass.result().counts.at(Level::glb, DataType::psum, Action::read), 3);
  EXPECT_EQ(pass.result().glb_port_conflicts, 2);
  pass.step();
  EXPECT_EQ(pass.result().counts.at(Level::glb, DataType::psum, Action::read), 6);
  EXPECT_EQ(pass.result().glb_port_conflicts, 4);
  run_to_end(pass);
  EXPECT_EQ(bench.glb.psum_tile(), bench.expected());  // the GLB's psums were zero
}

}  // namespace
}  // namespace accelsim
