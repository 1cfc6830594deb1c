// Every file under tests/configs/broken/{arch,workload}/ must fail to load with
// exactly the message its first line states:  # expect: <message>
// (the message names the file as passed here, relative to the source tree).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "arch/arch_parser.h"
#include "workloads/network.h"

namespace accelsim {
namespace {
namespace fs = std::filesystem;

const std::string kExpectPrefix = "# expect: ";

// "tests/configs/broken/<kind>/<name>.yaml" for every file of that kind, sorted.
std::vector<std::string> broken_files(const std::string& kind) {
  const std::string folder = "tests/configs/broken/" + kind;
  std::vector<std::string> paths;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(fs::path(ACCELSIM_SOURCE_DIR) / folder, error)) {
    if (entry.path().extension() == ".yaml") {
      paths.push_back(folder + "/" + entry.path().filename().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string expected_message(const std::string& path) {
  std::ifstream in(path);
  std::string first_line;
  std::getline(in, first_line);
  if (first_line.compare(0, kExpectPrefix.size(), kExpectPrefix) != 0) return "";
  return first_line.substr(kExpectPrefix.size());
}

// The InputError message of loading `path`, or a description of what went wrong instead.
std::string load_error(const std::string& path) {
  try {
    if (path.find("/arch/") != std::string::npos) {
      parse_arch_file(path);
    } else {
      parse_network_file(path);
    }
  } catch (const InputError& error) {
    return error.what();
  } catch (const std::exception& error) {
    return std::string("not an InputError: ") + error.what();
  }
  return "(loaded without an error)";
}

class BrokenInput : public ::testing::TestWithParam<std::string> {};

TEST_P(BrokenInput, FailsWithItsExpectedMessage) {
  const std::string path = GetParam();
  const std::string expected = expected_message(path);
  ASSERT_FALSE(expected.empty()) << path << ": first line must be '" << kExpectPrefix << "...'";
  EXPECT_EQ(load_error(path), expected);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).parent_path().filename().string() + "_" +
                     fs::path(info.param).stem().string();
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Arch, BrokenInput, ::testing::ValuesIn(broken_files("arch")),
                         test_name);
INSTANTIATE_TEST_SUITE_P(Workload, BrokenInput, ::testing::ValuesIn(broken_files("workload")),
                         test_name);

TEST(BrokenInputs, CoverEveryRequiredCase) {
  const std::vector<std::string> arch = {
      "empty", "syntax_error", "unknown_key", "unknown_key_no_match", "missing_required_key",
      "text_for_integer", "list_for_number", "negative_size", "zero_size",
      "unknown_energy_table", "glb_banks_not_dividing", "fixed_split_ifmap_banks",
      "word_bits_not_16", "duplicate_key",
      // issue 15: extreme values that crashed, overflowed or ran out of memory
      "clock_huge", "dram_clock_tiny", "pe_array_rows_int_max", "pe_array_rows_46341",
      "pe_array_too_many_pes", "pe_storage_too_large", "input_fifo_2_pow_31",
      "pipeline_stages_2_pow_31", "energy_cost_huge", "second_document", "lone_comma",
      "first_line_indented", "name_leaves_results"};
  const std::vector<std::string> workload = {
      "empty", "syntax_error", "unknown_key", "unknown_key_no_match", "missing_required_key",
      "text_for_integer", "list_for_number", "negative_size", "zero_size", "kernel_too_large",
      "stride_zero", "groups_not_dividing", "unknown_input_layer", "duplicate_layer_name",
      "add_mismatched_shapes", "unknown_layer_type", "activation_unknown",
      "mul_mismatched_shapes", "shuffle_groups_not_dividing", "matmul_inner_mismatch",
      "matmul_heads_not_dividing", "slice_out_of_range", "weights_from_other_shape",
      // issue 15: extreme values that crashed or overflowed, names used in paths
      "padding_2_pow_31", "dilation_2_pow_31", "fc_outputs_2_pow_31",
      "fc_weights_past_the_limit", "macs_past_the_limit", "concat_channels_past_the_limit",
      "input_ten_gigapixels", "output_past_the_limit", "matmul_heads_past_the_limit",
      "empty_layer_name", "layer_named_input", "name_leaves_results", "name_with_nul"};
  const auto present = [](const std::string& kind, const std::vector<std::string>& names) {
    const auto files = broken_files(kind);
    for (const auto& name : names) {
      const std::string path = "tests/configs/broken/" + kind + "/" + name + ".yaml";
      EXPECT_NE(std::find(files.begin(), files.end(), path), files.end()) << path;
    }
  };
  present("arch", arch);
  present("workload", workload);
}

}  // namespace
}  // namespace accelsim
