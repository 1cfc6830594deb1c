// --arch values: spec files, built-in names, and folders of specs (one per dataflow),
// resolved the same from the repository and from any other folder.

#include "arch/spec_location.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "arch/arch_parser.h"
#include "sim/common/files.h"
#include "sim/common/input_error.h"

namespace accelsim {
namespace {
namespace fs = std::filesystem;

std::string error_of(const std::string& name) {
  try {
    locate_spec(name);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

std::string builtin(const std::string& relative) {
  return (fs::path(data_dir()) / "arch" / relative).string();
}

// Runs the test body in an empty folder outside the repository, then goes back.
class OutsideTheRepository : public ::testing::Test {
 protected:
  void SetUp() override {
    home_ = fs::current_path();
    elsewhere_ =
        fs::temp_directory_path() / ("accelsim-spec-location-" + std::to_string(::getpid()));
    fs::create_directories(elsewhere_);
    fs::current_path(elsewhere_);
  }
  void TearDown() override {
    fs::current_path(home_);
    fs::remove_all(elsewhere_);
  }
  fs::path home_, elsewhere_;
};

TEST(SpecFolders, TheIsca16FolderIsListedWithItsDataflows) {
  EXPECT_EQ(list_builtin_spec_folders(), std::vector<std::string>{"isca16"});
  EXPECT_EQ(spec_folder_dataflows(builtin("isca16")),
            (std::vector<std::string>{"nlr", "os-a", "os-b", "os-c", "rs", "ws", "ws-psum"}));
}

TEST(SpecLocation, InTheRepositoryAPathIsItself) {
  const SpecLocation folder = locate_spec("arch/isca16/");
  EXPECT_EQ(folder.path, "arch/isca16/");
  EXPECT_TRUE(folder.folder);
  const SpecLocation file = locate_spec("arch/tiny.yaml");
  EXPECT_EQ(file.path, "arch/tiny.yaml");
  EXPECT_FALSE(file.folder);
}

TEST_F(OutsideTheRepository, BuiltInNamesAndArchPathsResolveToTheDataFolder) {
  for (const char* name : {"isca16", "isca16/", "arch/isca16/", "arch/isca16", "./arch/isca16/"}) {
    const SpecLocation location = locate_spec(name);
    EXPECT_EQ(location.path, builtin("isca16")) << name;
    EXPECT_TRUE(location.folder) << name;
  }
  for (const char* name : {"isca16/rs", "arch/isca16/rs.yaml", "isca16/rs.yaml"}) {
    const SpecLocation location = locate_spec(name);
    EXPECT_EQ(location.path, builtin("isca16/rs.yaml")) << name;
    EXPECT_FALSE(location.folder) << name;
  }
  EXPECT_EQ(locate_spec("arch/eyeriss.yaml").path, builtin("eyeriss.yaml"));
  EXPECT_EQ(load_arch("arch/isca16/ws.yaml").name, "isca16-ws");
}

TEST_F(OutsideTheRepository, ALocalFolderComesBeforeTheBuiltInOfTheSameName) {
  fs::create_directories("isca16");
  const SpecLocation location = locate_spec("isca16");
  EXPECT_EQ(location.path, "isca16");
  EXPECT_TRUE(location.folder);
}

TEST(SpecLocation, AMissingYamlPathIsLeftForTheParserToReport) {
  const SpecLocation location = locate_spec("arch/nope.yaml");
  EXPECT_EQ(location.path, "arch/nope.yaml");
  EXPECT_FALSE(location.folder);
}

TEST(SpecLocation, AnUnknownNameSuggestsFilesAndFolders) {
  EXPECT_EQ(error_of("isca1"),
            "--arch: unknown architecture 'isca1'; did you mean 'isca16'? expected one of: "
            "eyeriss, isca16, isca16/nlr, isca16/os-a, isca16/os-b, isca16/os-c, isca16/rs, "
            "isca16/ws, isca16/ws-psum, tiny, or a path to a spec file or to a folder of specs");
}

TEST(SpecLocation, LoadingAFolderAsOneSpecSaysWhichSpecsItHolds) {
  try {
    load_arch("isca16");
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()),
              "--arch: found 'isca16', a folder of specs (one per dataflow: nlr, os-a, os-b, "
              "os-c, rs, ws, ws-psum), expected one spec, e.g. " +
                  builtin("isca16/nlr.yaml"));
  }
}

}  // namespace
}  // namespace accelsim
