#pragma once
// The chip's write-back stage (JSSC 2017 section IV-B and equation 1): a finished
// ofmap value leaves the GLB as O = act(B + sum I x W), then goes to the RLC encoder.
// The bias B is added here rather than as the psum's initial value: the psum adds
// wrap modulo 2^16, so the result is the same whichever is first.
//
// Eyeriss has a ReLU module only; the other activations of workloads/layer.h are
// applied at the same place, on the value read as Q8.8 (relu6 clips at 6.0 in that
// format). softmax needs a whole pixel's channels and is left to the functional pass
// (sim/api/network_values.h): here it writes the sum unchanged.

#include <cstdint>

#include "workloads/layer.h"

namespace accelsim {

int16_t activate(Activation activation, int16_t value);

}  // namespace accelsim
