// The tests name files relative to the source tree (arch/eyeriss.yaml,
// tests/configs/...), the way users do and the way expected messages print them.
// CTest runs them there; this makes a hand-started binary (from build/) work too.

#include <filesystem>

namespace {
const bool kInSourceDir = [] {
  std::filesystem::current_path(ACCELSIM_SOURCE_DIR);
  return true;
}();
}  // namespace
