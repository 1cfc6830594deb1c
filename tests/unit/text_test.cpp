// String helpers behind every "did you mean": edit distance, closest match, and the
// wording of an unknown-word problem.

#include <gtest/gtest.h>

#include "sim/common/text.h"

namespace accelsim {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("", ""), 0);
  EXPECT_EQ(edit_distance("rows", "rows"), 0);
  EXPECT_EQ(edit_distance("rows", "rowz"), 1);     // substitution
  EXPECT_EQ(edit_distance("alexnt", "alexnet"), 1);  // insertion
  EXPECT_EQ(edit_distance("filters", "filter"), 1);  // deletion
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
  EXPECT_EQ(edit_distance("abc", ""), 3);
  EXPECT_EQ(edit_distance("", "abcd"), 4);
}

TEST(EditDistance, CountsATranspositionAsTwoEdits) {
  EXPECT_EQ(edit_distance("rle", "rel"), 2);
  EXPECT_EQ(edit_distance("name", "nmae"), 2);
}

TEST(EditDistance, IsSymmetric) {
  EXPECT_EQ(edit_distance("bank_width_bits", "banks"), edit_distance("banks", "bank_width_bits"));
  EXPECT_EQ(edit_distance("sunday", "saturday"), 3);
  EXPECT_EQ(edit_distance("saturday", "sunday"), 3);
}

TEST(ClosestMatch, SuggestsTheNearestCandidate) {
  EXPECT_EQ(closest_match("rowz", {"rows", "cols"}), "rows");
  EXPECT_EQ(closest_match("colz", {"rows", "cols"}), "cols");
  EXPECT_EQ(closest_match("alexnt", {"alexnet", "googlenet", "vgg16"}), "alexnet");
}

TEST(ClosestMatch, ReturnsNothingWhenNoCandidateIsATypo) {
  EXPECT_EQ(closest_match("voltage", {"link_width_bits", "clock_mhz", "latency_cycles"}), "");
  EXPECT_EQ(closest_match("foo", {"rs", "ws", "os-a"}), "");
  EXPECT_EQ(closest_match("anything", {}), "");
}

TEST(ClosestMatch, AllowsAThirdOfTheWordAndAtLeastOneEdit) {
  // 6 letters: up to 2 edits.
  EXPECT_EQ(closest_match("resnet", {"resnet18"}), "resnet18");
  EXPECT_EQ(closest_match("resnet", {"resnet152"}), "");
  // 3 letters: 1 edit (the minimum), so a transposition (2 edits) is not suggested.
  EXPECT_EQ(closest_match("vgg", {"vgg1"}), "vgg1");
  EXPECT_EQ(closest_match("vgg", {"vgg16"}), "");
  EXPECT_EQ(closest_match("rel", {"none", "rle"}), "");
  // 1 letter: still one edit.
  EXPECT_EQ(closest_match("x", {"y"}), "y");
}

TEST(ClosestMatch, PrefersTheFirstOfEquallyCloseCandidates) {
  EXPECT_EQ(closest_match("cat", {"bat", "hat"}), "bat");
  EXPECT_EQ(closest_match("cat", {"hat", "bat"}), "hat");
}

TEST(UnknownWordProblem, SuggestsACloseMatchAndListsEveryCandidate) {
  EXPECT_EQ(unknown_word_problem("key", "rowz", {"rows", "cols"}),
            "unknown key 'rowz'; did you mean 'rows'? expected one of: rows, cols");
}

TEST(UnknownWordProblem, ListsTheCandidatesWithoutASuggestionWhenNoneIsClose) {
  EXPECT_EQ(unknown_word_problem("value", "foo", {"rs", "ws", "os-a"}),
            "unknown value 'foo'; expected one of: rs, ws, os-a");
}

TEST(Join, SeparatesPartsAndHandlesEdges) {
  EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(join({"a"}, ", "), "a");
  EXPECT_EQ(join({}, ", "), "");
}

TEST(Split, KeepsEmptyInnerPartsAndDropsATrailingEmptyOne) {
  EXPECT_EQ(split("conv1,conv2", ','), (std::vector<std::string>{"conv1", "conv2"}));
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(split("a,", ','), (std::vector<std::string>{"a"}));
  EXPECT_EQ(split("12x14", 'x'), (std::vector<std::string>{"12", "14"}));
  EXPECT_TRUE(split("", ',').empty());
}

}  // namespace
}  // namespace accelsim
