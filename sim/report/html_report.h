#pragma once
// report.html: one self-contained page per run (inline CSS and SVG, no scripts, no
// network access) for a person to open: what ran, the totals, the per-layer table
// with units, the energy per MAC by level (CONV and FC apart, normalized to RS when
// several dataflows ran), utilization, and per layer where the cycles went, as a
// waterfall from the ideal to the measured total (cycle_waterfall.h).

#include <string>

#include "sim/report/run_report.h"

namespace accelsim {

std::string html_report(const RunContext& run);

}  // namespace accelsim
