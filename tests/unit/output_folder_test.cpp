// The files of a run are committed together (issue 15): into a new folder, over an
// earlier run's folder, or file by file into a folder holding other files; a path
// that cannot be written is an InputError naming it, never an internal error.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/common/output_folder.h"
#include "tests/unit/error_of.h"
#include "tests/unit/scratch_folder.h"

namespace accelsim {
namespace {
namespace fs = std::filesystem;

std::string content_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The names in `folder`, sorted.
std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

using Files = std::vector<std::pair<std::string, std::string>>;

TEST(OutputFolder, CreatesAMissingFolderWithEveryFile) {
  const Scratch dir;
  write_files_together(dir / "results/run", {{"a.csv", "1\n"}, {"run.json", "{}\n"}});
  EXPECT_EQ(names_in(dir.path() / "results/run"), (std::vector<std::string>{"a.csv", "run.json"}));
  EXPECT_EQ(content_of(dir.path() / "results/run/a.csv"), "1\n");
  EXPECT_EQ(names_in(dir.path() / "results"), std::vector<std::string>{"run"});  // no leftovers
}

TEST(OutputFolder, ReplacesAnEarlierRunsFolderAsAWhole) {
  const Scratch dir;
  write_files_together(dir / "run", {{"a.csv", "old"}, {"run.json", "old"}});
  write_files_together(dir / "run", {{"a.csv", "new"}, {"run.json", "new"}});
  EXPECT_EQ(content_of(dir.path() / "run/a.csv"), "new");
  EXPECT_EQ(content_of(dir.path() / "run/run.json"), "new");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"run"});
}

TEST(OutputFolder, KeepsTheOtherFilesOfAUsersFolder) {
  const Scratch dir;
  fs::create_directory(dir / "mine");
  std::ofstream(dir / "mine/notes.txt") << "keep";
  std::ofstream(dir / "mine/a.csv") << "old";
  write_files_together(dir / "mine", {{"a.csv", "new"}});
  EXPECT_EQ(content_of(dir.path() / "mine/a.csv"), "new");
  EXPECT_EQ(content_of(dir.path() / "mine/notes.txt"), "keep");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"mine"});
}

TEST(OutputFolder, RemovesTheTemporaryFolderOfAKilledRun) {
  const Scratch dir;
  // pid_max is at most 2^22: no process has this id.
  fs::create_directories(dir / ".run.tmp.99999999/a.csv");
  write_files_together(dir / "run", {{"a.csv", "1"}});
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"run"});
}

TEST(OutputFolder, NamesAPathThatIsNoFolder) {
  const Scratch dir;
  std::ofstream(dir / "file") << "x";
  EXPECT_EQ(error_of([&] { write_files_together(dir / "file", {{"a.csv", "1"}}); }),
            dir / "file" + ": cannot write the output folder: found a file (or a device), "
                           "expected a folder");
  EXPECT_EQ(error_of([&] { write_files_together(dir / "file/run", {{"a.csv", "1"}}); }),
            dir / "file/run" + ": cannot write the output folder: cannot reach it: Not a "
                               "directory");
  EXPECT_EQ(error_of([] { write_files_together("/dev/full", {{"a.csv", "1"}}); }),
            "/dev/full: cannot write the output folder: found a file (or a device), expected a "
            "folder");
  EXPECT_EQ(content_of(dir.path() / "file"), "x");
}

TEST(OutputFolder, NamesAReadOnlyParent) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes to read-only folders";
  const Scratch dir;
  fs::create_directory(dir / "locked");
  fs::permissions(dir / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  const std::string message =
      error_of([&] { write_files_together(dir / "locked/run", {{"a.csv", "1"}}); });
  fs::permissions(dir / "locked", fs::perms::owner_all);
  EXPECT_EQ(message, dir / "locked/run" + ": cannot write the output folder: cannot create a "
                                          "folder in " + dir / "locked" + ": Permission denied");
}

}  // namespace
}  // namespace accelsim
