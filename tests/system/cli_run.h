#pragma once
// Running the accelsim binary from the system tests: its exit code, stdout and stderr,
// and the files it writes (TempDir).

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace system_test {
namespace fs = std::filesystem;

// Arguments name files relative to the source tree, as users do. CTest runs there;
// this makes a hand-started binary (from build/) work too.
inline const bool kInSourceDir = [] {
  fs::current_path(ACCELSIM_SOURCE_DIR);
  return true;
}();

struct Result {
  int exit_code = -1;
  std::string out, err;
};

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh empty folder, removed again when the test ends.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "accelsim_cli_test_XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Runs accelsim with `args` (shell words, trusted test text) and captures everything.
inline Result accelsim(const std::string& args) {
  TempDir capture;
  const fs::path out = capture.path() / "stdout", err = capture.path() / "stderr";
  const std::string command = std::string("'") + ACCELSIM_BINARY + "' " + args + " >'" +
                              out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  Result run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_file(out);
  run.err = read_file(err);
  return run;
}

inline std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::stringstream stream(text);
  for (std::string line; std::getline(stream, line);) result.push_back(line);
  return result;
}

inline std::vector<std::string> files_under(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    names.push_back(fs::relative(entry.path(), folder).string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace system_test
