#include "sim/common/files.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace accelsim {
namespace fs = std::filesystem;

std::string data_dir() {
  if (const char* configured = std::getenv("ACCELSIM_DATA_DIR")) return configured;
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const fs::path installed = executable.parent_path().parent_path() / "share" / "accelsim";
    if (fs::is_directory(installed / "arch", error)) return installed.string();
  }
  return ACCELSIM_SOURCE_DATA_DIR;
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
