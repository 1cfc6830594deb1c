// Bad input to the accelsim binary: exit code 2, one error line naming what was found
// and what was expected, and nothing written (issue 15's classes, one case each).

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/system/cli_run.h"

namespace {
using namespace system_test;
namespace fs = std::filesystem;

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
    {"LayerNotSimulatedInTwoProcesses",
     "--arch tiny --net lstm-ptb --layers t1_token,l1_h0 -j 2",
     "--layers: unknown simulated layer 'l1_h0'", "(network lstm-ptb)"},
    {"LayerNotSimulatedChecked", "--arch tiny --net lstm-ptb --layers l1_h0 --check",
     "--layers: unknown simulated layer 'l1_h0'", "(network lstm-ptb)"},
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
     "--map c9:m=1,n=1,e=1,p=1,q=1,r=1,t=1: unknown layer on the array 'c9'", "(network lenet5)"},
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
     "--mapping dataflows/row_stationary/eyeriss_alexnet.yaml: unknown layer on the array",
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
