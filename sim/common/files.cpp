#include "sim/common/files.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "sim/common/input_error.h"

namespace accelsim {
namespace fs = std::filesystem;
namespace {

// Closes the descriptor however the read ends.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string open_problem(int error) {
  switch (error) {
    case ENOENT:
    case ENOTDIR: return "cannot open file (does it exist?)";
    case EACCES:
    case EPERM: return "cannot open file: permission denied";
    case ELOOP: return "cannot open file: too many levels of symbolic links (a symlink loop?)";
    case ENAMETOOLONG: return "cannot open file: the path is too long";
    default: return std::string("cannot open file: ") + std::strerror(error);
  }
}

// "" for a regular file, else what the path is instead.
std::string not_regular(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a named pipe";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

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

std::string read_input_file(const std::string& path, int64_t max_bytes) {
  if (path.find('\0') != std::string::npos) {
    throw InputError({path.substr(0, path.find('\0'))}, "",
                     "found a NUL byte in the path, expected a file name");
  }
  // O_NONBLOCK: opening a named pipe must not wait for a writer; fstat then rejects it.
  const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (file.get() < 0) throw InputError({path}, "", open_problem(errno));
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) {
    throw InputError({path}, "", std::string("cannot read file: ") + std::strerror(errno));
  }
  const std::string kind = not_regular(status.st_mode);
  if (!kind.empty()) throw InputError({path}, "", "found " + kind + ", expected a regular file");
  const auto too_large = [&](int64_t bytes) {
    return InputError({path}, "",
                      "found a file of " + std::to_string(bytes) + " bytes, expected at most " +
                          std::to_string(max_bytes) + " bytes");
  };
  if (status.st_size > max_bytes) throw too_large(status.st_size);
  std::string content;
  char buffer[65536];
  for (;;) {
    const ssize_t count = ::read(file.get(), buffer, sizeof buffer);
    if (count == 0) break;
    if (count < 0) {
      if (errno == EINTR) continue;
      throw InputError({path}, "", std::string("cannot read file: ") + std::strerror(errno));
    }
    content.append(buffer, size_t(count));
    // A file may grow while it is read (or report size 0, as /proc does).
    if (int64_t(content.size()) > max_bytes) throw too_large(int64_t(content.size()));
  }
  return content;
}

}  // namespace accelsim
