#pragma once
// `--input HxW[xC]`: the same network on another input size. Every shape is derived
// again by the rules the parser uses (layer_shapes.h); FC layers cover their whole
// input, so their weights follow the input size (as Caffe's do).

#include <string>

#include "workloads/network.h"

namespace accelsim {

struct InputSize {
  int height = 0, width = 0;
  int channels = 0;  // 0: keep the network's
};

// "224x224" or "32x32x3"; throws InputError naming `option` otherwise.
InputSize parse_input_size(const std::string& text, const std::string& option = "--input");

// `network` with its input resized. A layer that no longer fits is an InputError
// naming the layer, its key and the sizes ("--input 32x32: layers.pool5.kernel: ...").
// Layers of type `input` keep their own declared shapes.
Network with_input_size(const Network& network, const InputSize& size);

std::string input_size_text(const InputSize& size);

}  // namespace accelsim
