// libFuzzer target: a .npy file given with --data, read as the ifmap of a small layer
// (N=1, C=2, H=W=3: shape (1, 2, 3, 3), int16).
#include "sim/engine/data/layer_data.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  accelsim::fuzz::write_input(data, size, "layer_ifmap.npy");
  accelsim::LayerData layer;
  layer.shape.C = 2;
  layer.shape.M = 2;
  layer.shape.H = layer.shape.W = 3;
  layer.shape.R = layer.shape.S = 2;
  layer.shape.E = layer.shape.F = 2;
  layer.ifmap.resize(18);
  accelsim::fuzz::expect_parsed_or_input_error([&] {
    accelsim::load_layer_data(accelsim::fuzz::scratch_folder().string(), "layer", layer);
  });
  return 0;
}
