#pragma once
// SystemC elaborates one design per process, so every test that runs the engine
// runs it in a forked child (sim/api/child_process.h) and reads back what the
// child printed.

#include <string>

#include "sim/api/child_process.h"

namespace accelsim::testing {

// Runs body() (returning text) in a child process; returns that text, or
// "EXCEPTION: ..." when the body threw.
template <typename Body>
std::string run_in_child(Body body) {
  const ChildOutcome outcome = accelsim::run_in_child(body);
  switch (outcome.kind) {
    case ChildOutcome::Kind::ok:
      return outcome.text;
    case ChildOutcome::Kind::input_error:
    case ChildOutcome::Kind::error:
      return "EXCEPTION: " + outcome.text;
    default:
      return "EXCEPTION: child crashed";
  }
}

}  // namespace accelsim::testing
