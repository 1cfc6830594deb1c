#include "sim/cli/options.h"

#include <boost/program_options.hpp>
#include <sstream>

#include "arch/arch_parser.h"
#include "sim/common/text.h"

namespace accelsim {
namespace po = boost::program_options;
namespace {

const std::vector<std::string> kDataflows = {"rs", "ws", "os-a", "os-b", "os-c", "nlr", "os", "all"};

po::options_description describe_options(CliOptions& o) {
  po::options_description d(
      "accelsim: cycle-accurate simulator of Eyeriss-style CNN accelerators\n\n"
      "Usage: accelsim --arch arch/eyeriss.yaml --net alexnet [options]\n"
      "       accelsim --net NAME --summary [--format json|csv]\n"
      "       accelsim --list-nets | --list-archs\n\nOptions");
  // clang-format off
  d.add_options()
    ("help,h", po::bool_switch(&o.help), "show this help and exit")
    ("version", po::bool_switch(&o.version), "print the version and exit")
    ("arch", po::value(&o.arch), "accelerator spec: a YAML file, or a built-in name "
                                  "(see --list-archs), e.g. eyeriss")
    ("net", po::value(&o.net), "network: a built-in name (see --list-nets), e.g. alexnet, "
                                "or a workload YAML file")
    ("input", po::value(&o.input), "run the network on another input size, HxW or HxWxC, "
                                    "e.g. 32x32 or 28x28x1 (every shape is derived again)")
    ("dataflow", po::value<std::string>()->default_value("rs"),
     "rs | ws | os-a | os-b | os-c | os (best OS variant) | nlr | all, or a comma list")
    ("batch", po::value(&o.batch)->default_value(1), "images per batch (N)")
    ("layers", po::value<std::string>(), "comma list of layer names to run (default: all)")
    ("pe-array", po::value<std::vector<std::string>>()->composing(),
     "override the PE array, ROWSxCOLS, e.g. 16x16")
    ("set", po::value<std::vector<std::string>>()->composing(),
     "override any spec field, key.path=value, e.g. glb.size_kb=64; repeatable")
    ("objective", po::value(&o.objective)->default_value("energy"),
     "what the mapper minimizes: energy | cycles | edp")
    ("mode", po::value(&o.mode)->default_value("exact"),
     "exact (fast, same results) | per-cycle (steps every cycle)")
    ("mapping", po::value(&o.mapping),
     "explicit mappings from a YAML file (dataflows/README.md) instead of the mapper's search")
    ("map", po::value(&o.layer_mappings)->composing(),
     "explicit mapping of one layer, LAYER:k=v,..., e.g. conv1:m=96,n=1,e=7,p=16,q=1,r=1,t=2; "
     "repeatable")
    ("out", po::value(&o.out), "output folder (default results/<arch>_<net>)")
    ("format", po::value(&o.format)->default_value("table"),
     "what stdout shows: table | csv | json")
    ("summary", po::bool_switch(&o.summary), "print the network's layers, shapes and MACs")
    ("list-nets", po::bool_switch(&o.list_nets), "list the built-in networks")
    ("list-archs", po::bool_switch(&o.list_archs), "list the built-in accelerator specs")
    ("check", po::bool_switch(&o.check), "validate the inputs and exit")
    ("seed", po::value(&o.seed)->default_value(0), "seed for generated inputs and weights")
    ("data", po::value(&o.data_folder),
     "folder of <layer>_ifmap.npy and <layer>_weights.npy (int16, Q8.8) to use instead of "
     "generated values")
    ("zero-fraction", po::value(&o.zero_fraction)->default_value(0.5),
     "fraction of zero activations in generated ifmaps (ReLU-like; the first layer's input, "
     "an image, has none)")
    ("jobs,j", po::value(&o.jobs)->default_value(1),
     "processes at once for independent layers (or, with a spec folder, specs); the "
     "results equal those of one process")
    ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors");
  // clang-format on
  return d;
}

void require_choice(const std::string& option, const std::string& value,
                    const std::vector<std::string>& choices) {
  if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
    throw InputError({"--" + option}, "", unknown_word_problem("value", value, choices));
  }
}

// --pe-array and --set in the order given, so a later one wins.
std::vector<Override> ordered_overrides(const po::parsed_options& parsed) {
  std::vector<Override> overrides;
  for (const auto& option : parsed.options) {
    for (const auto& value : option.value) {
      if (option.string_key == "pe-array") {
        for (auto& o : pe_array_overrides(value)) overrides.push_back(o);
      } else if (option.string_key == "set") {
        overrides.push_back(parse_override(value));
      }
    }
  }
  return overrides;
}

}  // namespace

CliOptions parse_cli(int argc, const char* const argv[]) {
  CliOptions options;
  const auto description = describe_options(options);
  po::variables_map values;
  try {
    // No guessing: "--data" must not silently mean "--dataflow".
    const auto style = po::command_line_style::default_style &
                       ~po::command_line_style::allow_guessing;
    const auto parsed =
        po::command_line_parser(argc, argv).options(description).style(style).run();
    po::store(parsed, values);
    po::notify(values);
    options.overrides = ordered_overrides(parsed);
  } catch (const po::error& error) {
    throw InputError({"command line"}, "", std::string(error.what()) + " (see --help)");
  }
  std::ostringstream help;
  help << description;
  options.help_text = help.str();

  for (const auto& dataflow : split(values["dataflow"].as<std::string>(), ',')) {
    require_choice("dataflow", dataflow, kDataflows);
    options.dataflows.push_back(dataflow);
  }
  if (values.count("layers")) options.layers = split(values["layers"].as<std::string>(), ',');
  require_choice("objective", options.objective, {"energy", "cycles", "edp"});
  require_choice("mode", options.mode, {"exact", "per-cycle"});
  require_choice("format", options.format, {"table", "csv", "json"});
  if (options.batch < 1) {
    throw InputError({"--batch"}, "", found_expected(std::to_string(options.batch), "N >= 1"));
  }
  if (!(options.zero_fraction >= 0 && options.zero_fraction <= 1)) {
    throw InputError({"--zero-fraction"}, "",
                     found_expected(std::to_string(options.zero_fraction), "a number from 0 to 1"));
  }
  if (options.jobs < 1) {
    throw InputError({"--jobs"}, "", found_expected(std::to_string(options.jobs), "N >= 1"));
  }
  return options;
}

}  // namespace accelsim
