#pragma once
// Command-line options (DESIGN.md section 7), parsed with Boost.Program_options.

#include <optional>
#include <string>
#include <vector>

#include "sim/common/yaml_reader.h"

namespace accelsim {

struct CliOptions {
  bool help = false;
  bool version = false;
  bool list_nets = false;
  bool list_archs = false;
  bool summary = false;
  bool check = false;
  bool quiet = false;
  std::string arch;                      // path or built-in name
  std::string net;                       // path or built-in name
  std::string input;                     // --input HxW[xC]: the network on another input size
  std::vector<std::string> dataflows;    // rs, ws, os-a, os-b, os-c, nlr, os, all
  int batch = 1;
  std::vector<std::string> layers;       // empty = all
  std::vector<Override> overrides;       // --pe-array and --set, in order
  std::string objective = "energy";
  std::string mode = "exact";
  std::string out;                       // empty = results/<arch>_<net>
  std::string format = "table";
  std::string mapping;                   // explicit mapping file
  std::vector<std::string> layer_mappings;  // --map LAYER:k=v,k=v
  unsigned seed = 0;
  double zero_fraction = 0.5;
  std::string data_folder;
  int jobs = 1;
  std::string help_text;                 // filled for --help
};

// Throws InputError for bad values (exit code 2).
CliOptions parse_cli(int argc, const char* const argv[]);

}  // namespace accelsim
