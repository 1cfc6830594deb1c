#include "sim/common/files.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace accelsim {
namespace fs = std::filesystem;

namespace {

// <prefix>/share/accelsim when it holds the built-in specs, else empty.
std::string installed_data(const fs::path& prefix) {
  std::error_code error;
  const fs::path data = prefix / "share" / "accelsim";
  return fs::is_directory(data / "arch", error) ? data.string() : std::string();
}

// The installed Python module: <prefix>/lib/python3.X/dist-packages/accelsim/_core.so
// (sim/python/CMakeLists.txt), the file that holds this code when Python loads it.
std::string data_beside_python_module() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&installed_data), &info) == 0 || !info.dli_fname) return "";
  const fs::path package = fs::path(info.dli_fname).parent_path();
  if (package.filename() != "accelsim" || package.parent_path().filename() != "dist-packages") {
    return "";
  }
  return installed_data(package.parent_path().parent_path().parent_path().parent_path());
}

}  // namespace

std::string data_dir() {
  if (const char* configured = std::getenv("ACCELSIM_DATA_DIR")) return configured;
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const std::string installed = installed_data(executable.parent_path().parent_path());
    if (!installed.empty()) return installed;
  }
  const std::string beside_module = data_beside_python_module();
  return beside_module.empty() ? ACCELSIM_SOURCE_DATA_DIR : beside_module;
}

void write_file_atomically(const std::string& path, const std::string& content) {
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  const fs::path temporary =
      target.string() + ".tmp." + std::to_string(static_cast<long>(::getpid()));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw std::runtime_error("cannot write " + temporary.string());
    }
  }
  fs::rename(temporary, target);
}

}  // namespace accelsim
