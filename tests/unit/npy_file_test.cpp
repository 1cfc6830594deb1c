// The .npy reader of --data: NumPy's header dict parsed by hand, versions 1.0 to 3.0,
// a bounded header, the exact shape and data size; everything else an InputError
// naming the file (issue 15: a 4 MB header overflowed the stack of a std::regex, a
// negative dimension was read as positive, trailing bytes were ignored).

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "sim/engine/data/layer_data.h"
#include "tests/unit/error_of.h"
#include "tests/unit/scratch_folder.h"

namespace accelsim {
namespace {

// A layer whose ifmap is (1, 2, 3, 3): N = 1, C = 2, H = W = 3.
LayerData small_layer() {
  LayerData data;
  data.shape.C = 2;
  data.shape.M = 2;
  data.shape.H = data.shape.W = 3;
  data.shape.R = data.shape.S = 2;
  data.shape.E = data.shape.F = 2;
  return data;
}

// The bytes of a .npy file: magic, version, header length (2 bytes for 1.0, else 4),
// `header` as given, then `data_bytes` bytes counting up from 0.
std::string npy(const std::string& header, size_t data_bytes, int major = 1) {
  std::string bytes = std::string("\x93NUMPY", 6) + char(major) + '\0';
  const size_t length_bytes = major == 1 ? 2 : 4;
  for (size_t i = 0; i < length_bytes; ++i) bytes += char((header.size() >> (8 * i)) & 0xff);
  bytes += header;
  for (size_t i = 0; i < data_bytes; ++i) bytes += char(i);
  return bytes;
}

const std::string kGoodHeader =
    "{'descr': '<i2', 'fortran_order': False, 'shape': (1, 2, 3, 3), }\n";

// The InputError message of loading `bytes` as the small layer's ifmap, with the
// scratch folder's path replaced by "DIR".
std::string load_error(const std::string& bytes) {
  const Scratch dir;
  std::ofstream(dir / "layer_ifmap.npy", std::ios::binary) << bytes;
  LayerData data = small_layer();
  std::string message = error_of([&] { load_layer_data(dir.path().string(), "layer", data); });
  const std::string folder = dir.path().string();
  if (message.rfind(folder, 0) == 0) message = "DIR" + message.substr(folder.size());
  return message;
}

TEST(NpyFile, ReadsTheValuesOfEveryVersion) {
  for (const int major : {1, 2, 3}) {
    const Scratch dir;
    std::ofstream(dir / "layer_ifmap.npy", std::ios::binary) << npy(kGoodHeader, 36, major);
    LayerData data = small_layer();
    load_layer_data(dir.path().string(), "layer", data);
    ASSERT_EQ(data.ifmap.size(), 18u) << major;
    EXPECT_EQ(data.ifmap[0], 0x0100) << major;   // bytes 00 01, little-endian
    EXPECT_EQ(data.ifmap[17], 0x2322) << major;  // bytes 34 35
  }
}

TEST(NpyFile, AcceptsNumPysSpellings) {
  EXPECT_EQ(load_error(npy("{\"descr\":\"<i2\",\"shape\":(1,2,3,3),\"fortran_order\":False}",
                           36)),
            "");
}

TEST(NpyFile, RejectsOtherVersionsAndHugeHeaders) {
  EXPECT_EQ(load_error(npy(kGoodHeader, 36, 4)),
            "DIR/layer_ifmap.npy: version: found '4.0', expected 1.0, 2.0 or 3.0");
  // Header-length bytes "t{'d" (1.68 GB) made the reader allocate and regex-scan it.
  std::string huge = npy(kGoodHeader, 36, 2);
  huge.replace(8, 4, "t{'d");
  EXPECT_EQ(load_error(huge),
            "DIR/layer_ifmap.npy: header: found a header of 1680309108 bytes, expected at most "
            "10000");
  EXPECT_EQ(load_error(npy(kGoodHeader, 0).substr(0, 30)),
            "DIR/layer_ifmap.npy: found a file that ends inside the header, expected a header");
  EXPECT_EQ(load_error("PK\x03\x04"),
            "DIR/layer_ifmap.npy: found no .npy header, expected a NumPy .npy file");
}

TEST(NpyFile, RejectsNegativeAndHugeDimensions) {
  EXPECT_EQ(load_error(npy("{'descr': '<i2', 'fortran_order': False, 'shape': (-1, 2, 3, 3)}",
                           36)),
            "DIR/layer_ifmap.npy: shape: found '-1', expected a dimension from 0 to "
            "999999999999999999");
  EXPECT_EQ(load_error(npy("{'descr': '<i2', 'fortran_order': False, 'shape': "
                           "(99999999999999999999, 2, 3, 3)}",
                           36)),
            "DIR/layer_ifmap.npy: shape: found '99999999999999999999', expected a dimension "
            "from 0 to 999999999999999999");
  EXPECT_EQ(load_error(npy("{'descr': '<i2', 'fortran_order': False, 'shape': (1, 2, 3)}", 36)),
            "DIR/layer_ifmap.npy: shape: found (1, 2, 3), expected (1, 2, 3, 3)");
}

TEST(NpyFile, RejectsAMalformedHeader) {
  EXPECT_EQ(load_error(npy("{'descr': '<i2', 'shape': (1, 2, 3, 3)}", 36)),
            "DIR/layer_ifmap.npy: header: found a header without 'descr', 'fortran_order' or "
            "'shape', expected all three");
  EXPECT_EQ(load_error(npy("{'descr': '<i2', 'descr': '<i2', 'fortran_order': False, "
                           "'shape': (1, 2, 3, 3)}",
                           36)),
            "DIR/layer_ifmap.npy: header: found key 'descr', expected each of 'descr', "
            "'fortran_order', 'shape' once");
  EXPECT_EQ(load_error(npy("{'descr': '<i2', 'fortran_order': False, 'shape': (1, 2, 3, 3)} x",
                           36)),
            "DIR/layer_ifmap.npy: header: found text after the header's dict, expected none");
  EXPECT_EQ(load_error(npy("{'descr': '<i2", 36)),
            "DIR/layer_ifmap.npy: header: found an unterminated string, expected a closing "
            "quote");
  EXPECT_EQ(load_error(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3, 3)}",
                           72)),
            "DIR/layer_ifmap.npy: descr: found <f4, expected '<i2' (int16, little-endian)");
  EXPECT_EQ(load_error(npy("{'descr': '<i2', 'fortran_order': True, 'shape': (1, 2, 3, 3)}",
                           36)),
            "DIR/layer_ifmap.npy: fortran_order: found True, expected False (C order)");
}

TEST(NpyFile, WantsExactlyTheShapesBytes) {
  EXPECT_EQ(load_error(npy(kGoodHeader, 35)),
            "DIR/layer_ifmap.npy: found 35 bytes of values, expected 36 (the shape's int16 "
            "values)");
  EXPECT_EQ(load_error(npy(kGoodHeader, 38)),
            "DIR/layer_ifmap.npy: found 38 bytes of values, expected 36 (the shape's int16 "
            "values)");
}

TEST(NpyFile, NamesADirectoryOrAPipeOfTheFilesName) {
  for (const bool pipe : {false, true}) {
    const Scratch dir;
    if (pipe) {
      ASSERT_EQ(::mkfifo((dir / "layer_ifmap.npy").c_str(), 0600), 0);
    } else {
      std::filesystem::create_directory(dir / "layer_ifmap.npy");
    }
    LayerData data = small_layer();
    EXPECT_EQ(error_of([&] { load_layer_data(dir.path().string(), "layer", data); }),
              dir / "layer_ifmap.npy" + ": found " + (pipe ? "a named pipe" : "a directory") +
                  ", expected a regular file");
  }
}

TEST(NpyFile, UsesGeneratedDataWhenNoFileIsGiven) {
  const Scratch dir;
  LayerData data = small_layer();
  data.ifmap = {7};
  load_layer_data(dir.path().string(), "layer", data);
  EXPECT_EQ(data.ifmap, std::vector<int16_t>{7});
}

}  // namespace
}  // namespace accelsim
