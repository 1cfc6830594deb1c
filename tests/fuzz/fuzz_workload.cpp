// libFuzzer target: a workload file (workloads/README.md).
#include "tests/fuzz/fuzz_input.h"
#include "workloads/network.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = accelsim::fuzz::write_input(data, size, "net.yaml");
  accelsim::fuzz::expect_parsed_or_input_error([&] { accelsim::parse_network_file(path); });
  return 0;
}
