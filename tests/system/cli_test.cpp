// The accelsim binary end to end: exit codes, what goes to stdout and stderr, and
// the files a run writes. Runs from the source tree (CTest's working directory).

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <set>

#include "tests/system/cli_run.h"

namespace {
using namespace system_test;
namespace fs = std::filesystem;

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
  EXPECT_EQ(files_under(out), (std::vector<std::string>{"accesses.csv", "diagnostics.json",
                                                         "mappings.txt", "report.html",
                                                         "run.json", "summary.csv"}));
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

// The results are the same bytes whatever -j and however long the run took; what the
// engine did to get them (seconds, passes stepped, cycles jumped) is in diagnostics.json.
TEST(Cli, ResultFilesAreByteIdenticalAcrossJobsAndReruns) {
  TempDir dir;
  const std::string args = "--arch arch/eyeriss.yaml --net lenet5 --dataflow rs,os-c,nlr --out '";
  std::vector<fs::path> outs;
  for (const char* jobs : {"1", "2", "2"}) {
    outs.push_back(dir.path() / ("run" + std::to_string(outs.size())));
    const Result run = accelsim(args + outs.back().string() + "' --quiet -j " + jobs);
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  for (const char* file : {"summary.csv", "accesses.csv", "mappings.txt", "run.json"}) {
    EXPECT_EQ(read_file(outs[0] / file), read_file(outs[1] / file)) << file << ": -j 1 vs -j 2";
    EXPECT_EQ(read_file(outs[1] / file), read_file(outs[2] / file)) << file << ": rerun";
  }
  const nlohmann::json run = nlohmann::json::parse(read_file(outs[0] / "run.json"));
  EXPECT_FALSE(run.contains("engine_seconds"));
  EXPECT_FALSE(run["layers"][0].contains("stepped_passes"));
  const nlohmann::json diagnostics =
      nlohmann::json::parse(read_file(outs[0] / "diagnostics.json"));
  EXPECT_GT(diagnostics["engine_seconds"].get<double>(), 0);
  ASSERT_EQ(diagnostics["layers"].size(), run["layers"].size());
  EXPECT_EQ(diagnostics["layers"][0]["layer"], run["layers"][0]["layer"]);
  EXPECT_GT(diagnostics["layers"][0]["stepped_passes"].get<long long>(), 0);
}

// A pool has no MACs: its rows show its type and no per-MAC figure (they read "inf").
TEST(Cli, PoolRowsHaveNoPerMacFigures) {
  TempDir dir;
  const Result run = accelsim("--arch arch/eyeriss.yaml --net alexnet --layers conv5,pool5 "
                              "--dataflow rs,os-c --out '" + dir.path().string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.find("inf"), std::string::npos) << run.out;
  const std::string html = read_file(dir.path() / "report.html");
  EXPECT_EQ(html.find(">inf<"), std::string::npos);
  EXPECT_NE(html.find("pool5</td><td>pool</td>"), std::string::npos);
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

TEST(Cli, CheckCountsTheSimulatedLayers) {
  const Result run = accelsim("--arch eyeriss --net lenet5 --check");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  // c1, s2, c3, s4, c5, f6, output: the average pools run on the array as the rest.
  EXPECT_NE(run.out.find("lenet5.yaml (7 layers) are valid\n"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("s2 (rs)"), std::string::npos) << run.out;
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

}  // namespace
