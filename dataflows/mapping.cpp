#include "dataflows/mapping.h"

#include <stdexcept>

namespace accelsim {

namespace {

// Parameter names are a letter or two, and the mapper reads them for every
// candidate: the first letter decides most comparisons without a library call.
bool same_name(const std::string& key, std::string_view name) {
  return key.size() == name.size() && (name.empty() || key[0] == name[0]) && key == name;
}

}  // namespace

int Mapping::get(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (same_name(key, name)) return value;
  }
  throw std::out_of_range("mapping " + dataflow + " has no parameter '" + std::string(name) + "'");
}

bool Mapping::has(std::string_view name) const {
  for (const auto& entry : params) {
    if (same_name(entry.first, name)) return true;
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

#include "dataflows/schedule.h"

namespace accelsim {

long long AffineStream::size() const {
  long long size = 1;
  for (const auto& loop : loops) size *= loop.count;
  return size;
}

long long AffineStream::at(long long index) const {
  long long address = base;
  for (size_t i = loops.size(); i-- > 0;) {
    address += (index % loops[i].count) * loops[i].stride;
    index /= loops[i].count;
  }
  return address;
}

long long PassPlan::filter_words() const {
  long long words = 0;
  for (const auto& stream : filter_streams) words += stream.words();
  return words;
}

}  // namespace accelsim
