#include "sim/api/trace_request.h"

#include "sim/common/input_error.h"
#include "sim/common/text.h"

namespace accelsim {
namespace {

// A whole number >= 1, or -1.
long long pass_number(const std::string& text) {
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos) {
    return -1;
  }
  const long long value = std::stoll(text);
  return value >= 1 ? value : -1;
}

}  // namespace

TraceWindow parse_trace_passes(const std::string& text) {
  const auto colon = text.find(':');
  const long long first = colon == std::string::npos ? 1 : pass_number(text.substr(0, colon));
  const long long last = pass_number(colon == std::string::npos ? text : text.substr(colon + 1));
  if (first < 1 || last < first) {
    throw InputError({"--trace-passes"}, "",
                     found_expected(text, "A:B with 1 <= A <= B (passes A to B), or N (1:N)"));
  }
  return {first, last};
}

void apply_trace_request(const SimulationRequest& request, const std::vector<const Layer*>& selected,
                         SimulationOptions& options) {
  if (!request.trace) return;
  options.trace_window = parse_trace_passes(request.trace_passes);
  std::vector<std::string> names;
  for (const Layer* layer : selected) names.push_back(layer->name);
  for (const auto& name : request.trace_layers) {
    bool found = false;
    for (const auto& selected_name : names) found = found || selected_name == name;
    if (!found) {
      throw InputError({"--trace-layers"}, "",
                       found_expected(name, "a layer that runs: " + join(names, ", ")));
    }
  }
  options.trace_layers = request.trace_layers.empty() && !names.empty()
                             ? std::vector<std::string>{names.front()}
                             : request.trace_layers;
}

}  // namespace accelsim
