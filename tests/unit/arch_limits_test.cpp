// The bounds of spec fields (arch/arch_limits.h, arch/README.md "Limits"): every bound
// itself is accepted, one step past it is an input error naming the value and the limit.
// (tests/configs/broken/arch/ holds the extreme values of issue 15 as files.)

#include <gtest/gtest.h>

#include "arch/arch_limits.h"
#include "arch/arch_parser.h"
#include "tests/unit/error_of.h"

namespace accelsim {
namespace {

ArchSpec tiny_with(const std::vector<std::string>& settings) {
  std::vector<Override> overrides;
  for (const auto& setting : settings) overrides.push_back(parse_override(setting));
  return parse_arch_file("arch/tiny.yaml", overrides);
}

std::string error_with(const std::string& setting) {
  return error_of([&] { tiny_with({setting}); });
}

TEST(ArchLimits, AcceptEveryBoundItself) {
  const ArchSpec spec = tiny_with(
      {"clock_mhz=100000", "dram.clock_mhz=0.001", "pe.ifmap_spad_words=65536",
       "pe.input_fifo_words=65536", "pe.mac_pipeline_stages=64", "glb.size_kb=1048576",
       "glb.banks=4096", "glb.bank_width_bits=65536", "glb.bank_ports=64",
       "glb.filter_buffer_kb=0", "glb.filter_buffer_banks=0", "dram.link_width_bits=65536",
       "dram.latency_cycles=1000000", "noc.ifmap.bus_width_words=65536"});
  EXPECT_DOUBLE_EQ(spec.clock_mhz, 100000);
  EXPECT_DOUBLE_EQ(spec.dram.clock_mhz, 0.001);
  EXPECT_EQ(spec.pe.ifmap_spad_words, 65536);
  EXPECT_EQ(spec.pe.input_fifo_words, 65536);
  EXPECT_EQ(spec.glb.bank_depth_rows(), 32);  // 2^33 bits / (4096 x 65536): no int overflow
  EXPECT_EQ(spec.glb_words(), 536870912);
  EXPECT_EQ(tiny_with({"pe_array.rows=1024", "pe_array.cols=64"}).pe_array.count(), 65536);
}

TEST(ArchLimits, RejectOneStepPastEachBound) {
  EXPECT_EQ(error_with("clock_mhz=100000.1"),
            "--set clock_mhz=100000.1: clock_mhz: found '100000.1', expected a number from "
            "0.001 to 100000");
  EXPECT_EQ(error_with("dram.clock_mhz=0.0009"),
            "--set dram.clock_mhz=0.0009: dram.clock_mhz: found '0.0009', expected a number "
            "from 0.001 to 100000");
  EXPECT_EQ(error_with("pe_array.cols=1025"),
            "--set pe_array.cols=1025: pe_array.cols: found '1025', expected an integer from 1 "
            "to 1024");
  EXPECT_EQ(error_with("pe.output_fifo_words=65537"),
            "--set pe.output_fifo_words=65537: pe.output_fifo_words: found '65537', expected an "
            "integer from 1 to 65536");
  EXPECT_EQ(error_with("glb.bank_ports=65"),
            "--set glb.bank_ports=65: glb.bank_ports: found '65', expected an integer from 1 to "
            "64");
}

TEST(ArchLimits, BoundEnergyCostsSoThatTotalsStayFinite) {
  const auto table = [](const std::string& mac, const std::string& static_mw) {
    const YamlDocument document = {
        "table.yaml",
        YAML::Load("name: t\nsource: s\nunit: pJ\nper_access: {dram: 1e9, glb: 1, "
                   "filter_buffer: 1, array: 1, rf_ifmap: 1, rf_filter: 1, rf_psum: 1, mac: " +
                   mac + "}\nstatic_mw: " + static_mw + "\n"),
        {}};
    return parse_energy_table(YamlMap(&document, document.root, ""));
  };
  EXPECT_DOUBLE_EQ(table("1", "1e9").cost(Level::dram), 1e9);
  EXPECT_EQ(error_of([&] { table("1e308", "0"); }),
            "table.yaml:4: per_access.mac: found '1e308', expected a number from 0 to "
            "1000000000");
  EXPECT_EQ(error_of([&] { table("1", "1000000001"); }),
            "table.yaml:5: static_mw: found '1000000001', expected a number from 0 to "
            "1000000000");
}

TEST(ArchLimits, BoundThePeCountAndTheirStorage) {
  EXPECT_EQ(error_of([] { tiny_with({"pe_array.rows=257", "pe_array.cols=256"}); }),
            "--set pe_array.cols=256: pe_array.cols: found '257 x 256 = 65792 PEs', expected at "
            "most 65536 PEs");
  // Per PE: 6 + F + 4 spad words, 3 x 2 + 2 FIFO words and 2 stages: 1,024 words with
  // F = 1,004, and 65,536 x 1,024 = 2^26 words is the limit itself.
  const ArchSpec at_limit =
      tiny_with({"pe_array.rows=256", "pe_array.cols=256", "pe.filter_spad_words=1004"});
  EXPECT_EQ(at_limit.pe.filter_spad_words, 1004);
  EXPECT_EQ(error_of([] {
              tiny_with({"pe_array.rows=256", "pe_array.cols=256", "pe.filter_spad_words=1005"});
            }),
            "arch/tiny.yaml:10: pe: found '65536 PEs x 1025 words', expected at most 67108864 "
            "words in all PEs (spads, 3 input FIFOs, the output FIFO and the pipeline stages "
            "of each PE)");
}

}  // namespace
}  // namespace accelsim
