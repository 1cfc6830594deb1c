#pragma once
// The message of the InputError an action throws, for tests that pin messages.

#include <string>

#include "sim/common/input_error.h"

namespace accelsim {

// The message of the InputError `action` throws ("" if it throws none).
template <typename Action>
std::string error_of(Action action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

}  // namespace accelsim
