#include "sim/common/input_error.h"

#include <algorithm>

#include "sim/common/text.h"

namespace accelsim {
namespace {

std::string format_message(const SourceLocation& where, const std::string& key_path,
                           const std::string& problem) {
  std::string message = where.file;
  if (where.line > 0) message += ":" + std::to_string(where.line);
  if (!message.empty()) message += ": ";
  if (!key_path.empty()) message += key_path + ": ";
  return message + problem;
}

}  // namespace

InputError::InputError(const SourceLocation& where, const std::string& key_path,
                       const std::string& problem)
    : std::runtime_error(format_message(where, key_path, problem)) {}

InputError::InputError(const std::string& problem) : std::runtime_error(problem) {}

std::string found_expected(const std::string& found, const std::string& expected) {
  return "found '" + found + "', expected " + expected;
}

void require_choice(const std::string& option, const std::string& value,
                    const std::vector<std::string>& choices) {
  if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
    throw InputError({option}, "", unknown_word_problem("value", value, choices));
  }
}

void require_given(const std::string& value, const std::string& option) {
  if (value.empty()) {
    throw InputError({"command line"}, "", "missing " + option + " (see --help)");
  }
}

}  // namespace accelsim
