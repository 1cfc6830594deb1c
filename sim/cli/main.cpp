// accelsim command line. Exit codes: 0 success, 2 bad input, 1 internal error.

#include <iostream>

#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/common/input_error.h"

int main(int argc, char** argv) {
  try {
    return accelsim::run_command(accelsim::parse_cli(argc, argv), std::cout);
  } catch (const accelsim::InputError& error) {
    std::cerr << "accelsim: error: " << error.what() << "\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "accelsim: internal error: " << error.what() << "\n";
    return 1;
  }
}
