// Reading the user's input files: anything but a readable regular file of sane size is
// an InputError naming the path and what it is instead, never a hang (a named pipe), an
// "internal error" (a symlink loop) or a silently truncated path (a NUL byte).

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "arch/arch_parser.h"
#include "sim/common/files.h"
#include "tests/unit/error_of.h"
#include "tests/unit/scratch_folder.h"

namespace accelsim {
namespace {
namespace fs = std::filesystem;

TEST(ReadInputFile, ReturnsTheBytesOfARegularFile) {
  const Scratch dir;
  std::ofstream(dir / "a.yaml", std::ios::binary) << std::string("x: 1\n\0y", 7);
  EXPECT_EQ(read_input_file(dir / "a.yaml", 7), std::string("x: 1\n\0y", 7));
}

TEST(ReadInputFile, RejectsAMissingFileAndADanglingLink) {
  const Scratch dir;
  fs::create_symlink(dir / "nowhere.yaml", dir / "dangling.yaml");
  EXPECT_EQ(error_of([&] { read_input_file(dir / "none.yaml", 100); }),
            dir / "none.yaml" + ": cannot open file (does it exist?)");
  EXPECT_EQ(error_of([&] { read_input_file(dir / "dangling.yaml", 100); }),
            dir / "dangling.yaml" + ": cannot open file (does it exist?)");
}

TEST(ReadInputFile, RejectsADirectory) {
  const Scratch dir;
  fs::create_directory(dir / "spec.yaml");
  EXPECT_EQ(error_of([&] { read_input_file(dir / "spec.yaml", 100); }),
            dir / "spec.yaml" + ": found a directory, expected a regular file");
}

// Without a writer, a blocking open would wait forever.
TEST(ReadInputFile, RejectsANamedPipeWithoutWaitingForAWriter) {
  const Scratch dir;
  ASSERT_EQ(::mkfifo((dir / "pipe.yaml").c_str(), 0600), 0);
  EXPECT_EQ(error_of([&] { read_input_file(dir / "pipe.yaml", 100); }),
            dir / "pipe.yaml" + ": found a named pipe, expected a regular file");
}

TEST(ReadInputFile, RejectsADevice) {
  EXPECT_EQ(error_of([] { read_input_file("/dev/zero", 100); }),
            "/dev/zero: found a device, expected a regular file");
}

TEST(ReadInputFile, RejectsASymlinkLoop) {
  const Scratch dir;
  fs::create_symlink(dir / "b.yaml", dir / "a.yaml");
  fs::create_symlink(dir / "a.yaml", dir / "b.yaml");
  EXPECT_EQ(error_of([&] { read_input_file(dir / "a.yaml", 100); }),
            dir / "a.yaml" +
                ": cannot open file: too many levels of symbolic links (a symlink loop?)");
}

TEST(ReadInputFile, RejectsAnUnreadableFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
  const Scratch dir;
  std::ofstream(dir / "secret.yaml") << "x: 1\n";
  fs::permissions(dir / "secret.yaml", fs::perms::none);
  EXPECT_EQ(error_of([&] { read_input_file(dir / "secret.yaml", 100); }),
            dir / "secret.yaml" + ": cannot open file: permission denied");
}

TEST(ReadInputFile, RejectsAFileOverTheLimit) {
  const Scratch dir;
  std::ofstream(dir / "big.yaml") << std::string(101, '#');
  EXPECT_EQ(error_of([&] { read_input_file(dir / "big.yaml", 100); }),
            dir / "big.yaml" + ": found a file of 101 bytes, expected at most 100 bytes");
}

TEST(ReadInputFile, RejectsANulByteInThePath) {
  EXPECT_EQ(error_of([] { read_input_file(std::string("arch/tiny.yaml\0x", 16), 100); }),
            "arch/tiny.yaml: found a NUL byte in the path, expected a file name");
}

TEST(LoadYamlFile, RejectsAFileOverSixteenMebibytes) {
  const Scratch dir;
  std::ofstream(dir / "huge.yaml").close();
  fs::resize_file(dir / "huge.yaml", kMaxYamlFileBytes + 1);
  EXPECT_EQ(error_of([&] { load_yaml_file(dir / "huge.yaml"); }),
            dir / "huge.yaml" + ": found a file of 16777217 bytes, expected at most 16777216 bytes");
}

TEST(LoadYamlFile, AcceptsOneDocumentWithMarkers) {
  const Scratch dir;
  std::ofstream(dir / "one.yaml") << "---\nx: 1\n...\n";
  EXPECT_EQ(load_yaml_file(dir / "one.yaml").root["x"].as<int>(), 1);
}

// A spec name that is not a built-in and not a .yaml path is still read as a path when
// something is there, so a symlink loop is reported as one.
TEST(LoadArch, ReportsASymlinkLoopGivenWithoutTheYamlSuffix) {
  const Scratch dir;
  fs::create_symlink(dir / "b", dir / "a");
  fs::create_symlink(dir / "a", dir / "b");
  EXPECT_EQ(error_of([&] { load_arch(dir / "a"); }),
            dir / "a" + ": cannot open file: too many levels of symbolic links (a symlink loop?)");
}

}  // namespace
}  // namespace accelsim
