#include "sim/common/text.h"

#include <algorithm>
#include <sstream>

#include "sim/common/input_error.h"

namespace accelsim {

int edit_distance(const std::string& a, const std::string& b) {
  std::vector<int> previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  // A typo is at most a third of the word wrong (and at least one edit is allowed).
  const int max_distance = std::max<int>(1, static_cast<int>(word.size()) / 3);
  std::string best;
  int best_distance = max_distance + 1;
  for (const auto& candidate : candidates) {
    const int distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string unknown_word_problem(const std::string& what, const std::string& word,
                                 const std::vector<std::string>& candidates) {
  std::string problem = "unknown " + what + " '" + word + "'";
  const std::string suggestion = closest_match(word, candidates);
  if (!suggestion.empty()) return problem + "; did you mean '" + suggestion +
                                 "'? expected one of: " + join(candidates, ", ");
  return problem + "; expected one of: " + join(candidates, ", ");
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += separator;
    joined += parts[i];
  }
  return joined;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator)) parts.push_back(part);
  return parts;
}

std::string path_name_problem(const std::string& name) {
  const bool unsafe =
      name.empty() || name.size() > 128 || name[0] == '.' ||
      std::any_of(name.begin(), name.end(), [](char c) {
        return c == '/' || c == '\\' || static_cast<unsigned char>(c) < ' ' || c == 127;
      });
  if (!unsafe) return "";
  std::string shown = name.substr(0, 128);  // a control character shown as '?'
  for (char& c : shown) c = static_cast<unsigned char>(c) < ' ' || c == 127 ? '?' : c;
  return found_expected(shown, "a name of 1 to 128 characters without '/', '\\', control "
                              "characters or a leading '.' (it names the output folder)");
}

}  // namespace accelsim
