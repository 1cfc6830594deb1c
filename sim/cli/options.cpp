#include "sim/cli/options.h"

#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <cstdlib>
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
    ("batch", po::value<std::string>()->default_value("1"), "images per batch (N)")
    ("layers", po::value<std::string>(),
     "comma list of layer names to run, in network order (default: every simulated layer)")
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
    ("seed", po::value<std::string>()->default_value("0"),
     "seed for generated inputs and weights, 0 to 4294967295")
    ("data", po::value(&r.data_folder),
     "folder of <layer>_ifmap.npy and <layer>_weights.npy (int16, Q8.8) to use instead of "
     "generated values")
    ("zero-fraction", po::value<std::string>(),
     "independent-layer mode (controlled studies): every layer runs on its own generated "
     "ifmap with this fraction of zeros (the first layer's input, an image, has none) "
     "instead of its producer's real output")
    ("zero-profile", po::value(&r.zero_profile),
     "independent-layer mode with a fraction of zeros per layer: a file of 'LAYER FRACTION' "
     "lines ('#' comments); layers not listed get --zero-fraction (0.5)")
    ("image", po::value(&r.image),
     "the network's input photograph (binary PPM, P6) in the default chained mode; default: "
     "the CC0 photo in workloads/images")
    ("jobs,j", po::value<std::string>()->default_value("1"),
     "processes at once for independent layers (or, with a spec folder, specs); the "
     "results equal those of one process")
    ("trace", po::value(&o.trace_file),
     "write FILE, a Chrome/Perfetto trace (ui.perfetto.dev) of the run of the first layer "
     "(or --trace-layers) on each dataflow: passes, DRAM transfers, filter fetches, and "
     "each PE's busy and stall spans, in the passes of --trace-passes")
    ("trace-layers", po::value<std::string>(), "comma list of layers to trace (with --trace)")
    ("trace-passes", po::value(&r.trace_passes)->default_value("1:2"),
     "the passes traced, A:B or N (1:N): the trace covers the layer from its start to the "
     "end of pass B, PEs in passes A to B (with --trace)")
    ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors and no progress");
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

// Numbers are taken as text and converted here, not by Boost: Boost's conversion error
// puts the value into a message template, and a value holding "%value%" made what()
// loop forever. An integer outside [low, high] (or outside 64 bits) is an input error.
long long integer_option(const po::variables_map& values, const std::string& name,
                         long long low, long long high) {
  const std::string& text = values[name].as<std::string>();
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    throw InputError({"--" + name}, "",
                     found_expected(text, "an integer from " + std::to_string(low) + " to " +
                                              std::to_string(high)));
  }
  return value;
}

// A finite decimal number; its range is check_values()' (the same for Python).
double number_option(const po::variables_map& values, const std::string& name) {
  const std::string& text = values[name].as<std::string>();
  char* end = nullptr;
  const double value = text.empty() ? 0 : std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) {
    throw InputError({"--" + name}, "", found_expected(text, "a number"));
  }
  return value;
}

// The message of a Boost error, never from what(): Boost substitutes the option and
// value into a template, and a user's text holding a placeholder ("%value%",
// "%canonical_option%") made that substitution loop forever.
std::string cli_problem(const po::error& error) {
  const auto* named = dynamic_cast<const po::error_with_option_name*>(&error);
  if (named == nullptr) return error.what();  // fixed texts, no user input
  const std::string option = "'" + named->get_option_name() + "'";
  if (dynamic_cast<const po::unknown_option*>(&error)) return "unrecognised option " + option;
  if (dynamic_cast<const po::multiple_occurrences*>(&error)) {
    return "option " + option + " given more than once";
  }
  const auto* syntax = dynamic_cast<const po::invalid_command_line_syntax*>(&error);
  if (syntax && syntax->kind() == po::invalid_syntax::missing_parameter) {
    return "option " + option + " needs a value";
  }
  if (syntax && syntax->kind() == po::invalid_syntax::extra_parameter) {
    return "option " + option + " takes no value";
  }
  return "option " + option + " is malformed";
}

// The numeric options, converted and bounded (check_values() bounds them for Python).
void read_numbers(const po::variables_map& values, SimulationRequest& request) {
  request.batch = int(integer_option(values, "batch", 1, kMaxBatch));
  request.jobs = int(integer_option(values, "jobs", 1, kMaxJobs));
  request.seed = (unsigned long long)integer_option(values, "seed", 0, 4294967295LL);
  if (values.count("zero-fraction")) request.zero_fraction = number_option(values, "zero-fraction");
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
    throw InputError({"command line"}, "", cli_problem(error) + " (see --help)");
  }
  std::ostringstream help;
  help << description;
  options.help_text = help.str();

  SimulationRequest& request = options.request;
  read_numbers(values, request);
  request.dataflows = comma_items(values["dataflow"].as<std::string>());
  if (values.count("layers")) request.layers = comma_items(values["layers"].as<std::string>());
  request.trace = !options.trace_file.empty();
  if (values.count("trace-layers")) {
    request.trace_layers = comma_items(values["trace-layers"].as<std::string>());
  }
  if (!request.trace && (values.count("trace-layers") || !values["trace-passes"].defaulted())) {
    throw InputError({"--trace-layers"}, "", "found no --trace FILE, expected one to write");
  }
  request.independent_layers = values.count("zero-fraction") || values.count("zero-profile");
  check_values(request);  // a bad value is an error whatever the command
  require_choice("--format", options.format, {"table", "csv", "json"});
  return options;
}

}  // namespace accelsim
