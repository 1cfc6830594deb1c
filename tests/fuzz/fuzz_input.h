#pragma once
// Shared by the libFuzzer targets (tests/fuzz/README.md): the parsers read files, so
// each input is written to a file of its own process's scratch folder first; an
// InputError is the expected outcome of a bad input, anything else (another
// exception, a crash, a sanitizer report, a hang) is a finding.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/common/input_error.h"

namespace accelsim::fuzz {

// A folder of this process, removed when the process exits normally.
class ScratchFolder {
 public:
  ScratchFolder()
      : path_(std::filesystem::temp_directory_path() /
              ("accelsim_fuzz_" + std::to_string(long(::getpid())))) {
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// <tmp>/accelsim_fuzz_<pid>/, made once per process.
inline const std::filesystem::path& scratch_folder() {
  static const ScratchFolder folder;
  return folder.path();
}

// Writes the input to scratch_folder()/name and returns its path.
inline std::string write_input(const uint8_t* data, size_t size, const std::string& name) {
  const std::string path = (scratch_folder() / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
  return path;
}

// Runs `parse`, accepting an InputError as the answer to a bad input.
template <typename Parse>
void expect_parsed_or_input_error(Parse parse) {
  try {
    parse();
  } catch (const InputError&) {
  }
}

}  // namespace accelsim::fuzz
