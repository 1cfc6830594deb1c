// The dataflow registry: the one list of dataflow names, of the words that stand
// for several (os, all), and of the check of a request's words.

#include <gtest/gtest.h>

#include "dataflows/dataflow.h"
#include "sim/common/input_error.h"
#include "sim/common/text.h"

namespace accelsim {
namespace {

std::vector<std::string> names_of(const std::vector<RequestedDataflow>& requested) {
  std::vector<std::string> names;
  for (const auto& entry : requested) names.push_back(entry.name);
  return names;
}

std::string error_of(const std::vector<std::string>& words) {
  try {
    request_dataflows(words);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

TEST(DataflowRegistry, ListsTheWordsInTheOrderOfHelp) {
  std::vector<std::string> names;
  for (const auto& word : dataflow_words()) names.push_back(word.name);
  std::vector<std::string> expected = dataflow_names();
  expected.insert(expected.end(), {"os", "all"});
  EXPECT_EQ(names, expected);
  EXPECT_EQ(dataflow_names().front(), "rs");  // the default of --dataflow, first in --help
  const std::string help = dataflow_words_help();
  EXPECT_EQ(help.rfind("rs | ws | ", 0), 0u) << help;
  EXPECT_NE(help.find(" | os (the best output-stationary variant per layer) | all (every "
                      "dataflow, each on its own)"),
            std::string::npos)
      << help;
  const DataflowWord rs = dataflow_words().front();
  EXPECT_EQ(rs.kind, DataflowWord::Kind::dataflow);
  EXPECT_EQ(rs.members, std::vector<std::string>{"rs"});
  EXPECT_EQ(rs.description.rfind("row stationary: ", 0), 0u) << rs.description;
}

TEST(DataflowRegistry, AFamilyIsOneEntryOfItsMembers) {
  const auto requested = request_dataflows({"rs", "os"});
  ASSERT_EQ(names_of(requested), (std::vector<std::string>{"rs", "os"}));
  EXPECT_FALSE(requested[0].family);
  ASSERT_EQ(requested[0].members.size(), 1u);
  EXPECT_EQ(requested[0].members[0], &find_dataflow("rs"));
  EXPECT_TRUE(requested[1].family);
  ASSERT_EQ(requested[1].members.size(), 3u);
  EXPECT_EQ(requested[1].members[0]->name(), "os-a");
  EXPECT_EQ(requested[1].members[2]->name(), "os-c");
}

TEST(DataflowRegistry, AllIsEveryDataflowEachOnItsOwnInOrder) {
  std::vector<std::string> expected = {"nlr"};
  for (const auto& name : dataflow_names()) expected.push_back(name);
  EXPECT_EQ(names_of(request_dataflows({"nlr", "all"})), expected);
  EXPECT_GE(expected.size(), 7u);
  EXPECT_EQ(dataflow_words().back().members, dataflow_names());
}

TEST(DataflowRegistry, RejectsUnknownEmptyAndMissingWords) {
  std::vector<std::string> words;
  for (const auto& word : dataflow_words()) words.push_back(word.name);
  const std::string expected = "expected one of: " + join(words, ", ");
  EXPECT_EQ(error_of({"rs", "os-d"}),
            "--dataflow: unknown value 'os-d'; did you mean 'os-a'? " + expected);
  EXPECT_EQ(error_of({"rs", ""}), "--dataflow: unknown value ''; " + expected);
  EXPECT_EQ(error_of({}), "--dataflow: unknown value ''; " + expected);
}

}  // namespace
}  // namespace accelsim
