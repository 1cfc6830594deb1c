// Accelerator specs: the shipped specs parse to their published values, overrides
// change them and are validated like the file, and the energy tables load.

#include <gtest/gtest.h>

#include "arch/arch_parser.h"
#include "tests/unit/error_of.h"

namespace accelsim {
namespace {

void expect_costs(const EnergyTable& table, const std::array<double, kLevelCount>& costs) {
  for (int i = 0; i < kLevelCount; ++i) {
    EXPECT_DOUBLE_EQ(table.per_access[i], costs[i]) << level_names()[i];
  }
}

TEST(EyerissSpec, HasThePublishedPeArrayAndPe) {
  const ArchSpec spec = parse_arch_file("arch/eyeriss.yaml");
  EXPECT_EQ(spec.name, "eyeriss");
  EXPECT_EQ(spec.file, "arch/eyeriss.yaml");
  EXPECT_DOUBLE_EQ(spec.clock_mhz, 200);
  EXPECT_EQ(spec.word_bits, 16);
  EXPECT_EQ(spec.word_bytes(), 2);
  EXPECT_EQ(spec.pe_array.rows, 12);
  EXPECT_EQ(spec.pe_array.cols, 14);
  EXPECT_EQ(spec.pe_array.count(), 168);
  EXPECT_EQ(spec.pe.ifmap_spad_words, 12);
  EXPECT_EQ(spec.pe.filter_spad_words, 224);
  EXPECT_EQ(spec.pe.psum_spad_words, 24);
  EXPECT_EQ(spec.pe.mac_pipeline_stages, 3);
  EXPECT_TRUE(spec.pe.zero_gating);
  EXPECT_EQ(spec.pe.input_fifo_words, 4);
  EXPECT_EQ(spec.pe.output_fifo_words, 4);
}

TEST(EyerissSpec, HasThePublishedNetworkOnChip) {
  const ArchSpec spec = parse_arch_file("arch/eyeriss.yaml");
  EXPECT_EQ(spec.noc.ifmap.bus_width_words, 1);
  EXPECT_EQ(spec.noc.filter.bus_width_words, 4);
  EXPECT_EQ(spec.noc.psum.bus_width_words, 4);
  EXPECT_TRUE(spec.noc.ifmap.multicast);
  EXPECT_TRUE(spec.noc.filter.multicast);
  EXPECT_TRUE(spec.noc.psum.multicast);
  EXPECT_EQ(spec.noc.output_bus_width_words, 4);
  EXPECT_EQ(spec.noc.local_psum_link_words, 4);
}

TEST(EyerissSpec, HasThePublishedBuffersAndDram) {
  const ArchSpec spec = parse_arch_file("arch/eyeriss.yaml");
  EXPECT_EQ(spec.glb.size_kb, 100);
  EXPECT_EQ(spec.glb.banks, 25);
  EXPECT_EQ(spec.glb.bank_width_bits, 64);
  EXPECT_EQ(spec.glb.bank_depth_rows(), 512);  // 25 banks of 512 x 64 b
  EXPECT_EQ(spec.glb.bank_ports, 1);
  EXPECT_EQ(spec.glb.split, GlbSplitPolicy::per_layer);
  EXPECT_EQ(spec.glb.ifmap_banks, 0);
  EXPECT_EQ(spec.glb_words(), 51200);
  EXPECT_EQ(spec.glb.filter_buffer_kb, 8);
  EXPECT_EQ(spec.glb.filter_buffer_banks, 2);
  EXPECT_EQ(spec.filter_buffer_words(), 4096);
  EXPECT_EQ(spec.dram.link_width_bits, 64);
  EXPECT_DOUBLE_EQ(spec.dram.clock_mhz, 60);
  EXPECT_EQ(spec.dram.latency_cycles, 10);
  EXPECT_EQ(spec.dram.compression, DramCompression::rle);
  EXPECT_EQ(spec.dram.rle_run_bits, 5);
}

TEST(EyerissSpec, UsesTheNormalizedIsca16EnergyTable) {
  const ArchSpec spec = parse_arch_file("arch/eyeriss.yaml");
  EXPECT_EQ(spec.energy.name, "isca16-normalized");
  EXPECT_EQ(spec.energy.unit, "x MAC");
  EXPECT_FALSE(spec.energy.is_absolute());
  EXPECT_DOUBLE_EQ(spec.energy.cost(Level::dram), 200);
  EXPECT_DOUBLE_EQ(spec.energy.cost(Level::glb), 6);
  EXPECT_DOUBLE_EQ(spec.energy.cost(Level::array), 2);
  EXPECT_DOUBLE_EQ(spec.energy.cost(Level::rf_ifmap), 1);
  EXPECT_DOUBLE_EQ(spec.energy.cost(Level::rf_filter), 1);
  EXPECT_DOUBLE_EQ(spec.energy.cost(Level::rf_psum), 1);
  EXPECT_DOUBLE_EQ(spec.energy.cost(Level::mac), 1);
}

TEST(TinySpec, ParsesWithItsSmallBuffersAndDefaults) {
  const ArchSpec spec = parse_arch_file("arch/tiny.yaml");
  EXPECT_EQ(spec.name, "tiny");
  EXPECT_EQ(spec.pe_array.rows, 3);
  EXPECT_EQ(spec.pe_array.cols, 4);
  EXPECT_EQ(spec.pe.ifmap_spad_words, 6);
  EXPECT_EQ(spec.pe.filter_spad_words, 24);
  EXPECT_EQ(spec.pe.psum_spad_words, 4);
  EXPECT_EQ(spec.pe.mac_pipeline_stages, 2);
  EXPECT_EQ(spec.noc.local_psum_link_words, 1);
  EXPECT_EQ(spec.glb.size_kb, 4);
  EXPECT_EQ(spec.glb.bank_depth_rows(), 256);  // 4 kB in 4 banks of 32 b
  EXPECT_EQ(spec.glb.bank_ports, 1);           // default
  EXPECT_EQ(spec.glb.filter_buffer_kb, 1);
  EXPECT_EQ(spec.dram.link_width_bits, 16);
  EXPECT_DOUBLE_EQ(spec.dram.clock_mhz, 50);
  EXPECT_EQ(spec.dram.rle_run_bits, 5);  // default
  EXPECT_EQ(spec.energy.name, "isca16-normalized");
}

TEST(BuiltinArchs, AreListedAndLoadedByName) {
  EXPECT_EQ(list_builtin_archs(),
            (std::vector<std::string>{"eyeriss", "isca16/nlr", "isca16/os-a", "isca16/os-b",
                                      "isca16/os-c", "isca16/rs", "isca16/ws", "isca16/ws-psum",
                                      "tiny"}));
  EXPECT_EQ(load_arch("eyeriss").name, "eyeriss");
  EXPECT_EQ(load_arch("isca16/os-b").name, "isca16-os-b");
  EXPECT_EQ(load_arch("arch/tiny.yaml").name, "tiny");
}

TEST(BuiltinArchs, AnUnknownNameGetsADidYouMean) {
  EXPECT_EQ(error_of([] { load_arch("eyeris"); }),
            "--arch: unknown architecture 'eyeris'; did you mean 'eyeriss'? expected one of: "
            "eyeriss, isca16, isca16/nlr, isca16/os-a, isca16/os-b, isca16/os-c, isca16/rs, "
            "isca16/ws, isca16/ws-psum, tiny, or a path to a spec file or to a folder of specs");
  EXPECT_EQ(error_of([] { load_arch("arch/nope.yaml"); }),
            "arch/nope.yaml: cannot open file (does it exist?)");
}

TEST(ArchOverrides, SetChangesAnyField) {
  const ArchSpec spec =
      parse_arch_file("arch/eyeriss.yaml",
                      {parse_override("glb.size_kb=50"), parse_override("pe.zero_gating=false"),
                       parse_override("energy=eyeriss-65nm")});
  EXPECT_EQ(spec.glb.size_kb, 50);
  EXPECT_EQ(spec.glb.bank_depth_rows(), 256);
  EXPECT_FALSE(spec.pe.zero_gating);
  EXPECT_EQ(spec.energy.name, "eyeriss-65nm");
}

TEST(ArchOverrides, PeArrayOptionSetsRowsAndCols) {
  const auto overrides = pe_array_overrides("16x8");
  ASSERT_EQ(overrides.size(), 2u);
  EXPECT_EQ(overrides[0].describe(), "--pe-array 16x8");
  const ArchSpec spec = parse_arch_file("arch/eyeriss.yaml", overrides);
  EXPECT_EQ(spec.pe_array.rows, 16);
  EXPECT_EQ(spec.pe_array.cols, 8);
}

TEST(ArchOverrides, ALaterOverrideWins) {
  const ArchSpec spec = parse_arch_file(
      "arch/eyeriss.yaml", {pe_array_overrides("16x16")[0], parse_override("pe_array.rows=4")});
  EXPECT_EQ(spec.pe_array.rows, 4);
  EXPECT_EQ(spec.pe_array.cols, 14);
}

// The message of loading arch/eyeriss.yaml with `overrides`.
std::string eyeriss_error(const std::vector<Override>& overrides) {
  return error_of([&] { parse_arch_file("arch/eyeriss.yaml", overrides); });
}

TEST(ArchOverrides, AreValidatedLikeTheFile) {
  EXPECT_EQ(eyeriss_error({parse_override("pe_array.rowz=3")}),
            "--set pe_array.rowz=3: pe_array.rowz: unknown key 'rowz'; did you mean 'rows'? "
            "expected one of: rows, cols");
  EXPECT_EQ(eyeriss_error(pe_array_overrides("0x3")),
            "--pe-array 0x3: pe_array.rows: found '0', expected an integer from 1 to 1024");
  EXPECT_EQ(eyeriss_error(pe_array_overrides("12x0")),
            "--pe-array 12x0: pe_array.cols: found '0', expected an integer from 1 to 1024");
  EXPECT_EQ(eyeriss_error({parse_override("energy=isca")}),
            "--set energy=isca: energy: unknown energy table 'isca'; expected one of: "
            "accelergy-45nm, eyeriss-65nm, isca16-normalized, or a path to a .yaml table, or an "
            "inline table");
}

TEST(ArchOverrides, CrossFieldRulesNameTheOverride) {
  EXPECT_EQ(eyeriss_error({parse_override("glb.banks=24")}),
            "--set glb.banks=24: glb.banks: found '24 banks of 64 bits', expected banks that "
            "divide the 100 kB GLB into whole rows");
  EXPECT_EQ(eyeriss_error({parse_override("word_bits=8")}),
            "--set word_bits=8: word_bits: found '8', expected 16 (the engine computes in "
            "16-bit fixed point)");
}

TEST(ArchOverrides, PeArrayTextMustBeRowsByCols) {
  const std::string expected = ", expected ROWSxCOLS, for example 12x14";
  EXPECT_EQ(error_of([] { pe_array_overrides("12by14"); }),
            "--pe-array: found '12by14'" + expected);
  EXPECT_EQ(error_of([] { pe_array_overrides("12x"); }), "--pe-array: found '12x'" + expected);
  EXPECT_EQ(error_of([] { pe_array_overrides("-1x4"); }), "--pe-array: found '-1x4'" + expected);
  EXPECT_EQ(error_of([] { pe_array_overrides("1x2x3"); }),
            "--pe-array: found '1x2x3'" + expected);
}

TEST(EnergyTables, AllThreeAreBuiltIn) {
  EXPECT_EQ(list_builtin_energy_tables(),
            (std::vector<std::string>{"accelergy-45nm", "eyeriss-65nm", "isca16-normalized"}));
}

TEST(EnergyTables, Eyeriss65nmHasTheChipCalibratedCosts) {
  const EnergyTable table = parse_energy_file("arch/energy/eyeriss-65nm.yaml");
  EXPECT_EQ(table.name, "eyeriss-65nm");
  EXPECT_EQ(table.unit, "pJ");
  EXPECT_TRUE(table.is_absolute());
  // dram, glb, filter_buffer, array, rf_ifmap, rf_filter, rf_psum, mac
  expect_costs(table, {460, 15, 15, 4, 1, 1, 1, 2});
  EXPECT_DOUBLE_EQ(table.mac_gated, 0);
  EXPECT_DOUBLE_EQ(table.static_mw, 30);
}

TEST(EnergyTables, Accelergy45nmHasThePerActionCosts) {
  const EnergyTable table = parse_energy_file("arch/energy/accelergy-45nm.yaml");
  EXPECT_EQ(table.name, "accelergy-45nm");
  EXPECT_EQ(table.unit, "pJ");
  expect_costs(table, {128, 18.8, 18.8, 0.25, 0.24, 1.59, 0.25, 2.2});
  EXPECT_DOUBLE_EQ(table.mac_gated, 0.103);
  EXPECT_DOUBLE_EQ(table.static_mw, 0);
}

TEST(EnergyTables, Isca16NormalizedIsRelativeToOneMac) {
  const EnergyTable table = parse_energy_file("arch/energy/isca16-normalized.yaml");
  EXPECT_EQ(table.name, "isca16-normalized");
  EXPECT_EQ(table.unit, "x MAC");
  EXPECT_FALSE(table.is_absolute());
  expect_costs(table, {200, 6, 6, 2, 1, 1, 1, 1});
  EXPECT_DOUBLE_EQ(table.mac_gated, 0);
  EXPECT_DOUBLE_EQ(table.static_mw, 0);
}

TEST(EnergyTables, AnInlineTablePricesEveryLevel) {
  const YamlDocument doc = {"inline.yaml",
                            YAML::Load("name: t\nsource: s\nunit: pJ\nper_access:\n"
                                       "  {dram: 9, glb: 8, filter_buffer: 7, array: 6,\n"
                                       "   rf_ifmap: 5, rf_filter: 4, rf_psum: 3, mac: 2}\n"),
                            {}};
  const EnergyTable table = parse_energy_table(YamlMap(&doc, doc.root, "energy"));
  expect_costs(table, {9, 8, 7, 6, 5, 4, 3, 2});
  EXPECT_DOUBLE_EQ(table.cost(Level::filter_buffer), 7);
}

TEST(EnergyTables, AnInlineTableNeedsEveryLevelAndAKnownUnit) {
  const YamlDocument missing = {
      "inline.yaml", YAML::Load("name: t\nsource: s\nunit: pJ\nper_access: {dram: 9}\n"), {}};
  EXPECT_EQ(error_of([&] { parse_energy_table(YamlMap(&missing, missing.root, "energy")); }),
            "inline.yaml:4: energy.per_access.glb: missing required key");
  const YamlDocument unit = {"inline.yaml", YAML::Load("name: t\nsource: s\nunit: J\n"), {}};
  EXPECT_EQ(error_of([&] { parse_energy_table(YamlMap(&unit, unit.root, "energy")); }),
            "inline.yaml:3: energy.unit: unknown value 'J'; did you mean 'pJ'? expected one of: "
            "pJ, x MAC");
}

}  // namespace
}  // namespace accelsim
