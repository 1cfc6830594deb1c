#include "sim/report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace accelsim {
namespace {

constexpr double kCharWidth = 6.2;  // px per character at the 11 px font, roughly
constexpr double kPlotHeight = 220, kTop = 22;
constexpr double kBarWidth = 18, kBarGap = 4, kGroupGap = 22;
constexpr double kRowHeight = 18, kRowBar = 12;

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

double nice_step(double max) {
  if (max <= 0) return 1;
  const double raw = max / 5, magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double n = raw / magnitude;
  return magnitude * (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10);
}

struct Axis {
  double max = 1, step = 1;
  std::function<std::string(double)> text;
};

Axis value_axis(const BarChart& chart) {
  double largest = 0;
  for (const auto& group : chart.groups) {
    for (const auto& bar : group.bars) {
      for (const auto& segment : bar.segments) largest = std::max(largest, segment.to);
    }
  }
  for (double line : chart.reference_lines) largest = std::max(largest, line);
  Axis axis;
  axis.max = chart.value_max > 0 ? chart.value_max : largest;
  axis.step = nice_step(axis.max);
  if (chart.value_max <= 0)
    axis.max = std::max(axis.step, std::ceil(axis.max / axis.step - 1e-9) * axis.step);
  axis.text = chart.tick_text ? chart.tick_text : short_number;
  return axis;
}

std::string text_element(double x, double y, const std::string& text,
                         const std::string& attributes) {
  return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" " + attributes + ">" +
         escape_html(text) + "</text>";
}

std::string rect(double x, double y, double width, double height, const BarSegment& segment) {
  return "<rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" +
         number(std::max(width, 0.0)) + "\" height=\"" + number(std::max(height, 0.0)) +
         "\" fill=\"" + segment.color + "\"><title>" + escape_html(segment.tooltip) +
         "</title></rect>";
}

std::string svg_open(double width, double height) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" + number(width) +
         "\" height=\"" + number(height) + "\" viewBox=\"0 0 " + number(width) + " " +
         number(height) + "\" font-family=\"sans-serif\" font-size=\"11\">";
}

size_t longest(const BarChart& chart, bool group_labels) {
  size_t length = 0;
  for (const auto& group : chart.groups) {
    if (group_labels) length = std::max(length, group.label.size());
    for (const auto& bar : group.bars)
      length = std::max(length, group_labels ? 0 : bar.label.size());
  }
  return length;
}

size_t longest_note(const BarChart& chart) {
  size_t length = 0;
  for (const auto& group : chart.groups) {
    for (const auto& bar : group.bars) length = std::max(length, bar.note.size());
  }
  return length;
}

// The width of a group of vertical bars: its bars, or its label when that is wider.
double group_width(const BarGroup& group) {
  return std::max(group.bars.size() * (kBarWidth + kBarGap), group.label.size() * kCharWidth + 4);
}

}  // namespace

std::string escape_html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string short_number(double value) {
  const double magnitude = std::fabs(value);
  const char* suffix = "";
  double scaled = value;
  for (const auto& [limit, name] : {std::pair{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}}) {
    if (magnitude >= limit) {
      scaled = value / limit;
      suffix = name;
      break;
    }
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g%s", scaled, suffix);
  return buffer;
}

double value_axis_end(const BarChart& chart) { return value_axis(chart).max; }

namespace {

std::string line(double x1, double y1, double x2, double y2, const std::string& attributes) {
  return "<line x1=\"" + number(x1) + "\" y1=\"" + number(y1) + "\" x2=\"" + number(x2) +
         "\" y2=\"" + number(y2) + "\" " + attributes + "/>";
}

// Where the parts of a vertical bar chart go.
struct VerticalLayout {
  Axis axis;
  double left = 64, width = 0, plot_bottom = kTop + kPlotHeight, label_band = 0;
  bool bar_labels = false, rotate_notes = false;
  double y_of(double value) const { return plot_bottom - value / axis.max * kPlotHeight; }
};

VerticalLayout vertical_layout(const BarChart& chart) {
  VerticalLayout layout;
  layout.axis = value_axis(chart);
  for (const auto& group : chart.groups) layout.bar_labels |= group.bars.size() > 1;
  layout.label_band = layout.bar_labels ? longest(chart, false) * kCharWidth + 8 : 0;
  layout.rotate_notes = longest_note(chart) * 6.0 > kBarWidth + kBarGap;
  layout.width = layout.left;
  for (const auto& group : chart.groups) layout.width += group_width(group) + kGroupGap;
  return layout;
}

// The value axis: grid lines with their ticks, reference lines, the axis title.
std::string vertical_grid(const BarChart& chart, const VerticalLayout& l) {
  std::string svg;
  for (double tick = 0; tick <= l.axis.max * (1 + 1e-9); tick += l.axis.step) {
    svg += line(l.left, l.y_of(tick), l.width, l.y_of(tick), "stroke=\"#e4e4e4\"");
    svg += text_element(l.left - 4, l.y_of(tick) + 4, l.axis.text(tick), "text-anchor=\"end\"");
  }
  for (double value : chart.reference_lines) {
    svg += line(l.left, l.y_of(value), l.width, l.y_of(value),
                "stroke=\"#555\" stroke-dasharray=\"4 3\"");
  }
  const double middle = kTop + kPlotHeight / 2;
  return svg +
         text_element(14, middle, chart.value_label,
                      "text-anchor=\"middle\" transform=\"rotate(-90 14 " + number(middle) + ")\"");
}

// One bar at x: its segments, its note above, its label below (rotated).
std::string vertical_bar(const Bar& bar, double x, const VerticalLayout& l) {
  std::string svg;
  double top = l.plot_bottom;
  for (const auto& segment : bar.segments) {
    svg +=
        rect(x, l.y_of(segment.to), kBarWidth, l.y_of(segment.from) - l.y_of(segment.to), segment);
    top = std::min(top, l.y_of(segment.to));
  }
  const double center = x + kBarWidth / 2;
  const auto rotated = [](double at_x, double at_y) {
    return "transform=\"rotate(-90 " + number(at_x) + " " + number(at_y) + ")\"";
  };
  if (!bar.note.empty()) {
    svg += l.rotate_notes ? text_element(center + 3, top - 3, bar.note,
                                         "font-size=\"9.5\" " + rotated(center + 3, top - 3))
                          : text_element(center, top - 3, bar.note,
                                         "font-size=\"9.5\" text-anchor=\"middle\"");
  }
  if (l.bar_labels) {
    svg += text_element(center + 4, l.plot_bottom + 6, bar.label,
                        "text-anchor=\"end\" " + rotated(center + 4, l.plot_bottom + 6));
  }
  return svg;
}

}  // namespace

double vertical_chart_width(const BarChart& chart) { return vertical_layout(chart).width + 8; }

std::string vertical_bars_svg(const BarChart& chart) {
  const VerticalLayout l = vertical_layout(chart);
  std::string svg =
      svg_open(l.width + 8, l.plot_bottom + l.label_band + 24) + vertical_grid(chart, l);
  double x = l.left + kGroupGap / 2;
  for (const auto& group : chart.groups) {
    const double start = x, slot = group_width(group);
    double bar_x = start + (slot - group.bars.size() * (kBarWidth + kBarGap)) / 2;  // centered
    for (const auto& bar : group.bars) {
      svg += vertical_bar(bar, bar_x, l);
      bar_x += kBarWidth + kBarGap;
    }
    x = start + slot;
    svg += text_element((start + x - kBarGap) / 2, l.plot_bottom + l.label_band + 16, group.label,
                        "text-anchor=\"middle\" font-weight=\"bold\"");
    if (&group != &chart.groups.back()) {
      const double between = x + kGroupGap / 2 - kBarGap / 2;
      svg += line(between, kTop, between, l.plot_bottom + l.label_band + 20, "stroke=\"#d0d0d0\"");
    }
    x += kGroupGap;
  }
  svg += line(l.left, l.plot_bottom, l.width, l.plot_bottom, "stroke=\"#333\"");
  return svg + "</svg>";
}

std::string horizontal_bars_svg(const BarChart& chart) {
  const Axis axis = value_axis(chart);
  const double left =
      std::min(260.0, std::max(longest(chart, false), longest(chart, true)) * kCharWidth + 14);
  const double right = longest_note(chart) * kCharWidth + 12;
  double rows = 0;
  for (const auto& group : chart.groups) rows += group.bars.size() + (group.label.empty() ? 0 : 1);
  const double plot_top = 6, plot_bottom = plot_top + rows * kRowHeight;
  const double plot_width = chart.plot_width;
  const double width = left + plot_width + right, height = plot_bottom + 34;
  std::string svg = svg_open(width, height);
  const auto x_of = [&](double value) { return left + value / axis.max * plot_width; };
  for (double tick = 0; tick <= axis.max * (1 + 1e-9); tick += axis.step) {
    svg += line(x_of(tick), plot_top, x_of(tick), plot_bottom, "stroke=\"#e4e4e4\"");
    svg += text_element(x_of(tick), plot_bottom + 13, axis.text(tick), "text-anchor=\"middle\"");
  }
  svg += text_element(left + plot_width / 2, plot_bottom + 28, chart.value_label,
                      "text-anchor=\"middle\"");
  double y = plot_top;
  for (const auto& group : chart.groups) {
    if (!group.label.empty()) {
      svg += text_element(4, y + 13, group.label, "font-weight=\"bold\"");
      y += kRowHeight;
    }
    for (const auto& bar : group.bars) {
      const double bar_top = y + (kRowHeight - kRowBar) / 2;
      svg += text_element(left - 6, y + 13, bar.label, "text-anchor=\"end\"");
      double end = left;
      for (const auto& segment : bar.segments) {
        svg += rect(x_of(segment.from), bar_top, x_of(segment.to) - x_of(segment.from), kRowBar,
                    segment);
        end = std::max(end, x_of(segment.to));
      }
      if (!bar.note.empty()) svg += text_element(end + 4, y + 13, bar.note, "");
      y += kRowHeight;
    }
  }
  svg += line(left, plot_top, left, plot_bottom, "stroke=\"#333\"");
  return svg + "</svg>";
}

}  // namespace accelsim
