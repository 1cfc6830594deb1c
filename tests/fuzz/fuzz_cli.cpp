// libFuzzer target: the command-line option parser. The input is the argument list,
// one argument per line (at most 64).
#include <sstream>
#include <vector>

#include "sim/cli/options.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream lines(std::string(reinterpret_cast<const char*>(data), size));
  std::vector<std::string> arguments = {"accelsim"};
  for (std::string line; arguments.size() < 65 && std::getline(lines, line);) {
    arguments.push_back(line);
  }
  std::vector<const char*> argv;
  for (const auto& argument : arguments) argv.push_back(argument.c_str());
  argv.push_back(nullptr);
  accelsim::fuzz::expect_parsed_or_input_error(
      [&] { accelsim::parse_cli(int(arguments.size()), argv.data()); });
  return 0;
}
