#include "arch/spec_location.h"

#include <algorithm>
#include <filesystem>

#include "arch/arch_parser.h"
#include "sim/common/files.h"
#include "sim/common/input_error.h"
#include "sim/common/text.h"

namespace accelsim {
namespace fs = std::filesystem;
namespace {

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// "isca16/" -> "isca16"; "./arch/x" -> "arch/x": the name compared with the built-ins.
std::string normalized(const std::string& name) {
  std::string text = fs::path(name).lexically_normal().generic_string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

// The existing file or spec folder at <data_dir>/arch/<relative>, if any.
bool locate_builtin(const std::string& relative, SpecLocation& found) {
  const fs::path root = fs::path(data_dir()) / "arch";
  const auto folders = list_builtin_spec_folders();
  if (std::find(folders.begin(), folders.end(), relative) != folders.end()) {
    found = {(root / relative).string(), true};
    return true;
  }
  const auto files = list_builtin_archs();
  const std::string stem =
      ends_with(relative, ".yaml") ? relative.substr(0, relative.size() - 5) : relative;
  if (std::find(files.begin(), files.end(), stem) != files.end()) {
    found = {(root / (stem + ".yaml")).string(), false};
    return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> spec_folder_dataflows(const std::string& folder) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> list_builtin_spec_folders() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(fs::path(data_dir()) / "arch", error)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && name != "energy" &&
        !spec_folder_dataflows(entry.path().string()).empty()) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

SpecLocation locate_spec(const std::string& name_or_path) {
  std::error_code error;
  // symlink_status: a dangling link or a symlink loop is a path too, and reading it
  // reports what is wrong with it.
  if (fs::exists(fs::symlink_status(name_or_path, error))) {
    return {name_or_path, fs::is_directory(name_or_path, error)};
  }
  const std::string name = normalized(name_or_path);
  SpecLocation found;
  if (locate_builtin(name, found)) return found;
  if (name.rfind("arch/", 0) == 0 && locate_builtin(name.substr(5), found)) return found;
  if (ends_with(name_or_path, ".yaml")) return {name_or_path, false};
  std::vector<std::string> names = list_builtin_archs();
  for (const auto& folder : list_builtin_spec_folders()) names.push_back(folder);
  std::sort(names.begin(), names.end());
  throw InputError({"--arch"}, "",
                   unknown_word_problem("architecture", name_or_path, names) +
                       ", or a path to a spec file or to a folder of specs");
}

}  // namespace accelsim
