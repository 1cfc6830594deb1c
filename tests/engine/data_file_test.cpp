// Are layer inputs and weights read from .npy files when given, and are bad files
// clear errors?

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/engine/simulate_child.h"

namespace accelsim::testing {
namespace {

namespace fs = std::filesystem;

// A minimal .npy (version 1.0) writer for int16 or float32 arrays.
void write_npy(const fs::path& path, const std::string& descr, const std::vector<int>& shape,
               size_t item_bytes, char fill) {
  std::string dims;
  size_t count = 1;
  for (int d : shape) {
    dims += std::to_string(d) + ", ";
    count *= size_t(d);
  }
  std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims +
                       "), }";
  header.append(64 - (10 + header.size() + 1) % 64, ' ');
  header += '\n';
  std::ofstream out(path, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  const uint16_t length = uint16_t(header.size());
  out.write(reinterpret_cast<const char*>(&length), 2);
  out << header << std::string(count * item_bytes, fill);
}

struct DataFolder {
  fs::path path = fs::temp_directory_path() / ("accelsim-npy-" + std::to_string(::getpid()));
  DataFolder() { fs::create_directories(path); }
  ~DataFolder() { fs::remove_all(path); }
};

TEST(DataFile, AnAllZeroIfmapFromAFileGatesEveryMac) {
  DataFolder folder;
  write_npy(folder.path / "conv3x3_ifmap.npy", "<i2", {1, 3, 12, 12}, 2, 0);
  SimulationOptions options;
  options.layers = {"conv3x3"};
  options.data_folder = folder.path.string();
  const auto run = simulate_in_child("arch/tiny.yaml", {},
                                     "tests/configs/workloads/engine_shapes.yaml", options);
  ASSERT_FALSE(run.contains("error")) << run.dump();
  const auto layer = layer_of(run, "conv3x3");
  EXPECT_TRUE(layer.at("output_verified"));
  EXPECT_EQ(layer.at("counts").at("mac").at("gated"), layer.at("macs"));
}

// The chip's bit selection follows the layer's range (network_values.h): the same
// layer with its given weights scaled by 16 (every word 0x0101 = 257, then 0x1010 =
// 4112) keeps product bits 4 higher, and its output is still verified.
int given_weights_shift(char fill_byte) {
  DataFolder folder;
  write_npy(folder.path / "conv3x3_weights.npy", "<i2", {5, 3, 3, 3}, 2, fill_byte);
  SimulationOptions options;
  options.layers = {"conv3x3"};
  options.data_folder = folder.path.string();
  const auto run = simulate_in_child("arch/tiny.yaml", {},
                                     "tests/configs/workloads/engine_shapes.yaml", options);
  EXPECT_FALSE(run.contains("error")) << run.dump();
  EXPECT_TRUE(layer_of(run, "conv3x3").at("output_verified"));
  for (const auto& values : run.at("network_values")) {
    if (values.at("layer") == "conv3x3") return values.at("product_shift").get<int>();
  }
  ADD_FAILURE() << "conv3x3 not in network_values";
  return -1;
}

TEST(DataFile, GivenWeightsScaledBy16MoveTheProductShiftBy4) {
  const int shift = given_weights_shift(1);
  EXPECT_GE(shift, 0);
  EXPECT_EQ(given_weights_shift(16), shift + 4);
}

TEST(DataFile, AFileOfTheWrongShapeIsAnInputError) {
  DataFolder folder;
  write_npy(folder.path / "conv3x3_weights.npy", "<i2", {5, 3, 3}, 2, 1);
  SimulationOptions options;
  options.layers = {"conv3x3"};
  options.data_folder = folder.path.string();
  const auto run = simulate_in_child("arch/tiny.yaml", {},
                                     "tests/configs/workloads/engine_shapes.yaml", options);
  EXPECT_EQ(run.value("error", ""), "EXCEPTION: " + (folder.path / "conv3x3_weights.npy").string() +
                                        ": shape: found (5, 3, 3), expected (5, 3, 3, 3)");
}

TEST(DataFile, AFileOfTheWrongTypeIsAnInputError) {
  DataFolder folder;
  write_npy(folder.path / "conv3x3_weights.npy", "<f4", {5, 3, 3, 3}, 4, 0);
  SimulationOptions options;
  options.layers = {"conv3x3"};
  options.data_folder = folder.path.string();
  const auto run = simulate_in_child("arch/tiny.yaml", {},
                                     "tests/configs/workloads/engine_shapes.yaml", options);
  EXPECT_EQ(run.value("error", ""),
            "EXCEPTION: " + (folder.path / "conv3x3_weights.npy").string() +
                ": descr: found <f4, expected '<i2' (int16, little-endian)");
}

}  // namespace
}  // namespace accelsim::testing
