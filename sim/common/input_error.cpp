#include "sim/common/input_error.h"

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

}  // namespace accelsim
