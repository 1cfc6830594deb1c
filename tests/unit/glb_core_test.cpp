// The global buffer core: the psum tile's layout and the psum area's bank ports
// (one access is one bank row; words of one row in one direction share it).

#include <gtest/gtest.h>

#include "arch/arch_parser.h"
#include "sim/engine/memory/glb_core.h"

namespace accelsim {
namespace {

// 16-bit words, 64-bit bank rows: four words per row.
ArchSpec glb_spec(int ports) {
  ArchSpec arch;
  arch.word_bits = 16;
  arch.glb.size_kb = 4;
  arch.glb.banks = 4;
  arch.glb.bank_width_bits = 64;
  arch.glb.bank_ports = ports;
  return arch;
}

TEST(GlbPsumLayout, FiltersAreInnermostThenColumnsRowsImages) {
  GlbCore glb(glb_spec(1));
  glb.resize_psum_tile(2, 3, 4, 5);
  EXPECT_EQ(glb.psum_tile().size(), 120u);
  EXPECT_EQ(glb.psum_address(0, 0, 0, 1), 1);
  EXPECT_EQ(glb.psum_address(0, 0, 1, 0), 5);
  EXPECT_EQ(glb.psum_address(0, 1, 0, 0), 20);
  EXPECT_EQ(glb.psum_address(1, 0, 0, 0), 60);
  EXPECT_EQ(glb.psum_address(1, 2, 3, 4), 119);
  EXPECT_EQ(glb.psum_filters(), 5);
  EXPECT_EQ(glb.psum_rows(), 3);
  EXPECT_EQ(glb.psum_cols(), 4);
}

TEST(GlbPsumLayout, ResizingZeroesTheTile) {
  GlbCore glb(glb_spec(1));
  glb.resize_psum_tile(1, 1, 2, 2);
  glb.psum(3) = 42;
  glb.resize_psum_tile(1, 1, 2, 2);
  EXPECT_EQ(glb.psum_tile(), std::vector<int16_t>(4, 0));
}

TEST(GlbIfmapBlock, IsImagesChannelsRowsColumns) {
  GlbCore glb(glb_spec(1));
  glb.resize_ifmap_block(2, 3, 4, 5);
  EXPECT_EQ(glb.ifmap_block_words(), 120);
  glb.ifmap(1, 2, 3, 4) = 7;
  glb.ifmap(0, 1, 0, 0) = 9;
  EXPECT_EQ(glb.ifmap(1, 2, 3, 4), 7);
  EXPECT_EQ(glb.ifmap(0, 1, 0, 0), 9);
  EXPECT_EQ(glb.ifmap(0, 0, 0, 0), 0);
}

TEST(GlbPsumPorts, WordsOfOneRowInOneDirectionShareOneAccess) {
  GlbCore glb(glb_spec(1));
  glb.configure_banks(2, 1);
  glb.start_cycle();
  EXPECT_TRUE(glb.claim_psum_port(0, true));
  EXPECT_TRUE(glb.claim_psum_port(1, true));
  EXPECT_TRUE(glb.claim_psum_port(3, true));   // still row 0
  EXPECT_FALSE(glb.claim_psum_port(4, true));  // row 1, same (only) bank
}

TEST(GlbPsumPorts, ReadsOfOneRowShareOneAccess) {
  GlbCore glb(glb_spec(1));
  glb.configure_banks(2, 1);
  glb.start_cycle();
  EXPECT_TRUE(glb.claim_psum_port(4, false));
  EXPECT_TRUE(glb.claim_psum_port(7, false));
  EXPECT_FALSE(glb.claim_psum_port(8, false));
}

TEST(GlbPsumPorts, AReadAndAWriteOfOneRowNeedTwoPorts) {
  GlbCore one(glb_spec(1));
  one.configure_banks(2, 1);
  one.start_cycle();
  EXPECT_TRUE(one.claim_psum_port(0, false));
  EXPECT_FALSE(one.claim_psum_port(1, true));

  GlbCore two(glb_spec(2));
  two.configure_banks(2, 1);
  two.start_cycle();
  EXPECT_TRUE(two.claim_psum_port(0, false));
  EXPECT_TRUE(two.claim_psum_port(1, true));
  EXPECT_TRUE(two.claim_psum_port(2, true));   // shares the write's port
  EXPECT_FALSE(two.claim_psum_port(4, true));  // a third row access
}

TEST(GlbPsumPorts, RowsAreInterleavedOverTheBanks) {
  GlbCore glb(glb_spec(1));
  glb.configure_banks(2, 2);
  glb.start_cycle();
  EXPECT_TRUE(glb.claim_psum_port(0, true));   // row 0: bank 0
  EXPECT_TRUE(glb.claim_psum_port(4, true));   // row 1: bank 1
  EXPECT_FALSE(glb.claim_psum_port(8, true));  // row 2: bank 0, busy
  EXPECT_FALSE(glb.claim_psum_port(12, true)); // row 3: bank 1, busy
}

TEST(GlbPsumPorts, TwoRowsOfOneBankConflictWithOnePortAndFitWithTwo) {
  // arch/tiny.yaml: 32-bit bank rows, two words per row; rows 0 and 2 of a
  // two-bank psum area are both in bank 0.
  const ArchSpec one_port = parse_arch_file("arch/tiny.yaml");
  ASSERT_EQ(one_port.glb.bank_ports, 1);
  GlbCore one(one_port);
  one.configure_banks(2, 2);
  one.start_cycle();
  EXPECT_TRUE(one.claim_psum_port(0, true));   // row 0
  EXPECT_FALSE(one.claim_psum_port(4, true));  // row 2

  const ArchSpec two_ports = parse_arch_file("arch/tiny.yaml", {{"glb.bank_ports", "2", ""}});
  ASSERT_EQ(two_ports.glb.bank_ports, 2);
  GlbCore two(two_ports);
  two.configure_banks(2, 2);
  two.start_cycle();
  EXPECT_TRUE(two.claim_psum_port(0, true));   // row 0
  EXPECT_TRUE(two.claim_psum_port(4, true));   // row 2
  EXPECT_FALSE(two.claim_psum_port(8, true));  // row 4: a third row in bank 0
  EXPECT_TRUE(two.claim_psum_port(2, true));   // row 1: bank 1 is free
}

TEST(GlbPsumPorts, StartCycleFreesThePorts) {
  GlbCore glb(glb_spec(1));
  glb.configure_banks(2, 1);
  glb.start_cycle();
  EXPECT_TRUE(glb.claim_psum_port(0, true));
  EXPECT_FALSE(glb.claim_psum_port(4, true));
  glb.start_cycle();
  EXPECT_TRUE(glb.claim_psum_port(4, true));
  EXPECT_FALSE(glb.claim_psum_port(0, true));  // now row 1 holds the port
}

}  // namespace
}  // namespace accelsim
