#include "sim/cli/options.h"

#include <boost/program_options.hpp>
#include <sstream>

#include "arch/arch_parser.h"
#include "dataflows/dataflow.h"
#include "sim/common/input_error.h"

namespace accelsim {
namespace po = boost::program_options;
namespace {

po::options_description describe_options(CliOptions& o) {
  SimulationRequest& r = o.request;
  po::options_description d(
      "accelsim: cycle-accurate simulator of Eyeriss-style CNN accelerators\n\n"
      "Usage: accelsim --arch arch/eyeriss.yaml --net alexnet [options]\n"
      "       accelsim --net NAME --summary [--format json|csv]\n"
      "       accelsim --list-nets | --list-archs\n\nOptions");
  // clang-format off
  d.add_options()
    ("help,h", po::bool_switch(&o.help), "show this help and exit")
    ("version", po::bool_switch(&o.version), "print the version and exit")
    ("arch", po::value(&r.arch), "accelerator spec: a YAML file, or a built-in name "
                                  "(see --list-archs), e.g. eyeriss")
    ("net", po::value(&r.net), "network: a built-in name (see --list-nets), e.g. alexnet, "
                                "or a workload YAML file")
    ("input", po::value(&r.input), "run the network on another input size, HxW or HxWxC, "
                                    "e.g. 32x32 or 28x28x1 (every shape is derived again)")
    ("dataflow", po::value<std::string>()->default_value("rs"),
     (dataflow_words_help() + ", or a comma list").c_str())
    ("batch", po::value(&r.batch)->default_value(1), "images per batch (N)")
    ("layers", po::value<std::string>(),
     "comma list of layer names to run, in network order (default: every layer with MACs)")
    ("pe-array", po::value<std::vector<std::string>>()->composing(),
     "override the PE array, ROWSxCOLS, e.g. 16x16")
    ("set", po::value<std::vector<std::string>>()->composing(),
     "override any spec field, key.path=value, e.g. glb.size_kb=64; repeatable")
    ("objective", po::value(&r.objective)->default_value("energy"),
     "what the mapper minimizes: energy | cycles | edp")
    ("mode", po::value(&r.mode)->default_value("exact"),
     "exact (fast, same results) | per-cycle (steps every cycle)")
    ("mapping", po::value(&r.mapping_file),
     "explicit mappings from a YAML file (dataflows/README.md) instead of the mapper's search")
    ("map", po::value(&r.layer_mappings)->composing(),
     "explicit mapping of one layer, LAYER:k=v,..., e.g. conv1:m=96,n=1,e=7,p=16,q=1,r=1,t=2; "
     "repeatable")
    ("out", po::value(&o.out), "output folder (default results/<arch>_<net>)")
    ("format", po::value(&o.format)->default_value("table"),
     "what stdout shows: table | csv | json")
    ("summary", po::bool_switch(&o.summary), "print the network's layers, shapes and MACs")
    ("list-nets", po::bool_switch(&o.list_nets), "list the built-in networks")
    ("list-archs", po::bool_switch(&o.list_archs), "list the built-in accelerator specs")
    ("check", po::bool_switch(&o.check), "validate the inputs and exit")
    ("seed", po::value<unsigned>()->default_value(0), "seed for generated inputs and weights")
    ("data", po::value(&r.data_folder),
     "folder of <layer>_ifmap.npy and <layer>_weights.npy (int16, Q8.8) to use instead of "
     "generated values")
    ("zero-fraction", po::value(&r.zero_fraction),
     "independent-layer mode (controlled studies): every layer runs on its own generated "
     "ifmap with this fraction of zeros (the first layer's input, an image, has none) "
     "instead of its producer's real output")
    ("zero-profile", po::value(&r.zero_profile),
     "independent-layer mode with a fraction of zeros per layer: a file of 'LAYER FRACTION' "
     "lines ('#' comments); layers not listed get --zero-fraction (0.5)")
    ("image", po::value(&r.image),
     "the network's input photograph (binary PPM, P6) in the default chained mode; default: "
     "the CC0 photo in workloads/images")
    ("jobs,j", po::value(&r.jobs)->default_value(1),
     "processes at once for independent layers (or, with a spec folder, specs); the "
     "results equal those of one process")
    ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors");
  // clang-format on
  return d;
}

// "c1,,c3" -> {"c1", "", "c3"}, "" -> {""}: unlike split(), every item is kept, so
// that the facade sees (and names) an empty one.
std::vector<std::string> comma_items(const std::string& text) {
  std::vector<std::string> items(1);
  for (const char c : text) {
    if (c == ',') {
      items.emplace_back();
    } else {
      items.back() += c;
    }
  }
  return items;
}

// Boost keeps a word that follows no option as a positional argument, which nothing
// reads: "--layers c1 c3" would run c1 alone.
void reject_positional(const po::parsed_options& parsed) {
  for (const auto& option : parsed.options) {
    if (option.position_key < 0) continue;
    const std::string word = option.value.empty() ? "" : option.value.front();
    throw InputError({"command line"}, "",
                     found_expected(word, "an option; a list is one argument, e.g. --layers "
                                          "conv1,conv3") +
                         " (see --help)");
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
    reject_positional(parsed);
    po::store(parsed, values);
    po::notify(values);
    options.request.overrides = ordered_overrides(parsed);
  } catch (const po::error& error) {
    throw InputError({"command line"}, "", std::string(error.what()) + " (see --help)");
  }
  std::ostringstream help;
  help << description;
  options.help_text = help.str();

  // The seed is read as the unsigned it always was (the request holds 64 bits).
  SimulationRequest& request = options.request;
  request.seed = values["seed"].as<unsigned>();
  request.dataflows = comma_items(values["dataflow"].as<std::string>());
  if (values.count("layers")) request.layers = comma_items(values["layers"].as<std::string>());
  request.independent_layers = values.count("zero-fraction") || values.count("zero-profile");
  check_values(request);  // a bad value is an error whatever the command
  require_choice("--format", options.format, {"table", "csv", "json"});
  return options;
}

}  // namespace accelsim
