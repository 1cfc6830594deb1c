#pragma once
// What the CLI does once its options are parsed. Output goes to `out`; errors
// are thrown (InputError for bad input).

#include <ostream>

#include "sim/cli/options.h"

namespace accelsim {

int run_command(const CliOptions& options, std::ostream& out);

}  // namespace accelsim
