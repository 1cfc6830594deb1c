#pragma once
// Traces (sim/engine/trace/job_trace.h) as JSON and back: how a child process hands
// the traces it recorded to its parent, within result_json(). Not the trace file's
// format (sim/report/trace_file.h writes that).

#include <nlohmann/json.hpp>
#include <vector>

#include "sim/engine/trace/job_trace.h"

namespace accelsim {

nlohmann::json traces_json(const std::vector<JobTrace>& traces);
std::vector<JobTrace> traces_from_json(const nlohmann::json& json);

}  // namespace accelsim
