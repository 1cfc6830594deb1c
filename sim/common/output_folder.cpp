#include "sim/common/output_folder.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

#include "sim/common/input_error.h"

namespace accelsim {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const fs::path& folder, const std::string& problem) {
  throw InputError({folder.string()}, "", "cannot write the output folder: " + problem);
}

void check(const fs::path& folder, const std::error_code& error, const std::string& doing) {
  if (error) fail(folder, doing + ": " + error.message());
}

// Writes one file and syncs it, so that the rename that publishes it publishes data.
void write_synced(const fs::path& folder, const fs::path& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(folder, path.filename().string() + ": " + std::strerror(errno));
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t count = ::write(fd, content.data() + written, content.size() - written);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) {
      const int error = count < 0 ? errno : EIO;
      ::close(fd);
      fail(folder, path.filename().string() + ": " + std::strerror(error));
    }
    written += size_t(count);
  }
  const bool synced = ::fsync(fd) == 0;
  const int error = errno;
  if (::close(fd) != 0 || !synced) {
    fail(folder, path.filename().string() + ": " + std::strerror(synced ? errno : error));
  }
}

// ".run.tmp." for folder .../run: the prefix of its temporary folders.
std::string temporary_prefix(const fs::path& folder) {
  return "." + folder.filename().string() + ".tmp.";
}

// Removes the temporary folders of `folder` whose process is gone (killed mid-write).
void remove_stale_temporaries(const fs::path& folder) {
  std::error_code error;
  const std::string prefix = temporary_prefix(folder);
  for (const auto& entry : fs::directory_iterator(folder.parent_path(), error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string pid_text = name.substr(prefix.size());
    if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    const long pid = std::strtol(pid_text.c_str(), nullptr, 10);
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), error);
  }
}

// True when every entry of `folder` is one of `names`: an earlier run's output.
bool holds_only(const fs::path& folder, const std::set<std::string>& names) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    if (!names.count(entry.path().filename().string())) return false;
  }
  return !error;
}

// `folder` exists: publish `temporary`'s files into it, as a set when it is ours.
void replace_folder(const fs::path& folder, const fs::path& temporary,
                    const std::set<std::string>& names) {
  std::error_code error;
  if (holds_only(folder, names)) {
    if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, folder.c_str(), RENAME_EXCHANGE) == 0) {
      fs::remove_all(temporary, error);  // now the old output
      return;
    }
  }
  // A folder of the user's (or a file system without RENAME_EXCHANGE): file by file.
  for (const auto& name : names) {
    fs::rename(temporary / name, folder / name, error);
    check(folder, error, name);
  }
  fs::remove_all(temporary, error);
}

}  // namespace

fs::path check_output_folder(const std::string& folder_text) {
  if (folder_text.find('\0') != std::string::npos) {
    fail(folder_text.substr(0, folder_text.find('\0')), "found a NUL byte in the path");
  }
  const fs::path folder = fs::absolute(fs::path(folder_text)).lexically_normal();
  const fs::path target = folder.filename().empty() ? folder.parent_path() : folder;
  std::error_code error;
  const auto status = fs::status(target, error);
  if (error && error.value() != ENOENT) check(folder_text, error, "cannot reach it");
  if (fs::exists(status) && !fs::is_directory(status)) {
    fail(folder_text, "found a file (or a device), expected a folder");
  }
  // The temporary folder is made beside the target: its nearest existing ancestor
  // must be a folder this process may write.
  fs::path ancestor = target.parent_path();
  while (!fs::exists(fs::status(ancestor, error)) && ancestor.has_relative_path()) {
    ancestor = ancestor.parent_path();
  }
  if (!fs::is_directory(fs::status(ancestor, error))) {
    fail(folder_text, "cannot reach it: " + ancestor.string() + " is not a folder");
  }
  if (::access(ancestor.c_str(), W_OK) != 0) {
    fail(folder_text, "cannot create a folder in " + ancestor.string() + ": " +
                          std::strerror(errno));
  }
  return target;
}

void write_files_together(const std::string& folder_text,
                          const std::vector<std::pair<std::string, std::string>>& files) {
  const fs::path target = check_output_folder(folder_text);
  std::error_code error;
  const auto status = fs::status(target, error);
  fs::create_directories(target.parent_path(), error);
  check(folder_text, error, "cannot create " + target.parent_path().string());
  remove_stale_temporaries(target);
  const fs::path temporary =
      target.parent_path() / (temporary_prefix(target) + std::to_string(long(::getpid())));
  fs::remove_all(temporary, error);
  fs::create_directory(temporary, error);
  check(folder_text, error, "cannot create a folder in " + target.parent_path().string());
  std::set<std::string> names;
  try {
    for (const auto& [name, content] : files) {
      write_synced(folder_text, temporary / name, content);
      names.insert(name);
    }
    if (fs::exists(status)) {
      replace_folder(target, temporary, names);
    } else {
      fs::rename(temporary, target, error);
      check(folder_text, error, "cannot rename " + temporary.string());
    }
  } catch (...) {
    fs::remove_all(temporary, error);
    throw;
  }
}

void write_file_whole(const std::string& path, const std::string& content) {
  const fs::path target(path);
  const fs::path temporary = target.string() + ".tmp." + std::to_string(long(::getpid()));
  write_synced(target, temporary, content);
  std::error_code error;
  fs::rename(temporary, target, error);
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    fail(target, "cannot rename " + temporary.string() + ": " + error.message());
  }
}

}  // namespace accelsim
