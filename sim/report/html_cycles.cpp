// The "where the cycles went" section of report.html: the share of each loss per
// layer and dataflow, then one waterfall per layer and dataflow (cycle_waterfall.h).

#include <cmath>

#include "sim/report/cycle_waterfall.h"
#include "sim/report/html_charts.h"
#include "sim/report/text_table.h"

namespace accelsim {
namespace {

const char* kIdealColor = "#55a868";
const char* kSubtotalColor = "#555555";
// One per CycleWaterfall::losses entry, in order.
const char* kLossColors[] = {"#b8b8b8", "#8c8c8c", "#dd8452", "#4c72b0", "#8172b3",
                             "#937860", "#da8bc3", "#ccb974", "#c44e52"};

std::string percent(double share) { return fixed(share * 100, 1) + "%"; }

std::string count_text(long long cycles) { return human_count(double(cycles)); }

bool adds_up(const CycleWaterfall& w) {
  return w.smaller_pass_pe_cycles >= 0 &&
         std::fabs(w.sum() - double(w.total_cycles)) <= 1e-9 * double(w.total_cycles) + 1e-6;
}

// A bar of the overview: each step's share of the layer's total cycles.
Bar share_bar(const std::string& label, const CycleWaterfall& w) {
  const double total = double(w.total_cycles);
  Bar bar{label, {}, count_text(w.total_cycles) + " cycles"};
  if (total <= 0) return bar;
  bar.segments.push_back({0, w.ideal_cycles / total, kIdealColor,
                          label + ": ideal " + percent(w.ideal_cycles / total)});
  for (size_t i = 0; i < w.losses.size(); ++i) {
    const double from = (i == 0 ? w.ideal_cycles : w.cumulative(i - 1)) / total;
    bar.segments.push_back(
        {from, w.cumulative(i) / total, kLossColors[i],
         label + ": " + w.losses[i].name + " " + percent(w.losses[i].cycles / total)});
  }
  return bar;
}

std::string step_note(double cycles) { return "+" + short_number(cycles); }

// The waterfall of one layer on one dataflow: each step starts where the last ended.
BarChart waterfall_chart(const LayerResult& layer, const CycleWaterfall& w) {
  BarGroup rows{"", {}};
  rows.bars.push_back({"ideal: MACs / " + std::to_string(layer.array_pes) + " PEs",
                       {{0, w.ideal_cycles, kIdealColor, "ideal " + short_number(w.ideal_cycles)}},
                       short_number(w.ideal_cycles)});
  for (size_t i = 0; i < w.losses.size(); ++i) {
    if (i == kProcessingStepsEnd) {
      rows.bars.push_back({"= processing cycles",
                           {{0, double(w.processing_cycles), kSubtotalColor,
                             "processing cycles " + std::to_string(w.processing_cycles)}},
                           std::to_string(w.processing_cycles)});
    }
    const double from = i == 0 ? w.ideal_cycles : w.cumulative(i - 1);
    rows.bars.push_back({w.losses[i].name,
                         {{from, w.cumulative(i), kLossColors[i],
                           w.losses[i].name + ": " + short_number(w.losses[i].cycles) +
                               " cycles — " + w.losses[i].how}},
                         step_note(w.losses[i].cycles)});
  }
  rows.bars.push_back({"= total cycles",
                       {{0, double(w.total_cycles), kSubtotalColor,
                         "measured total " + std::to_string(w.total_cycles)}},
                       std::to_string(w.total_cycles) + (adds_up(w) ? " ✓" : " ✗")});
  return {{rows}, "cycles", 0, nullptr, {}, 300};
}

std::string waterfall_figure(const LayerResult& layer, const CycleWaterfall& w) {
  return "<figure class=\"waterfall\"><figcaption>" + escape_html(layer.layer) + " on " +
         escape_html(layer.dataflow) + " (" + escape_html(layer.arch) +
         "): " + std::to_string(layer.active_pes) + " of " + std::to_string(layer.array_pes) +
         " PEs active, " + std::to_string(layer.run.passes) + " passes, ramp-up " +
         count_text(w.ramp_up_cycles) + " cycles</figcaption>" +
         horizontal_bars_svg(waterfall_chart(layer, w)) +
         (adds_up(w) ? std::string()
                     : "<p class=\"warn\">The steps do not add up to the measured total: the "
                       "engine's counts are inconsistent for this layer.</p>") +
         "</figure>";
}

std::string legend(const CycleWaterfall& w) {
  std::vector<std::pair<std::string, std::string>> entries = {{"ideal", kIdealColor}};
  for (size_t i = 0; i < w.losses.size(); ++i)
    entries.push_back({w.losses[i].name, kLossColors[i]});
  return legend_html(entries);
}

std::string how_table(const LayerResult& any) {
  const CycleWaterfall w = cycle_waterfall(any);
  std::string html =
      "<table class=\"how\"><tr><th>step</th><th>how it is computed</th></tr>"
      "<tr><td>ideal</td><td>MACs / PEs of the array: every PE doing one MAC "
      "every cycle</td></tr>";
  for (const auto& step : w.losses) {
    html +=
        "<tr><td>" + escape_html(step.name) + "</td><td>" + escape_html(step.how) + "</td></tr>";
  }
  return html +
         "<tr><td>= processing cycles</td><td>measured: the cycles of the passes (the "
         "steps above it add up to it)</td></tr><tr><td>= total cycles</td><td>measured: "
         "first DRAM request to last ofmap stored; ✓ when ideal + every step equals it"
         "</td></tr></table>";
}

}  // namespace

std::string cycles_section(const ReportView& view) {
  const LayerResult* first = nullptr;
  BarChart overview{{}, "share of the layer's total cycles", 1.0, whole_percent, {}};
  std::string details;
  for (const auto& name : view.layers) {
    BarGroup group{view.several_dataflows() ? name : "", {}};
    std::string figures, summary;
    for (const auto& dataflow : view.dataflows) {
      const LayerResult* layer = view.find(name, dataflow);
      const std::string label = view.several_dataflows() ? dataflow : name;
      if (!layer || !layer->mapped) {
        group.bars.push_back({label, {}, "not mapped"});
        continue;
      }
      first = first ? first : layer;
      const CycleWaterfall w = cycle_waterfall(*layer);
      group.bars.push_back(share_bar(label, w));
      figures += waterfall_figure(*layer, w);
      summary +=
          (summary.empty() ? "" : ", ") + escape_html(dataflow) + " " + count_text(w.total_cycles);
    }
    overview.groups.push_back(group);
    if (!view.several_dataflows()) {  // one waterfall per layer: all of them side by side
      details += figures;
    } else if (!figures.empty()) {
      details += std::string("<details") + (details.empty() ? " open" : "") + "><summary>" +
                 escape_html(name) + ": " + summary + " cycles</summary><div class=\"row\">" +
                 figures + "</div></details>";
    }
  }
  if (!first) return "";
  return "<section id=\"cycles\"><h2>Where the cycles went</h2>" + legend(cycle_waterfall(*first)) +
         "<p class=\"note\">From the ideal (every PE of the array doing a MAC every cycle) to the "
         "measured total cycles: each step is a loss the engine measures, in cycles (PE-cycles "
         "divided by the active PEs). The steps add up exactly to the processing cycles and, "
         "with the DRAM waits, to the total. Hover a bar for its value.</p>" +
         "<figure><figcaption>Share of each step in the layer's total cycles</figcaption>" +
         horizontal_bars_svg(overview) + "</figure><h3>Waterfall per layer</h3>" +
         (view.several_dataflows() ? details : "<div class=\"row\">" + details + "</div>") +
         "<h3>How each step is computed</h3>" + how_table(*first) + "</section>";
}

}  // namespace accelsim
