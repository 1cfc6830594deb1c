#include "dataflows/mapping.h"

#include <stdexcept>

namespace accelsim {

int Mapping::get(const std::string& name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  throw std::out_of_range("mapping " + dataflow + " has no parameter '" + name + "'");
}

bool Mapping::has(const std::string& name) const {
  for (const auto& entry : params) {
    if (entry.first == name) return true;
  }
  return false;
}

std::string Mapping::describe() const {
  std::string text;
  for (const auto& [key, value] : params) {
    text += (text.empty() ? "" : " ") + key + "=" + std::to_string(value);
  }
  return text;
}

}  // namespace accelsim
