#pragma once
// A plain-text table with aligned columns, for the terminal.

#include <string>
#include <vector>

namespace accelsim {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}

  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void add_separator() { rows_.push_back({}); }

  // Text columns are left-aligned, numeric ones right-aligned.
  std::string render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;  // an empty row is a separator line
};

// Numbers for people: 665784864 -> "665.8M", 1234 -> "1234".
std::string human_count(double value);
// Fixed number of decimals.
std::string fixed(double value, int decimals);

// One CSV field, quoted when it needs to be.
std::string csv_field(const std::string& text);
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace accelsim
