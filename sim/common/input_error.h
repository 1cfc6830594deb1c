#pragma once
// Bad user input: a typo in YAML, an impossible spec, an unknown network.
// The CLI prints what() and exits with code 2; the Python bindings raise it.

#include <stdexcept>
#include <string>
#include <vector>

namespace accelsim {

// Where a bad value came from. `file` is the path as the user gave it, or a
// description such as "--set pe_array.rows=0" for command-line overrides.
struct SourceLocation {
  std::string file;
  int line = 0;  // 1-based; 0 when the value has no line (an override)
};

// Message format, stable because tests pin it:
//   "<file>:<line>: <key.path>: <problem>"   (":<line>" omitted when line == 0,
//                                             "<key.path>: " omitted when empty)
class InputError : public std::runtime_error {
 public:
  InputError(const SourceLocation& where, const std::string& key_path,
             const std::string& problem);

  // A problem with no position at all (an unknown network name, say).
  explicit InputError(const std::string& problem);
};

// "found 'X', expected Y": the wording every validator uses.
std::string found_expected(const std::string& found, const std::string& expected);

// Throws "<option>: unknown value 'v'; did you mean ...? expected one of: ..." when
// `value` is none of `choices`.
void require_choice(const std::string& option, const std::string& value,
                    const std::vector<std::string>& choices);

// Throws "command line: missing <option> (see --help)" when `value` is empty.
void require_given(const std::string& value, const std::string& option);

}  // namespace accelsim
