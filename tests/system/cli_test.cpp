// The accelsim binary end to end: exit codes, what goes to stdout and stderr, and
// the files a run writes. Runs from the source tree (CTest's working directory).

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {
namespace fs = std::filesystem;

// Arguments name files relative to the source tree, as users do. CTest runs there;
// this makes a hand-started binary (from build/) work too.
const bool kInSourceDir = [] {
  fs::current_path(ACCELSIM_SOURCE_DIR);
  return true;
}();

struct Result {
  int exit_code = -1;
  std::string out, err;
};

std::string read_file(const fs::path& path) {
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
Result accelsim(const std::string& args) {
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

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::stringstream stream(text);
  for (std::string line; std::getline(stream, line);) result.push_back(line);
  return result;
}

std::vector<std::string> files_under(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    names.push_back(fs::relative(entry.path(), folder).string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(Cli, HelpMentionsEveryOption) {
  const Result run = accelsim("--help");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  for (const char* option : {"--arch", "--net", "--dataflow", "--batch", "--layers", "--pe-array",
                             "--set", "--objective", "--mode", "--out", "--format", "--list-nets",
                             "--check", "--seed", "--quiet", "--summary"}) {
    EXPECT_NE(run.out.find(option), std::string::npos) << option;
  }
}

TEST(Cli, VersionPrintsTheProjectVersion) {
  const Result run = accelsim("--version");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "accelsim " ACCELSIM_VERSION "\n");
}

TEST(Cli, ListNetsShowsAllTwentyFourBuiltInNetworks) {
  const Result run = accelsim("--list-nets");
  EXPECT_EQ(run.exit_code, 0);
  const auto rows = lines(run.out);
  ASSERT_EQ(rows.size(), 26u);  // header, rule, 24 networks
  for (const char* name : {"alexnet", "googlenet", "lenet5", "mobilenet-v1", "overfeat-fast",
                           "resnet152", "resnet18", "resnet34", "resnet50", "vgg16", "vgg19",
                           "bert-base", "lstm-ptb", "nasnet-mobile", "xception"}) {
    EXPECT_NE(run.out.find(std::string("\n") + name + " "), std::string::npos) << name;
  }
}

TEST(Cli, SummaryTableShowsConv1Macs) {
  const Result run = accelsim("--net alexnet --summary");
  EXPECT_EQ(run.exit_code, 0);
  bool found = false;
  for (const auto& line : lines(run.out)) {
    if (line.rfind("conv1 ", 0) == 0) {
      found = true;
      EXPECT_NE(line.find(" 105415200 "), std::string::npos) << line;
      EXPECT_NE(line.find(" 55x55 "), std::string::npos) << line;
    }
  }
  EXPECT_TRUE(found) << run.out;
}

TEST(Cli, SummaryJsonHasEveryLayerWithTheDocumentedKeys) {
  const Result run = accelsim("--net alexnet --summary --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json json = nlohmann::json::parse(run.out);
  ASSERT_TRUE(json["layers"].is_array());
  ASSERT_EQ(json["layers"].size(), 11u);
  const std::set<std::string> keys = {"name", "type", "C", "M", "groups", "H", "W", "R",
                                      "S", "stride", "pad", "E", "F", "macs", "weights",
                                      "activation"};
  for (const auto& layer : json["layers"]) {
    std::set<std::string> found;
    for (const auto& item : layer.items()) found.insert(item.key());
    EXPECT_EQ(found, keys) << layer.dump();
  }
  EXPECT_EQ(json["layers"][0]["macs"], 105415200);
  EXPECT_EQ(json["totals"]["macs"], 724406816);
}

TEST(Cli, SummaryCsvHasTheDocumentedHeader) {
  const Result run = accelsim("--net alexnet --summary --format csv");
  EXPECT_EQ(run.exit_code, 0);
  const auto rows = lines(run.out);
  ASSERT_EQ(rows.size(), 13u);
  EXPECT_EQ(rows[0], "name,type,C,M,groups,H,W,R,S,stride,pad,E,F,macs,weights,activation");
  EXPECT_EQ(rows[12], "total,,,,,,,,,,,,,724406816,60954656,");
}

TEST(Cli, ARunWritesTheResultFilesWhole) {
  TempDir dir;
  const fs::path out = dir.path() / "eyeriss_alexnet";
  const Result run = accelsim("--arch arch/eyeriss.yaml --net alexnet --layers conv5,fc8 --out '" +
                              out.string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  // Exactly these: no temporary "*.tmp.<pid>" file is left behind.
  EXPECT_EQ(files_under(out), (std::vector<std::string>{"accesses.csv", "mappings.txt",
                                                         "report.html", "run.json",
                                                         "summary.csv"}));
  const nlohmann::json json = nlohmann::json::parse(read_file(out / "run.json"));
  EXPECT_EQ(json["arch"]["pe_array"]["rows"], 12);
  EXPECT_EQ(json["network"]["totals"]["macs"], 724406816);
  ASSERT_EQ(json["layers"].size(), 2u);
  for (const auto& layer : json["layers"]) EXPECT_EQ(layer["output_verified"], true);
  const auto summary = lines(read_file(out / "summary.csv"));
  ASSERT_EQ(summary.size(), 3u);
  EXPECT_EQ(summary[0].rfind("layer,dataflow,variant,batch,macs,cycles,processing_cycles,active_pes,"
                             "utilization,energy,", 0), 0u);
  EXPECT_EQ(summary[1].rfind("conv5,rs,rs,1,74760192,", 0), 0u);
  EXPECT_EQ(lines(read_file(out / "accesses.csv"))[0],
            "layer,dataflow,level,data_type,action,count,energy");
  EXPECT_NE(run.out.find("conv5"), std::string::npos);
}

TEST(Cli, OverridesReachTheRecordedSpec) {
  TempDir dir;
  const Result run = accelsim("--arch eyeriss --net lenet5 --pe-array 16x16 --set glb.size_kb=50 "
                              "--quiet --out '" + dir.path().string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  const nlohmann::json json = nlohmann::json::parse(read_file(dir.path() / "run.json"));
  EXPECT_EQ(json["arch"]["pe_array"]["cols"], 16);
  EXPECT_EQ(json["arch"]["glb"]["size_kb"], 50);
}

TEST(Cli, CheckValidatesWithoutWriting) {
  TempDir dir;
  const fs::path out = dir.path() / "run";
  const Result run = accelsim("--arch arch/eyeriss.yaml --net alexnet --check --out '" +
                              out.string() + "'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("ok: arch/eyeriss.yaml"), std::string::npos) << run.out;
  EXPECT_FALSE(fs::exists(out));
}

TEST(Cli, CheckListsTheLayersThatCannotBeMapped) {
  const Result run = accelsim("--arch arch/tiny.yaml --net alexnet --check --dataflow rs");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("layers that cannot be mapped:\n"
                         "  conv1 (rs): filter height R=11 exceeds the 3 PE rows (a "
                         "row-stationary PE set is R rows tall)\n"
                         "  conv2 (rs): filter height R=5 exceeds the 3 PE rows"),
            std::string::npos)
      << run.out;
}

// The layers run in network order whatever the order named, with one process or two.
// The os family runs its winning variant; the report draws that variant's mapping,
// on one spec and on a spec folder (where each variant has its own spec).
TEST(Cli, TheOsFamilyWritesItsReportOnASpecAndOnASpecFolder) {
  for (const char* arch : {"eyeriss", "isca16"}) {
    TempDir dir;
    const Result run = accelsim(std::string("--arch ") + arch +
                                " --net lenet5 --dataflow os --layers c3 -q --out '" +
                                dir.path().string() + "'");
    ASSERT_EQ(run.exit_code, 0) << arch << ": " << run.err;
    const std::string report = read_file(dir.path() / "report.html");
    EXPECT_NE(report.find("c3 on os (os-"), std::string::npos) << arch;
  }
}

TEST(Cli, SelectedLayersRunInNetworkOrder) {
  for (const char* jobs : {"1", "2"}) {
    TempDir dir;
    const Result run = accelsim(std::string("--arch tiny --net lenet5 --layers output,c3,f6 -q -j ") +
                                jobs + " --out '" + dir.path().string() + "'");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    std::vector<std::string> layers;
    for (const auto& row : lines(read_file(dir.path() / "summary.csv"))) {
      layers.push_back(row.substr(0, row.find(',')));
    }
    EXPECT_EQ(layers, (std::vector<std::string>{"layer", "c3", "f6", "output"})) << jobs;
  }
}

TEST(Cli, CheckCountsTheLayersWithMacs) {
  const Result run = accelsim("--arch eyeriss --net lenet5 --check");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("lenet5.yaml (5 layers) are valid\n"), std::string::npos) << run.out;
}

// A named pipe would block a reader forever; given as a spec or a network it is an input
// error right away (a regression hangs this test until CTest's timeout).
TEST(Cli, ANamedPipeAsInputIsAnInputErrorNotAHang) {
  TempDir dir;
  const fs::path pipe = dir.path() / "spec.yaml";
  ASSERT_EQ(mkfifo(pipe.c_str(), 0600), 0);
  for (const std::string& args : {"--arch '" + pipe.string() + "' --net lenet5 --check",
                                  "--arch tiny --net '" + pipe.string() + "' --check"}) {
    const Result run = accelsim(args);
    EXPECT_EQ(run.exit_code, 2) << args;
    EXPECT_EQ(run.err, "accelsim: error: " + pipe.string() +
                           ": found a named pipe, expected a regular file\n");
  }
}

struct BadInput {
  const char* name;
  const char* args;
  const char* message_start;  // stderr starts "accelsim: error: " + this
  const char* message_part;   // and contains this
};

void PrintTo(const BadInput& input, std::ostream* out) { *out << input.args; }

class CliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, ExitsWithTwoAndOneErrorLineAndWritesNothing) {
  TempDir dir;
  const fs::path out = dir.path() / "run";
  const Result run = accelsim(std::string(GetParam().args) + " --out '" + out.string() + "'");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  const auto err = lines(run.err);
  ASSERT_EQ(err.size(), 1u) << run.err;
  EXPECT_EQ(err[0].rfind(std::string("accelsim: error: ") + GetParam().message_start, 0), 0u)
      << err[0];
  EXPECT_NE(err[0].find(GetParam().message_part), std::string::npos) << err[0];
  EXPECT_FALSE(fs::exists(out));
}

const BadInput kBadInputs[] = {
    {"UnknownNetwork", "--arch arch/eyeriss.yaml --net alexnt", "--net: unknown network 'alexnt'",
     "did you mean 'alexnet'?"},
    {"UnknownArch", "--arch eyeris --net alexnet", "--arch: unknown architecture 'eyeris'",
     "did you mean 'eyeriss'?"},
    {"MissingArchFile", "--arch arch/nope.yaml --net alexnet", "arch/nope.yaml: ",
     "cannot open file"},
    {"SetUnknownKey", "--arch arch/eyeriss.yaml --net alexnet --set pe_array.rowz=3",
     "--set pe_array.rowz=3: pe_array.rowz: unknown key 'rowz'", "did you mean 'rows'?"},
    {"PeArrayZeroRows", "--arch arch/eyeriss.yaml --net alexnet --pe-array 0x3",
     "--pe-array 0x3: pe_array.rows: found '0'", "expected an integer from 1 to 1024"},
    {"PeArrayPastTheLimit", "--arch arch/eyeriss.yaml --net alexnet --pe-array 99999x99999",
     "--pe-array 99999x99999: pe_array.rows: found '99999'", "expected an integer from 1 to 1024"},
    {"ClockPastTheLimit", "--arch arch/eyeriss.yaml --net alexnet --set clock_mhz=1e300",
     "--set clock_mhz=1e300: clock_mhz: found '1e300'", "expected a number from 0.001 to 100000"},
    {"PeArrayNotRowsByCols", "--arch arch/eyeriss.yaml --net alexnet --pe-array 12by14",
     "--pe-array: found '12by14'", "expected ROWSxCOLS"},
    {"BatchZero", "--arch arch/eyeriss.yaml --net alexnet --batch 0", "--batch: found '0'",
     "expected an integer from 1 to 65536"},
    {"BatchPastTheLimit", "--arch arch/eyeriss.yaml --net alexnet --batch 2147483647",
     "--batch: found '2147483647'", "expected an integer from 1 to 65536"},
    {"BatchWithBoostPlaceholder", "--arch arch/eyeriss.yaml --net alexnet --batch %value%",
     "--batch: found '%value%'", "expected an integer from 1 to 65536"},
    {"JobsPastTheLimit", "--arch arch/eyeriss.yaml --net alexnet -j 100000",
     "--jobs: found '100000'", "expected an integer from 1 to 256"},
    {"NegativeSeed", "--arch arch/eyeriss.yaml --net alexnet --seed=-1", "--seed: found '-1'",
     "expected an integer from 0 to 4294967295"},
    {"UnknownDataflow", "--arch arch/eyeriss.yaml --net alexnet --dataflow foo",
     "--dataflow: unknown value 'foo'", "expected one of: rs, ws"},
    {"UnknownLayer", "--arch arch/eyeriss.yaml --net alexnet --layers conv9",
     "--layers: unknown layer 'conv9'", "(network alexnet)"},
    {"UnknownOption", "--arch arch/eyeriss.yaml --net alexnet --frobnicate",
     "command line: unrecognised option '--frobnicate'", "(see --help)"},
    {"BrokenArchFile", "--arch tests/configs/broken/arch/unknown_key.yaml --net alexnet",
     "tests/configs/broken/arch/unknown_key.yaml:6: pe_array.rowz: unknown key 'rowz'",
     "did you mean 'rows'?"},
    {"BrokenWorkloadFile",
     "--arch arch/eyeriss.yaml --net tests/configs/broken/workload/groups_not_dividing.yaml",
     "tests/configs/broken/workload/groups_not_dividing.yaml:8: layers.conv2.groups: found '3'",
     "expected a divisor"},
    {"MissingNet", "--arch arch/eyeriss.yaml", "command line: missing --net", "(see --help)"},
    {"StrayArguments", "--arch arch/eyeriss.yaml --net lenet5 foo bar --check",
     "command line: found 'foo', expected an option", "(see --help)"},
    {"LayersAsTwoArguments", "--arch arch/eyeriss.yaml --net lenet5 --layers c1 c3",
     "command line: found 'c3', expected an option", "e.g. --layers conv1,conv3"},
    {"EmptyLayers", "--arch arch/eyeriss.yaml --net lenet5 --layers ''",
     "--layers: found '', expected layer names separated by single commas", ""},
    {"EmptyLayerName", "--arch arch/eyeriss.yaml --net lenet5 --layers c1,,c3",
     "--layers: found 'c1,,c3', expected layer names separated by single commas", ""},
    {"RepeatedLayer", "--arch arch/eyeriss.yaml --net lenet5 --layers c1,c1",
     "--layers: found 'c1,c1', expected each layer once ('c1' is repeated)", ""},
    // With two processes as with one (each once ignored or accepted it).
    {"LayerWithoutMacsInTwoProcesses", "--arch tiny --net lenet5 --layers c1,c3,s2 -j 2",
     "--layers: unknown layer with MACs 's2'", "(network lenet5)"},
    {"LayerWithoutMacsChecked", "--arch tiny --net lenet5 --layers s2 --check",
     "--layers: unknown layer with MACs 's2'", "(network lenet5)"},
    // issue 15, phase 2: each class of bad input the issue lists.
    {"BoostPlaceholderInAnOption", "--arch tiny --net lenet5 --x%canonical_option%",
     "command line: unrecognised option '--x%canonical_option%'", "(see --help)"},
    {"DataFolderMissing", "--arch tiny --net lenet5 --data no/such/folder",
     "--data: found 'no/such/folder'", "(it does not exist)"},
    {"DataIsAFile", "--arch tiny --net lenet5 --data README.md", "--data: found 'README.md'",
     "not a file"},
    {"DataWithANegativeShape",
     "--arch eyeriss --net lenet5 --layers c1 --data tests/configs/broken/npy",
     "tests/configs/broken/npy/c1_ifmap.npy: shape: found '-1'", "expected a dimension"},
    {"DataWithANegativeShapeChecked",
     "--arch eyeriss --net lenet5 --layers c1 --data tests/configs/broken/npy --check",
     "tests/configs/broken/npy/c1_ifmap.npy: shape: found '-1'", "expected a dimension"},
    {"MapOfAnUnknownLayer", "--arch tiny --net lenet5 --map c9:m=1,n=1,e=1,p=1,q=1,r=1,t=1",
     "--map c9:m=1,n=1,e=1,p=1,q=1,r=1,t=1: unknown layer with MACs 'c9'", "(network lenet5)"},
    {"MapWithoutValue", "--arch tiny --net lenet5 --map c1:m", "--map c1:m: found 'm'",
     "expected name=integer"},
    {"MappingOfAnotherDataflow",
     "--arch eyeriss --net alexnet --dataflow ws "
     "--mapping dataflows/row_stationary/eyeriss_alexnet.yaml",
     "--mapping dataflows/row_stationary/eyeriss_alexnet.yaml: conv1: found a mapping of "
     "dataflow rs",
     "(--dataflow ws)"},
    {"MappingOfAnotherNetwork",
     "--arch eyeriss --net lenet5 --mapping dataflows/row_stationary/eyeriss_alexnet.yaml",
     "--mapping dataflows/row_stationary/eyeriss_alexnet.yaml: unknown layer with MACs",
     "(network lenet5)"},
    {"NetworkNameLeavesResults",
     "--arch tiny --net tests/configs/broken/workload/name_leaves_results.yaml",
     "tests/configs/broken/workload/name_leaves_results.yaml:2: name: found '../../outside'",
     "(it names the output folder)"},
    {"SpecNameLeavesResults",
     "--arch tests/configs/broken/arch/name_leaves_results.yaml --net lenet5",
     "tests/configs/broken/arch/name_leaves_results.yaml:2: name: found '../../outside'",
     "(it names the output folder)"},
    {"TenGigapixelInput", "--arch tiny --net lenet5 --input 100000x100000",
     "--input 100000x100000: found '1x100000x100000", "268435456 values in all"},
};

// --out that cannot be written (a file, a device, a path under a file) is the user's
// input error, not an internal one (exit 2, one line naming the path).
TEST(CliOutput, AnUnwritableOutIsAnInputError) {
  TempDir dir;
  const fs::path file = dir.path() / "file";
  std::ofstream(file) << "x";
  for (const std::string& out : std::vector<std::string>{file.string(), "/dev/full", "/dev/full/run"}) {
    const Result run = accelsim("--arch tiny --net lenet5 --layers c1 --out '" + out + "'");
    EXPECT_EQ(run.exit_code, 2) << out;
    const auto err = lines(run.err);
    ASSERT_EQ(err.size(), 1u) << run.err;
    EXPECT_EQ(err[0].rfind("accelsim: error: " + out + ": cannot write the output folder: ", 0),
              0u)
        << err[0];
  }
  EXPECT_EQ(std::ifstream(file).get(), 'x');
}

// A spec folder whose rs.yaml is a symlink loop: fs::exists threw, an internal error.
TEST(CliSpecFolder, ASymlinkLoopInTheFolderIsAnInputError) {
  TempDir dir;
  fs::create_symlink(dir.path() / "rs.yaml", dir.path() / "rs.yaml");
  const Result run = accelsim("--arch '" + dir.path().string() + "/' --net lenet5 --check");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("rs.yaml: cannot open file: too many levels of symbolic links"),
            std::string::npos)
      << run.err;
}

INSTANTIATE_TEST_SUITE_P(Cli, CliBadInput, ::testing::ValuesIn(kBadInputs),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
