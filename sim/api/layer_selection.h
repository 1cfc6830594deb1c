#pragma once
// The one rule of --layers (and of Python's layers=...), for prepare(), simulate(),
// -j N and --check alike:
//   - no names: every simulated layer (simulated_layer);
//   - each name must be a layer of the network, and a simulated one;
//   - an empty name ("--layers ''", "c1,,c3") or a name given twice is an input error
//     naming the value.
// The selected layers come in network order, whatever the order of the names.

#include <string>
#include <vector>

#include "dataflows/mapping.h"
#include "workloads/network.h"

namespace accelsim {

// Layers the PE array runs: those with MACs, and pooling (max in place of the MAC,
// ISCA 2016).
bool runs_on_array(const Layer& layer);
// Layers a run simulates and reports, each with its own row: those on the array and
// those that move feature maps (move_layers.h: add, mul, concat, shuffle, slice,
// standalone activation). Only a network's extra inputs have no row.
bool simulated_layer(const Layer& layer);

// A layer that runs on the array as a dataflow sees it at batch N: conv, fc and
// matmul as they are; pooling as N x C one-channel images whose PEs take the
// maximum, or (average) multiply by one constant filter.
LayerShape layer_shape(const Layer& layer, int batch);
// Why a layer the array runs cannot run on it with any dataflow ("" when it can).
std::string array_problem(const Layer& layer, const LayerShape& shape);

// Throws InputError naming --layers when a name breaks the rule.
std::vector<const Layer*> select_layers(const Network& network,
                                        const std::vector<std::string>& names);

}  // namespace accelsim
