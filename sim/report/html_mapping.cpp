// The "mapping on the PE array" section of report.html: per layer and dataflow, the
// array as a grid of PEs coloured by what they hold in the layer's first pass
// (array_placement.h), the picture JSSC 2017 Fig. 5 draws for AlexNet on Eyeriss.

#include "sim/api/simulate.h"
#include "sim/report/array_placement.h"
#include "sim/report/html_charts.h"
#include "sim/report/text_table.h"

namespace accelsim {
namespace {

const char* kGroupColors[] = {"#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860",
                              "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd", "#1f77b4", "#ff7f0e",
                              "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                              "#bcbd22", "#17becf"};
constexpr size_t kColorCount = sizeof kGroupColors / sizeof kGroupColors[0];
constexpr size_t kLegendEntries = 24;  // more groups: the rest are summed up in one line

std::string group_color(int group) { return kGroupColors[size_t(group) % kColorCount]; }

// "1", or with segments "1a", "1b".
std::string cell_label(const PePlacement& pe, int segments) {
  std::string label = std::to_string(pe.group + 1);
  if (segments > 1) label += char('a' + std::min(pe.segment, 25));
  return label;
}

std::string grid_svg(const ArrayPlacement& p) {
  const int cell = std::max(10, std::min(26, 460 / std::max(1, std::max(p.rows, p.cols))));
  const int left = 26, top = 16;
  const int width = left + p.cols * cell + 4, height = top + p.rows * cell + 4;
  std::string svg = "<svg class=\"chart array\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                    std::to_string(width) + "\" height=\"" + std::to_string(height) +
                    "\" font-size=\"" + std::to_string(std::max(7, cell * 2 / 5)) + "\">";
  for (int c = 0; c < p.cols; c += (p.cols > 16 ? 4 : 1)) {
    svg += "<text x=\"" + std::to_string(left + c * cell + cell / 2) +
           "\" y=\"11\" text-anchor=\"middle\" fill=\"#666\">" + std::to_string(c) + "</text>";
  }
  for (int r = 0; r < p.rows; ++r) {
    const int y = top + r * cell;
    if (p.rows <= 16 || r % 4 == 0) {
      svg += "<text x=\"20\" y=\"" + std::to_string(y + cell / 2 + 4) +
             "\" text-anchor=\"end\" fill=\"#666\">" + std::to_string(r) + "</text>";
    }
    for (int c = 0; c < p.cols; ++c) {
      const PePlacement& pe = p.pes[size_t(r * p.cols + c)];
      const int x = left + c * cell;
      const std::string where = "PE (" + std::to_string(r) + ", " + std::to_string(c) + ")";
      svg += "<g><title>" +
             escape_html(pe.group < 0 ? where + ": unused"
                                      : where + ": " + p.groups[size_t(pe.group)] +
                                            (p.segments > 1 ? ", segment " +
                                                                  std::to_string(pe.segment + 1)
                                                            : "") +
                                            "; " + pe.detail) +
             "</title><rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) +
             "\" width=\"" + std::to_string(cell - 1) + "\" height=\"" + std::to_string(cell - 1) +
             "\" fill=\"" + (pe.group < 0 ? "#f2f2f2" : group_color(pe.group)) +
             "\" stroke=\"#fff\"/>";
      if (pe.group >= 0 && cell >= 18) {
        svg += "<text x=\"" + std::to_string(x + cell / 2) + "\" y=\"" +
               std::to_string(y + cell / 2 + 3) + "\" text-anchor=\"middle\" fill=\"#fff\">" +
               cell_label(pe, p.segments) + "</text>";
      }
      svg += "</g>";
    }
  }
  return svg + "</svg>";
}

std::string group_legend(const ArrayPlacement& p) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (size_t g = 0; g < p.groups.size() && g < kLegendEntries; ++g) {
    entries.push_back({std::to_string(g + 1) + ": " + p.groups[g], group_color(int(g))});
  }
  std::string html = legend_html(entries);
  if (p.groups.size() > kLegendEntries) {
    html += "<p class=\"note\">and " + std::to_string(p.groups.size() - kLegendEntries) +
            " more (colours repeat; hover a PE)</p>";
  }
  return html;
}

const ArchSpec& spec_of(const ReportView& view, const LayerResult& layer) {
  if (view.run.archs) {
    for (const auto& spec : *view.run.archs) {
      if (spec.name == layer.arch) return spec;
    }
  }
  return view.run.arch;
}

std::string placement_figure(const ReportView& view, const LayerResult& result) {
  const Layer* layer = view.run.network.find(result.layer);
  if (!layer || !runs_on_array(*layer)) return "";  // an add or a concat has no mapping
  const ArchSpec& spec = spec_of(view, result);
  // A family ("os") ran its winner: draw the variant that ran.
  const Dataflow& dataflow =
      find_dataflow(result.variant.empty() ? result.dataflow : result.variant);
  const LayerShape shape = layer_shape(*layer, result.batch);
  // A result read back from elsewhere may carry a mapping this build does not take.
  if (!dataflow.check(result.mapping, shape, spec).empty()) return "";
  const Schedule schedule = dataflow.lower(result.mapping, shape, spec);
  const ArrayPlacement p = array_placement(schedule, spec);
  return "<figure class=\"placement\"><figcaption>" + escape_html(result.layer) + " on " +
         escape_html(result.dataflow_label()) + " (" + escape_html(spec.name) + ", " +
         std::to_string(p.rows) + " × " + std::to_string(p.cols) + "): " +
         std::to_string(p.busy_pes) + " PEs busy, " + std::to_string(p.groups.size()) + " " +
         escape_html(p.group_kind) + (p.groups.size() == 1 ? "" : "s") +
         (p.segments > 1 ? ", split into up to " + std::to_string(p.segments) + " segments" : "") +
         "</figcaption>" + grid_svg(p) + group_legend(p) + "<p class=\"note\">" +
         escape_html(p.pass) + "; mapping " + escape_html(result.mapping.describe()) +
         "</p></figure>";
}

}  // namespace

std::string mapping_section(const ReportView& view) {
  std::string details;
  for (const auto& name : view.layers) {
    std::string figures;
    for (const auto& dataflow : view.dataflows) {
      const LayerResult* layer = view.find(name, dataflow);
      if (layer && layer->mapped) figures += placement_figure(view, *layer);
    }
    if (figures.empty()) continue;
    details += std::string("<details") + (details.empty() ? " open" : "") + "><summary>" +
               escape_html(name) + "</summary><div class=\"row\">" + figures + "</div></details>";
  }
  if (details.empty()) return "";
  return "<section id=\"mapping\"><h2>The mapping on the PE array</h2><p class=\"note\">"
         "What each PE holds in the layer's first pass, as the engine runs it (row 0 at the "
         "top; hover a PE for its filter row, channels, ifmap row or output pixel). Row "
         "stationary: one colour per PE set (filter group t × channel group r, JSSC 2017 "
         "Fig. 5); a set wider than the array is split into segments a, b, ... Weight "
         "stationary: one colour per column of filters, lanes (channel group, filter row, "
         "tap) on the rows. Output stationary and no local reuse: one colour per filter. "
         "Grey PEs are unused in this pass.</p>" +
         details + "</section>";
}

}  // namespace accelsim
