// Do the ISCA 2016 comparison specs all have the same storage area (REFERENCE.md
// section 3), within 1%?

#include <gtest/gtest.h>

#include <cmath>

#include "arch/arch_parser.h"
#include "arch/area_model.h"

namespace accelsim {
namespace {

TEST(AreaModel, BudgetIs256RfsOf512BytesPlusA128KbGlb) {
  // 256 x 512 B x 20.9 + 131072 B x 12.7
  EXPECT_NEAR(isca16_storage_budget_um2(), 2739404.8 + 1664614.4, 1e-6);
}

TEST(AreaModel, EyerissStorageCountsRfsGlbAndFilterBuffer) {
  const ArchSpec eyeriss = parse_arch_file("arch/eyeriss.yaml");
  // 168 PEs x (12 + 224 + 24) words x 2 B x 20.9 + (100 + 8) kB x 12.7
  EXPECT_NEAR(storage_area_um2(eyeriss), 168 * 520 * 20.9 + 108 * 1024 * 12.7, 1e-6);
}

class Isca16Spec : public ::testing::TestWithParam<const char*> {};

TEST_P(Isca16Spec, HasTheBudgetsStorageAreaWithinOnePercent) {
  const ArchSpec spec = load_arch(std::string("isca16/") + GetParam());
  EXPECT_EQ(spec.pe_array.count(), 256);
  EXPECT_EQ(spec.energy.name, "isca16-normalized");
  const double ratio = storage_area_um2(spec) / isca16_storage_budget_um2();
  EXPECT_LT(std::fabs(ratio - 1), 0.01) << "area ratio " << ratio;
}

INSTANTIATE_TEST_SUITE_P(Dataflows, Isca16Spec,
                         ::testing::Values("rs", "ws", "ws-psum", "os-a", "os-b", "os-c", "nlr"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (auto& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

}  // namespace
}  // namespace accelsim
