#pragma once
// What the CLI does once its options are parsed: simulations go through the facade
// (sim/api/request.h), the same one the Python bindings call. Output goes to
// `out`; errors are thrown (InputError for bad input).

#include <ostream>

#include "sim/cli/options.h"

namespace accelsim {

int run_command(const CliOptions& options, std::ostream& out);

}  // namespace accelsim
