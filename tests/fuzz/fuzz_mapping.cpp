// libFuzzer target: an explicit mapping file (dataflows/README.md, `--mapping`).
#include "sim/api/simulate.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = accelsim::fuzz::write_input(data, size, "mapping.yaml");
  accelsim::fuzz::expect_parsed_or_input_error([&] { accelsim::load_mapping_file(path); });
  return 0;
}
