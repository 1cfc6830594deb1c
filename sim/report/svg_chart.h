#pragma once
// Inline SVG charts for the HTML report (html_report.h): plain SVG text, no scripts,
// sized to their content. A bar is a stack of segments; hovering a segment shows its
// tooltip (an SVG <title>). Legends are drawn by the HTML around the chart.

#include <functional>
#include <string>
#include <vector>

namespace accelsim {

struct BarSegment {
  double from = 0, to = 0;  // along the value axis
  std::string color;        // CSS color
  std::string tooltip;
};

struct Bar {
  std::string label;  // under a vertical bar (rotated), left of a horizontal one
  std::vector<BarSegment> segments;
  std::string note;  // above a vertical bar, right of a horizontal one ("n/a", a value)
};

struct BarGroup {
  std::string label;  // under the group; empty for none
  std::vector<Bar> bars;
};

struct BarChart {
  std::vector<BarGroup> groups;
  std::string value_label;                       // the value axis' title, with its unit
  double value_max = 0;                          // 0: the largest segment end, rounded up to a tick
  std::function<std::string(double)> tick_text;  // default: short numbers (1.5k, 2M)
  std::vector<double> reference_lines;           // dashed lines across the plot (e.g. 1.0 = RS)
  double plot_width = 440;                       // px of the value axis of horizontal bars
};

// Vertical bars: one slot per bar, groups side by side. Bar labels are drawn only
// when a group has more than one bar.
std::string vertical_bars_svg(const BarChart& chart);

// The width in px vertical_bars_svg draws the chart with.
double vertical_chart_width(const BarChart& chart);

// Horizontal bars: one row per bar, groups stacked with their label as a row title.
std::string horizontal_bars_svg(const BarChart& chart);

// The end of the value axis the chart is drawn with: value_max, or the largest segment
// end (or reference line) rounded up to a tick.
double value_axis_end(const BarChart& chart);

// Text escaped for HTML and SVG (&, <, >, ").
std::string escape_html(const std::string& text);

// 1234567 -> "1.23M"; 0.0123 -> "0.0123": a compact number for ticks and notes.
std::string short_number(double value);

}  // namespace accelsim
