#pragma once
// The chart sections of report.html (html_report.h), each a piece of HTML with its
// heading, legend, inline SVG charts (svg_chart.h) and notes.

#include <string>
#include <vector>

#include "sim/report/run_report.h"
#include "sim/report/svg_chart.h"

namespace accelsim {

// The run's layers and dataflows, in the order they ran.
struct ReportView {
  const RunContext& run;
  std::vector<std::string> layers;     // names, network order
  std::vector<std::string> dataflows;  // as asked
  // The result of (layer, dataflow), or nullptr.
  const LayerResult* find(const std::string& layer, const std::string& dataflow) const;
  bool is_fc(const std::string& layer) const;  // FC, else CONV
  bool several_dataflows() const { return dataflows.size() > 1; }
};
ReportView report_view(const RunContext& run);

// A color per dataflow, the same in every chart.
std::string dataflow_color(const ReportView& view, const std::string& dataflow);

// 0.731 -> "73%"; a share that rounds to 0 but is not, "<1%".
std::string whole_percent(double share);

// A legend: colored boxes with their names.
std::string legend_html(const std::vector<std::pair<std::string, std::string>>& names_colors);

// Vertical charts of the groups, as many as keep each chart under ~1300 px wide,
// all on the same scale.
std::string wrapped_vertical_charts(BarChart chart);

std::string energy_section(const ReportView& view);
std::string utilization_section(const ReportView& view);
std::string cycles_section(const ReportView& view);
std::string mapping_section(const ReportView& view);  // html_mapping.cpp

}  // namespace accelsim
