// The dataflow registry: the one list of dataflow names, of the words that stand
// for several (os, all), and of the check of a request's words.

#include <gtest/gtest.h>

#include "dataflows/dataflow.h"
#include "sim/common/input_error.h"

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
  EXPECT_EQ(names, (std::vector<std::string>{"rs", "ws", "os-a", "os-b", "os-c", "nlr", "os",
                                             "all"}));
  EXPECT_EQ(dataflow_words_help(),
            "rs | ws | os-a | os-b | os-c | nlr | os (the best output-stationary variant per "
            "layer) | all (every dataflow, each on its own)");
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
  EXPECT_EQ(names_of(request_dataflows({"nlr", "all"})),
            (std::vector<std::string>{"nlr", "rs", "ws", "os-a", "os-b", "os-c", "nlr"}));
  EXPECT_EQ(dataflow_words().back().members, dataflow_names());
}

TEST(DataflowRegistry, RejectsUnknownEmptyAndMissingWords) {
  const std::string expected = "expected one of: rs, ws, os-a, os-b, os-c, nlr, os, all";
  EXPECT_EQ(error_of({"rs", "os-d"}),
            "--dataflow: unknown value 'os-d'; did you mean 'os-a'? " + expected);
  EXPECT_EQ(error_of({"rs", ""}), "--dataflow: unknown value ''; " + expected);
  EXPECT_EQ(error_of({}), "--dataflow: unknown value ''; " + expected);
}

}  // namespace
}  // namespace accelsim
