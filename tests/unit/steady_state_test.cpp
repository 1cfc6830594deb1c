// When does the exact mode's steady-state search allow a jump, and how far?
// (sim/engine/exact/steady_state.h; that a jump changes no result is checked by the
// engine tests, which compare the exact mode with the per-cycle mode.)

#include <gtest/gtest.h>

#include "sim/engine/exact/steady_state.h"

namespace accelsim {
namespace {

// 16-bit words, 64-bit bank rows (four words per row), single-ported banks.
ArchSpec one_port_glb() {
  ArchSpec arch;
  arch.word_bits = 16;
  arch.glb.size_kb = 4;
  arch.glb.banks = 4;
  arch.glb.bank_width_bits = 64;
  arch.glb.bank_ports = 1;
  return arch;
}

// Two chains of 1000 psums: the first always at address 0 (bank 0), the second
// from address 8 (row 2, bank 2) on, `stride` words apart.
PassPlan two_chains(long long stride) {
  PassPlan plan;
  plan.chains.resize(2);
  plan.chains[0].outputs = {0, {{1000, 0}}};
  plan.chains[1].outputs = {8, {{1000, stride}}};
  return plan;
}

TimingSnapshot at(long long cycle, std::vector<long long> state, std::vector<long long> tallies,
                  std::vector<long long> remaining) {
  return {cycle, std::move(state), std::move(tallies), std::move(remaining), 0};
}

class SteadyStateTest : public ::testing::Test {
 protected:
  SteadyStateTest() : glb(one_port_glb()) { glb.configure_banks(0, 4); }
  GlbCore glb;
};

TEST_F(SteadyStateTest, ARecurringStateAllowsWholePeriodsUntilWorkWouldRunOut) {
  const PassPlan plan = two_chains(1);
  SteadyState steady(plan);
  EXPECT_EQ(steady.consider(at(100, {3, 1}, {50, 7}, {95, 40}), glb).periods, 0);
  EXPECT_EQ(steady.consider(at(110, {2, 1}, {55, 7}, {90, 40}), glb).periods, 0);
  // The state of cycle 100 again at 120: 10 units of work per 20 cycles; 85 left,
  // so 8 more periods leave 5 (a 9th would leave none).
  const SteadySkip skip = steady.consider(at(120, {3, 1}, {60, 9}, {85, 40}), glb);
  EXPECT_EQ(skip.periods, 8);
  EXPECT_EQ(skip.period_cycles, 20);
  EXPECT_EQ(skip.tally_growth, (std::vector<long long>{10, 2}));
}

TEST_F(SteadyStateTest, WorkLeftThatGrewMeansABoundaryWasCrossed) {
  const PassPlan plan = two_chains(1);
  SteadyState steady(plan);
  steady.consider(at(100, {3}, {50}, {95, 2}), glb);
  EXPECT_EQ(steady.consider(at(120, {3}, {60}, {85, 7}), glb).periods, 0);
}

TEST_F(SteadyStateTest, NoProgressIsNoSteadyState) {
  const PassPlan plan = two_chains(1);
  SteadyState steady(plan);
  steady.consider(at(100, {3}, {50}, {95}), glb);
  EXPECT_EQ(steady.consider(at(120, {3}, {60}, {95}), glb).periods, 0);
}

// Both chains write in the same cycle each period. A stride of one bank row takes
// the second chain to banks 2, 3, then 0, where the first one is (a conflict the
// reference period did not have): only one more period repeats it.
TEST_F(SteadyStateTest, PsumClaimsOfEachSkippedPeriodMustBeAnsweredAlike) {
  const PassPlan plan = two_chains(4);
  SteadyState steady(plan);
  steady.consider(at(100, {1}, {0}, {1000}), glb);
  steady.record_claim({105, 0, true, 0, true});
  steady.record_claim({105, 1, true, 0, true});
  EXPECT_EQ(steady.consider(at(110, {1}, {1}, {999}), glb).periods, 1);
}

// Four bank rows on, the second chain stays in bank 2.
TEST_F(SteadyStateTest, ClaimsThatKeepTheirBanksApartAllowTheFullSkip) {
  const PassPlan plan = two_chains(16);
  SteadyState steady(plan);
  steady.consider(at(100, {1}, {0}, {1000}), glb);
  steady.record_claim({105, 0, true, 0, true});
  steady.record_claim({105, 1, true, 0, true});
  EXPECT_EQ(steady.consider(at(110, {1}, {1}, {999}), glb).periods, 998);
}

}  // namespace
}  // namespace accelsim
