// libFuzzer target: an energy table file (arch/README.md, "Energy tables").
#include "arch/arch_parser.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = accelsim::fuzz::write_input(data, size, "table.yaml");
  accelsim::fuzz::expect_parsed_or_input_error([&] { accelsim::parse_energy_file(path); });
  return 0;
}
