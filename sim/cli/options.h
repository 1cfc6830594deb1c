#pragma once
// Command-line options (DESIGN.md section 7), parsed with Boost.Program_options into
// the facade's SimulationRequest (sim/api/request.h) plus what only the CLI has.

#include <string>

#include "sim/api/request.h"

namespace accelsim {

struct CliOptions {
  bool help = false;
  bool version = false;
  bool list_nets = false;
  bool list_archs = false;
  bool summary = false;
  bool check = false;
  bool quiet = false;
  SimulationRequest request;   // --arch, --net, --dataflow, --batch, --layers, ...
  std::string out;             // empty = results/<arch>_<net>
  std::string format = "table";
  std::string trace_file;      // --trace: a Chrome/Perfetto trace (sim/report/trace_file.h)
  std::string help_text;       // filled for --help
};

// Throws InputError for bad values (exit code 2).
CliOptions parse_cli(int argc, const char* const argv[]);

}  // namespace accelsim
