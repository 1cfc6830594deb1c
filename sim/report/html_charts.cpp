#include "sim/report/html_charts.h"

#include <algorithm>
#include <cmath>

#include "sim/report/level_energy.h"
#include "sim/report/text_table.h"

namespace accelsim {
namespace {

const char* kLevelColors[] = {"#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3"};
const char* kDataflowColors[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                 "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
constexpr double kMaxChartWidth = 1320;  // the page is 1400 px wide or more

// Energy by level and MACs of one dataflow over some layers.
struct EnergySlot {
  LevelEnergy energy;
  long long macs = 0;
  int layers = 0, unmapped = 0;
};

EnergySlot slot_of(const ReportView& view, const std::vector<std::string>& layers,
                   const std::string& dataflow) {
  EnergySlot slot;
  for (const auto& name : layers) {
    const LayerResult* layer = view.find(name, dataflow);
    if (!layer) continue;
    ++slot.layers;
    if (!layer->mapped) {
      ++slot.unmapped;
      continue;
    }
    slot.energy += level_energy(layer->energy);
    slot.macs += layer->macs;
  }
  return slot;
}

// One bar of energy per MAC by level, divided by `divisor` (the reference's total when
// normalized, else 1).
Bar energy_bar(const std::string& label, const EnergySlot& slot, double divisor, bool normalized,
               const std::string& unit_text) {
  Bar bar{label, {}, ""};
  if (slot.macs == 0) {
    bar.note = "n/a";
    return bar;
  }
  const auto parts = slot.energy.parts();
  const bool partial = slot.unmapped > 0;
  double bottom = 0;
  for (size_t k = 0; k < parts.size(); ++k) {
    const double value = parts[k] / double(slot.macs) / divisor;
    bar.segments.push_back(
        {bottom, bottom + value, std::string(kLevelColors[k]) + (partial ? "55" : ""),
         label + ": " + level_energy_names()[k] + " " + short_number(value) + " " + unit_text});
    bottom += value;
  }
  // Normalized bars read as 1.00, 1.37; absolute ones keep three digits.
  bar.note = (normalized ? fixed(bottom, 2) : short_number(bottom)) + (partial ? "*" : "");
  return bar;
}

// The bars of one group (a layer or a set of layers): one per dataflow, normalized to
// the reference dataflow's total when there is one.
BarGroup energy_group(const ReportView& view, const std::string& label,
                      const std::vector<std::string>& layers, const std::string& reference,
                      const std::string& unit_text) {
  BarGroup group{label, {}};
  double divisor = 1;
  if (!reference.empty()) {
    const EnergySlot ref = slot_of(view, layers, reference);
    divisor = ref.macs && ref.unmapped == 0 ? ref.energy.total() / double(ref.macs) : 0;
  }
  for (const auto& dataflow : view.dataflows) {
    if (divisor == 0) {
      group.bars.push_back({dataflow, {}, "no " + reference});
      continue;
    }
    group.bars.push_back(energy_bar(dataflow, slot_of(view, layers, dataflow), divisor,
                                    !reference.empty(), unit_text));
  }
  return group;
}

std::vector<std::string> layers_of_kind(const ReportView& view, bool fc) {
  std::vector<std::string> layers;
  for (const auto& name : view.layers) {
    if (view.is_fc(name) == fc) layers.push_back(name);
  }
  return layers;
}

std::string level_legend() {
  std::vector<std::pair<std::string, std::string>> entries;
  for (size_t k = 0; k < 5; ++k) entries.push_back({level_energy_names()[k], kLevelColors[k]});
  return legend_html(entries);
}

std::string figure(const std::string& caption, const std::string& body) {
  return "<figure><figcaption>" + caption + "</figcaption>" + body + "</figure>";
}

}  // namespace

const LayerResult* ReportView::find(const std::string& layer, const std::string& dataflow) const {
  for (const auto& result : run.result.layers) {
    if (result.layer == layer && result.dataflow == dataflow) return &result;
  }
  return nullptr;
}

bool ReportView::is_fc(const std::string& layer) const {
  const Layer* found = run.network.find(layer);
  return found && found->type == LayerType::fc;
}

ReportView report_view(const RunContext& run) {
  ReportView view{run, {}, {}};
  for (const auto& layer : run.result.layers) {
    if (std::find(view.layers.begin(), view.layers.end(), layer.layer) == view.layers.end()) {
      view.layers.push_back(layer.layer);
    }
    if (std::find(view.dataflows.begin(), view.dataflows.end(), layer.dataflow) ==
        view.dataflows.end()) {
      view.dataflows.push_back(layer.dataflow);
    }
  }
  return view;
}

std::string dataflow_color(const ReportView& view, const std::string& dataflow) {
  const auto at = std::find(view.dataflows.begin(), view.dataflows.end(), dataflow);
  return kDataflowColors[size_t(at - view.dataflows.begin()) % 8];
}

std::string legend_html(const std::vector<std::pair<std::string, std::string>>& names_colors) {
  std::string html = "<div class=\"legend\">";
  for (const auto& [name, color] : names_colors) {
    html += "<span><i style=\"background:" + color + "\"></i>" + escape_html(name) + "</span>";
  }
  return html + "</div>";
}

std::string wrapped_vertical_charts(BarChart chart) {
  chart.value_max = value_axis_end(chart);
  const double width = vertical_chart_width(chart);
  const double pieces = std::ceil(width / kMaxChartWidth);
  std::string html;
  BarChart piece = chart;
  piece.groups.clear();
  for (const auto& group : chart.groups) {  // about equally wide pieces, none too wide
    piece.groups.push_back(group);
    if (piece.groups.size() > 1 && vertical_chart_width(piece) > kMaxChartWidth) {
      piece.groups.pop_back();
      html += vertical_bars_svg(piece);
      piece.groups = {group};
    }
    if (vertical_chart_width(piece) >= width / pieces) {
      html += vertical_bars_svg(piece);
      piece.groups.clear();
    }
  }
  if (!piece.groups.empty()) html += vertical_bars_svg(piece);
  return "<div class=\"charts\">" + html + "</div>";
}

std::string energy_section(const ReportView& view) {
  const std::string unit = view.run.arch.energy.unit;
  const bool normalized =
      view.several_dataflows() &&
      std::find(view.dataflows.begin(), view.dataflows.end(), "rs") != view.dataflows.end();
  const std::string reference = normalized ? "rs" : "";
  const std::string unit_text = normalized ? "(RS = 1)" : unit;
  const std::string axis =
      normalized ? "energy per MAC, normalized to RS" : "energy per MAC (" + unit + ")";
  std::string html = "<section id=\"energy\"><h2>Energy per MAC by level</h2>" + level_legend();
  html +=
      "<p class=\"note\">Energy of each level divided by the MACs, stacked DRAM (bottom), "
      "GLB (with the filter buffer), array (network-on-chip), RF (the three scratchpads), "
      "MAC; energy table <b>" +
      escape_html(view.run.arch.energy.name) + "</b> (" + escape_html(unit) +
      "). CONV and FC layers are drawn apart, each on its own scale." +
      (normalized ? " Every group is normalized to RS's total energy per MAC in that group "
                    "(the dashed line at 1), as in ISCA 2016 Fig. 10 and 11."
                  : "") +
      " A bar marked * sums fewer layers (some were not mapped) and is drawn faded.</p>";
  std::string overview;
  for (bool fc : {false, true}) {
    const auto layers = layers_of_kind(view, fc);
    if (layers.empty()) continue;
    const std::string kind = fc ? "FC layers" : "CONV layers";
    BarChart chart{{energy_group(view, "all " + std::to_string(layers.size()) + " " + kind, layers,
                                 reference, unit_text)},
                   axis,
                   0,
                   nullptr,
                   normalized ? std::vector<double>{1.0} : std::vector<double>{}};
    overview += figure(kind + ": all together", vertical_bars_svg(chart));
  }
  html += "<div class=\"row\">" + overview + "</div>";
  for (bool fc : {false, true}) {
    const auto layers = layers_of_kind(view, fc);
    if (layers.empty()) continue;
    BarChart chart{
        {}, axis, 0, nullptr, normalized ? std::vector<double>{1.0} : std::vector<double>{}};
    for (const auto& layer : layers) {
      chart.groups.push_back(energy_group(view, layer, {layer}, reference, unit_text));
    }
    html += figure(std::string(fc ? "FC" : "CONV") + " layers, one by one",
                   wrapped_vertical_charts(chart));
  }
  return html + "</section>";
}

std::string whole_percent(double share) {
  return share > 0 && share < 0.005 ? "<1%" : std::to_string(int(std::lround(share * 100))) + "%";
}

std::string utilization_section(const ReportView& view) {
  BarChart chart{{}, "utilization", 1.0, whole_percent, {}};
  for (const auto& name : view.layers) {
    BarGroup group{name, {}};
    for (const auto& dataflow : view.dataflows) {
      const LayerResult* layer = view.find(name, dataflow);
      if (!layer || !layer->mapped) {
        group.bars.push_back({dataflow, {}, "n/a"});
        continue;
      }
      const double u = layer->utilization();
      group.bars.push_back({dataflow,
                            {{0, u, dataflow_color(view, dataflow),
                              name + ", " + dataflow + ": " + fixed(u * 100, 1) + "% (" +
                                  std::to_string(layer->active_pes) + " of " +
                                  std::to_string(layer->array_pes) + " PEs active)"}},
                            whole_percent(u)});
    }
    chart.groups.push_back(group);
  }
  std::vector<std::pair<std::string, std::string>> legend;
  for (const auto& d : view.dataflows) legend.push_back({d, dataflow_color(view, d)});
  return "<section id=\"utilization\"><h2>Utilization per layer</h2>" +
         (view.several_dataflows() ? legend_html(legend) : std::string()) +
         "<p class=\"note\">MACs / (processing cycles × PEs of the array), in percent above each "
         "bar: the share of the array's PE-cycles in the passes that did a MAC.</p>" +
         wrapped_vertical_charts(chart) + "</section>";
}

}  // namespace accelsim
