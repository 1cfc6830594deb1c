#pragma once
// --trace, --trace-layers and --trace-passes (and Python's trace=...): which layers'
// runs are traced and the window of passes (sim/engine/trace/job_trace.h). Every
// dataflow a traced layer runs on is traced.

#include <string>
#include <vector>

#include "sim/api/request.h"
#include "sim/api/simulate.h"

namespace accelsim {

// "A:B" (1 <= A <= B) or "N" (1:N) -> the window; InputError naming --trace-passes.
TraceWindow parse_trace_passes(const std::string& text);

// Fills options.trace_layers and trace_window when request.trace: the layers named
// (each must be among `selected`, else InputError naming --trace-layers), or the
// first selected layer.
void apply_trace_request(const SimulationRequest& request, const std::vector<const Layer*>& selected,
                         SimulationOptions& options);

}  // namespace accelsim
