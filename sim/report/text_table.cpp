#include "sim/report/text_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace accelsim {
namespace {

// "105415200", "55x55", "665.8M"; not a sentence that starts with a digit ("3x4 PEs, ...").
bool looks_numeric(const std::string& cell) {
  return !cell.empty() && (std::isdigit(static_cast<unsigned char>(cell[0])) || cell[0] == '-') &&
         cell.find(' ') == std::string::npos;
}

}  // namespace

std::string TextTable::render() const {
  std::vector<size_t> widths(header_.size());
  for (size_t c = 0; c < header_.size(); ++c) widths[c] = header_[c].size();
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], row[c].size());
    }
  }
  const auto render_row = [&](const std::vector<std::string>& row, bool is_header) {
    std::string line;
    for (size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < row.size() ? row[c] : "";
      const std::string pad(widths[c] - cell.size(), ' ');
      const bool right = !is_header && looks_numeric(cell) && c > 0;
      line += (c ? "  " : "") + (right ? pad + cell : cell + pad);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  size_t total_width = 0;
  for (size_t w : widths) total_width += w + 2;
  const std::string rule(total_width > 2 ? total_width - 2 : 0, '-');
  std::string text = render_row(header_, true) + rule + "\n";
  for (const auto& row : rows_) text += row.empty() ? rule + "\n" : render_row(row, false);
  return text;
}

std::string human_count(double value) {
  const char* suffixes[] = {"", "k", "M", "G", "T"};
  int index = 0;
  double scaled = value;
  while (std::fabs(scaled) >= 1000 && index < 4) {
    scaled /= 1000;
    ++index;
  }
  char buffer[32];
  if (index == 0) {
    std::snprintf(buffer, sizeof buffer, "%.0f", scaled);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.*f%s", std::fabs(scaled) < 10 ? 2 : 1, scaled,
                  suffixes[index]);
  }
  return buffer;
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string row;
  for (size_t i = 0; i < fields.size(); ++i) row += (i ? "," : "") + csv_field(fields[i]);
  return row + "\n";
}

}  // namespace accelsim
