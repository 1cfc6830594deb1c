#pragma once
// The one rule of --layers (and of Python's layers=...), for prepare(), simulate(),
// -j N and --check alike:
//   - no names: every layer with MACs;
//   - each name must be a layer of the network, and one with MACs;
//   - an empty name ("--layers ''", "c1,,c3") or a name given twice is an input error
//     naming the value.
// The selected layers come in network order, whatever the order of the names.

#include <string>
#include <vector>

#include "workloads/network.h"

namespace accelsim {

// Throws InputError naming --layers when a name breaks the rule.
std::vector<const Layer*> select_layers(const Network& network,
                                        const std::vector<std::string>& names);

}  // namespace accelsim
