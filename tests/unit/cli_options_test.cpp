// Command-line parsing: defaults, override order, and the errors that exit with 2.

#include <gtest/gtest.h>

#include "sim/cli/options.h"

namespace accelsim {
namespace {

CliOptions parse(std::vector<const char*> args) {
  args.insert(args.begin(), "accelsim");
  return parse_cli(int(args.size()), args.data());
}

std::string error_of(std::vector<const char*> args) {
  try {
    parse(std::move(args));
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

TEST(CliOptions, HaveDefaults) {
  const CliOptions options = parse({"--arch", "eyeriss", "--net", "alexnet"});
  EXPECT_EQ(options.arch, "eyeriss");
  EXPECT_EQ(options.net, "alexnet");
  EXPECT_EQ(options.dataflows, std::vector<std::string>{"rs"});
  EXPECT_EQ(options.batch, 1);
  EXPECT_TRUE(options.layers.empty());
  EXPECT_EQ(options.objective, "energy");
  EXPECT_EQ(options.mode, "exact");
  EXPECT_EQ(options.format, "table");
  EXPECT_EQ(options.seed, 0u);
  EXPECT_FALSE(options.check);
}

TEST(CliOptions, ReadListsAndKeepOverridesInTheOrderGiven) {
  const CliOptions options =
      parse({"--dataflow", "rs,ws", "--layers", "conv1,conv2", "--set", "glb.size_kb=64",
             "--pe-array", "16x8", "--set", "pe_array.rows=4"});
  EXPECT_EQ(options.dataflows, (std::vector<std::string>{"rs", "ws"}));
  EXPECT_EQ(options.layers, (std::vector<std::string>{"conv1", "conv2"}));
  ASSERT_EQ(options.overrides.size(), 4u);
  EXPECT_EQ(options.overrides[0].describe(), "--set glb.size_kb=64");
  EXPECT_EQ(options.overrides[1].describe(), "--pe-array 16x8");
  EXPECT_EQ(options.overrides[2].key_path, "pe_array.cols");
  EXPECT_EQ(options.overrides[3].describe(), "--set pe_array.rows=4");
}

TEST(CliOptions, RejectBadValues) {
  EXPECT_EQ(error_of({"--batch", "0"}), "--batch: found '0', expected N >= 1");
  EXPECT_EQ(error_of({"--dataflow", "rs,foo"}),
            "--dataflow: unknown value 'foo'; expected one of: rs, ws, ws-psum, os-a, os-b, "
            "os-c, nlr, os, all");
  EXPECT_EQ(error_of({"--format", "jsn"}),
            "--format: unknown value 'jsn'; did you mean 'json'? expected one of: table, csv, "
            "json");
  EXPECT_EQ(error_of({"--pe-array", "12by14"}),
            "--pe-array: found '12by14', expected ROWSxCOLS, for example 12x14");
  EXPECT_EQ(error_of({"--set", "pe_array.rows"}),
            "--set pe_array.rows: found 'pe_array.rows', expected key.path=value, for example "
            "pe_array.rows=16");
}

TEST(CliOptions, RejectUnknownOptions) {
  EXPECT_EQ(error_of({"--frobnicate"}),
            "command line: unrecognised option '--frobnicate' (see --help)");
}

}  // namespace
}  // namespace accelsim
