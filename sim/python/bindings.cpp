// accelsim._core: the C++ side of the Python package (sim/python/accelsim).
//
// Simulations go through the facade the CLI calls (sim/api/request.h): the Python
// layer fills a SimulationRequest, so input checks and their messages are the CLI's
// own. A simulation runs in a forked child process (sim/api/child_process.h):
// SystemC elaborates once per process, and this keeps the Python process free to
// run any number of simulations with different architectures.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch/arch_parser.h"
#include "arch/spec_location.h"
#include "dataflows/dataflow.h"
#include "sim/api/child_process.h"
#include "sim/api/request.h"
#include "sim/common/input_error.h"
#include "sim/common/output_folder.h"
#include "sim/report/html_report.h"
#include "sim/report/network_report.h"
#include "sim/report/run_report.h"
#include "workloads/network.h"

namespace py = pybind11;

namespace accelsim {
namespace {

// {"k=v", ...} -> overrides, each checked as `--set k=v` is.
std::vector<Override> parse_overrides(const std::vector<std::string>& assignments) {
  std::vector<Override> overrides;
  for (const auto& text : assignments) overrides.push_back(parse_override(text));
  return overrides;
}

std::string arch_json_text(const std::string& name_or_path,
                           const std::vector<std::string>& assignments) {
  return arch_json(load_arch(name_or_path, parse_overrides(assignments))).dump();
}

std::string network_summary_text(const std::string& net) {
  return network_summary_csv(load_network(net));
}

// Validates a simulation's request in this process (no SystemC involved).
py::dict check(const SimulationRequest& request) {
  const SimulationInputs inputs = prepare(request);
  py::dict checked;
  checked["arch"] = inputs.arch.name;
  checked["arch_file"] = inputs.arch.file;
  checked["network"] = inputs.network.name;
  checked["network_file"] = inputs.network.file;
  checked["layer_count"] = inputs.layer_count;
  return checked;
}

// The child's side of run(): everything a CLI run writes, as one JSON text.
std::string simulate_to_json(const SimulationRequest& request) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  const SimulationInputs inputs = prepare(request);
  const SimulationResult result = run(inputs);
  const RunContext context = run_context(inputs, result);
  return nlohmann::json{{"summary_csv", summary_csv(context)},
                        {"accesses_csv", accesses_csv(context)},
                        {"mappings_txt", mappings_text(context)},
                        {"report_html", html_report(context)},
                        {"run", run_json(context)},
                        {"diagnostics", diagnostics_json(context)},
                        {"unverified_layers", unverified_layers(result)}}
      .dump();
}

// The registry's words: [{name, kind, description, members}], in the order of --help.
py::list describe_dataflows() {
  py::list words;
  for (const auto& word : dataflow_words()) {
    py::dict entry;
    entry["name"] = word.name;
    entry["kind"] = word.kind == DataflowWord::Kind::dataflow ? "dataflow"
                    : word.kind == DataflowWord::Kind::family ? "family"
                                                              : "all";
    entry["description"] = word.description;
    entry["members"] = word.members;
    words.append(entry);
  }
  return words;
}

// The entries a request's words run ("all" -> every dataflow; "os" stays "os").
std::vector<std::string> expand_dataflows(const std::vector<std::string>& words) {
  std::vector<std::string> names;
  for (const auto& entry : request_dataflows(words)) names.push_back(entry.name);
  return names;
}

bool python_signal_pending() {
  py::gil_scoped_acquire acquire;
  return PyErr_CheckSignals() != 0;  // leaves the exception (KeyboardInterrupt) set
}

// Runs the simulation in a forked child. Returns the files of the run as texts:
// summary_csv, accesses_csv, mappings_txt, report_html, run_json, diagnostics_json,
// unverified_layers (JSON list).
py::dict run_request(const SimulationRequest& request) {
  ChildOutcome outcome;
  {
    py::gil_scoped_release release;  // other Python threads (a Dask worker) keep running
    outcome = run_in_child([&] { return simulate_to_json(request); }, python_signal_pending);
  }
  switch (outcome.kind) {
    case ChildOutcome::Kind::ok:
      break;
    case ChildOutcome::Kind::input_error:
      throw InputError(outcome.text);
    case ChildOutcome::Kind::interrupted:
      throw py::error_already_set();
    default:
      throw std::runtime_error(outcome.text);
  }
  const nlohmann::json envelope = nlohmann::json::parse(outcome.text);
  py::dict files;
  for (const char* key : {"summary_csv", "accesses_csv", "mappings_txt", "report_html"}) {
    files[key] = envelope.at(key).get<std::string>();
  }
  files["run_json"] = envelope.at("run").dump();
  files["diagnostics_json"] = envelope.at("diagnostics").dump();
  files["unverified_layers"] = envelope.at("unverified_layers").get<std::vector<std::string>>();
  return files;
}

// The facade's request as a Python class whose fields api.py fills. Overrides are
// "key.path=value" texts, each checked as `--set key.path=value` is.
void bind_request(py::module_& m) {
  py::class_<SimulationRequest>(m, "SimulationRequest",
                                "a simulation's inputs (sim/api/request.h); see accelsim.simulate")
      .def(py::init<>())
      .def_readwrite("arch", &SimulationRequest::arch)
      .def_property(
          "overrides",
          [](const SimulationRequest& request) {
            std::vector<std::string> assignments;
            for (const auto& o : request.overrides) assignments.push_back(o.key_path + "=" + o.value);
            return assignments;
          },
          [](SimulationRequest& request, const std::vector<std::string>& assignments) {
            request.overrides = parse_overrides(assignments);
          })
      .def_readwrite("net", &SimulationRequest::net)
      .def_readwrite("input", &SimulationRequest::input)
      .def_readwrite("dataflows", &SimulationRequest::dataflows)
      .def_readwrite("batch", &SimulationRequest::batch)
      .def_readwrite("layers", &SimulationRequest::layers)
      .def_readwrite("objective", &SimulationRequest::objective)
      .def_readwrite("mode", &SimulationRequest::mode)
      .def_readwrite("seed", &SimulationRequest::seed)
      .def_readwrite("zero_fraction", &SimulationRequest::zero_fraction)
      .def_readwrite("independent_layers", &SimulationRequest::independent_layers)
      .def_readwrite("zero_profile", &SimulationRequest::zero_profile)
      .def_readwrite("image", &SimulationRequest::image)
      .def_readwrite("data_folder", &SimulationRequest::data_folder)
      .def_readwrite("mapping_file", &SimulationRequest::mapping_file)
      .def_readwrite("layer_mappings", &SimulationRequest::layer_mappings)
      .def_readwrite("jobs", &SimulationRequest::jobs);
}

}  // namespace
}  // namespace accelsim

PYBIND11_MODULE(_core, m) {
  using namespace accelsim;
  m.doc() = "accelsim's C++ core; use the accelsim package, not this module";
  py::register_exception<InputError>(m, "InputError", PyExc_ValueError);
  m.def("list_networks", &list_builtin_networks, "built-in network names, sorted");
  m.def("list_archs", &list_builtin_archs, "built-in spec names, sorted");
  m.def("list_spec_folders", &list_builtin_spec_folders,
        "built-in spec folders (one spec per dataflow), sorted");
  m.def("list_dataflows", &dataflow_names, "dataflows this build simulates");
  m.def("describe_dataflows", &describe_dataflows,
        "every word dataflow= accepts: dataflows, families (best member per layer), all");
  m.def("dataflow_words_help", &dataflow_words_help, "the words of --dataflow, for a help text");
  m.def("expand_dataflows", &expand_dataflows, py::arg("words"),
        "the entries the words run, in order; InputError for an unknown word");
  m.def("arch_json", &arch_json_text, py::arg("name_or_path"), py::arg("assignments"),
        "the resolved spec as JSON text; assignments are 'key.path=value' overrides");
  m.def("network_summary_csv", &network_summary_text, py::arg("net"),
        "the network's layers as CSV (accelsim --net NET --summary --format csv)");
  bind_request(m);
  m.def("check", &check, py::arg("request"),
        "validates a simulation request (as accelsim --check) without simulating");
  m.def("run", &run_request, py::arg("request"),
        "runs a simulation request in a child process");
  m.def("write_files_together", &write_files_together, py::arg("folder"), py::arg("files"),
        "writes [(name, text), ...] into folder as one set, as the CLI writes its output");
}
