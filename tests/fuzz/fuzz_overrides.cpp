// libFuzzer target: command-line overrides of arch/tiny.yaml, one per input line:
// `key.path=value` as given to --set, or ROWSxCOLS as given to --pe-array.
#include <sstream>

#include "arch/arch_parser.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream lines(std::string(reinterpret_cast<const char*>(data), size));
  accelsim::fuzz::expect_parsed_or_input_error([&] {
    std::vector<accelsim::Override> overrides;
    for (std::string line; std::getline(lines, line);) {
      if (line.find('=') != std::string::npos) {
        overrides.push_back(accelsim::parse_override(line));
      } else {
        for (auto& override : accelsim::pe_array_overrides(line)) overrides.push_back(override);
      }
    }
    accelsim::parse_arch_file(ACCELSIM_SOURCE_DIR "/arch/tiny.yaml", overrides);
  });
  return 0;
}
