// Command-line parsing: defaults, override order, and the errors that exit with 2.

#include <gtest/gtest.h>

#include "dataflows/dataflow.h"
#include "sim/cli/options.h"
#include "sim/common/text.h"

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

// "rs, ws, ..., os, all": the registry's words (its own test pins their order).
std::string dataflow_choices() {
  std::vector<std::string> words;
  for (const auto& word : dataflow_words()) words.push_back(word.name);
  return join(words, ", ");
}

TEST(CliOptions, HaveDefaults) {
  const CliOptions options = parse({"--arch", "eyeriss", "--net", "alexnet"});
  EXPECT_EQ(options.request.arch, "eyeriss");
  EXPECT_EQ(options.request.net, "alexnet");
  EXPECT_EQ(options.request.dataflows, std::vector<std::string>{"rs"});
  EXPECT_EQ(options.request.batch, 1);
  EXPECT_TRUE(options.request.layers.empty());
  EXPECT_EQ(options.request.objective, "energy");
  EXPECT_EQ(options.request.mode, "exact");
  EXPECT_EQ(options.format, "table");
  EXPECT_EQ(options.request.seed, 0u);
  EXPECT_FALSE(options.check);
}

TEST(CliOptions, ReadListsAndKeepOverridesInTheOrderGiven) {
  const CliOptions options =
      parse({"--dataflow", "rs,ws", "--layers", "conv1,conv2", "--set", "glb.size_kb=64",
             "--pe-array", "16x8", "--set", "pe_array.rows=4"});
  EXPECT_EQ(options.request.dataflows, (std::vector<std::string>{"rs", "ws"}));
  EXPECT_EQ(options.request.layers, (std::vector<std::string>{"conv1", "conv2"}));
  ASSERT_EQ(options.request.overrides.size(), 4u);
  EXPECT_EQ(options.request.overrides[0].describe(), "--set glb.size_kb=64");
  EXPECT_EQ(options.request.overrides[1].describe(), "--pe-array 16x8");
  EXPECT_EQ(options.request.overrides[2].key_path, "pe_array.cols");
  EXPECT_EQ(options.request.overrides[3].describe(), "--set pe_array.rows=4");
}

TEST(CliOptions, RejectBadValues) {
  EXPECT_EQ(error_of({"--batch", "0"}), "--batch: found '0', expected an integer from 1 to 65536");
  EXPECT_EQ(error_of({"--batch", "2147483647"}),
            "--batch: found '2147483647', expected an integer from 1 to 65536");
  EXPECT_EQ(error_of({"--jobs", "100000"}),
            "--jobs: found '100000', expected an integer from 1 to 256");
  EXPECT_EQ(error_of({"--seed=-1"}),
            "--seed: found '-1', expected an integer from 0 to 4294967295");
  EXPECT_EQ(error_of({"--seed", "99999999999999999999"}),
            "--seed: found '99999999999999999999', expected an integer from 0 to 4294967295");
  EXPECT_EQ(error_of({"--zero-fraction", "nan"}), "--zero-fraction: found 'nan', expected a number");
  EXPECT_EQ(error_of({"--zero-fraction", "2"}),
            "--zero-fraction: found '2.000000', expected a number from 0 to 1");
  EXPECT_EQ(error_of({"--dataflow", "rs,foo"}),
            "--dataflow: unknown value 'foo'; expected one of: " + dataflow_choices());
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

// Boost substitutes the option and the value into its message templates: a value or an
// option holding a placeholder made the substitution loop forever.
TEST(CliOptions, NameBoostPlaceholdersInsteadOfHanging) {
  EXPECT_EQ(error_of({"--batch", "%value%"}),
            "--batch: found '%value%', expected an integer from 1 to 65536");
  EXPECT_EQ(error_of({"-j", "%value%"}),
            "--jobs: found '%value%', expected an integer from 1 to 256");
  EXPECT_EQ(error_of({"--x%canonical_option%"}),
            "command line: unrecognised option '--x%canonical_option%' (see --help)");
  EXPECT_EQ(error_of({"--help=%value%"}),
            "command line: option '--help' takes no value (see --help)");
  EXPECT_EQ(error_of({"--net"}), "command line: option '--net' needs a value (see --help)");
}

TEST(CliOptions, RejectWordsThatFollowNoOption) {
  const std::string expected =
      "', expected an option; a list is one argument, e.g. --layers conv1,conv3 (see --help)";
  EXPECT_EQ(error_of({"--net", "lenet5", "foo", "bar", "--check"}),
            "command line: found 'foo" + expected);
  EXPECT_EQ(error_of({"--layers", "c1", "c3"}), "command line: found 'c3" + expected);
}

TEST(CliOptions, KeepEmptyItemsOfAListForTheFacadeToName) {
  EXPECT_EQ(parse({"--layers", ""}).request.layers, std::vector<std::string>{""});
  EXPECT_EQ(parse({"--layers", "c1,,c3,"}).request.layers,
            (std::vector<std::string>{"c1", "", "c3", ""}));
  EXPECT_EQ(error_of({"--dataflow", "rs,"}),
            "--dataflow: unknown value ''; expected one of: " + dataflow_choices());
}

}  // namespace
}  // namespace accelsim
