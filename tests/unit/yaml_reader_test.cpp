// The strict YAML reader: typed values with ranges, unknown and repeated keys, and
// command-line overrides, each error located as file:line or as the override typed.

#include <gtest/gtest.h>

#include "sim/common/yaml_reader.h"
#include "tests/unit/error_of.h"

namespace accelsim {
namespace {

// A document as if read from "spec.yaml" (lines count from 1).
YamlDocument document(const std::string& text) { return {"spec.yaml", YAML::Load(text), {}}; }

TEST(YamlInteger, ReadsAnIntegerInRange) {
  const YamlDocument doc = document("rows: 12\nzero: 0\nnegative: -3\n");
  YamlMap map(&doc, doc.root, "");
  EXPECT_EQ(map.at("rows").to_int(1), 12);
  EXPECT_EQ(map.at("zero").to_int(0), 0);
  EXPECT_EQ(map.at("negative").to_int(-5, 5), -3);
}

TEST(YamlInteger, RejectsAFraction) {
  const YamlDocument doc = document("name: x\nrows: 12.5\n");
  YamlMap map(&doc, doc.root, "pe_array");
  EXPECT_EQ(error_of([&] { map.at("rows").to_int(1); }),
            "spec.yaml:2: pe_array.rows: found '12.5', expected an integer >= 1");
}

TEST(YamlInteger, RejectsText) {
  const YamlDocument doc = document("rows: abc\n");
  YamlMap map(&doc, doc.root, "");
  EXPECT_EQ(error_of([&] { map.at("rows").to_int(1); }),
            "spec.yaml:1: rows: found 'abc', expected an integer >= 1");
}

TEST(YamlInteger, RejectsValuesOutOfRange) {
  const YamlDocument doc = document(
      "low: 0\nhigh: 9\nhuge: 3000000000\nendless: 99999999999999999999\nneg: -1\n");
  YamlMap map(&doc, doc.root, "");
  EXPECT_EQ(error_of([&] { map.at("low").to_int(1); }),
            "spec.yaml:1: low: found '0', expected an integer >= 1");
  EXPECT_EQ(error_of([&] { map.at("high").to_int(1, 8); }),
            "spec.yaml:2: high: found '9', expected an integer from 1 to 8");
  EXPECT_EQ(error_of([&] { map.at("huge").to_int(1); }),  // above INT32_MAX
            "spec.yaml:3: huge: found '3000000000', expected an integer >= 1");
  EXPECT_EQ(error_of([&] { map.at("endless").to_int(0); }),  // beyond 64 bits
            "spec.yaml:4: endless: found '99999999999999999999', expected an integer >= 0");
  EXPECT_EQ(error_of([&] { map.at("neg").to_int(0); }),
            "spec.yaml:5: neg: found '-1', expected an integer >= 0");
}

TEST(YamlInteger, NamesAListOrSectionWithoutQuotingIt) {
  const YamlDocument doc = document("rows: [12]\ncols: {n: 14}\n");
  YamlMap map(&doc, doc.root, "");
  EXPECT_EQ(error_of([&] { map.at("rows").to_int(1); }),
            "spec.yaml:1: rows: found a list, expected an integer >= 1");
  EXPECT_EQ(error_of([&] { map.at("cols").to_int(1); }),
            "spec.yaml:2: cols: found a section, expected an integer >= 1");
}

TEST(YamlNumber, ReadsNumbersAboveTheMinimum) {
  const YamlDocument doc = document("a: 2.5\nb: 0\nc: 0\nd: nan\n");
  YamlMap map(&doc, doc.root, "");
  EXPECT_DOUBLE_EQ(map.at("a").to_number(0), 2.5);
  EXPECT_DOUBLE_EQ(map.at("b").to_number(0, true), 0.0);
  EXPECT_EQ(error_of([&] { map.at("c").to_number(0); }),
            "spec.yaml:3: c: found '0', expected a number > 0");
  EXPECT_EQ(error_of([&] { map.at("d").to_number(0, true); }),
            "spec.yaml:4: d: found 'nan', expected a number >= 0");
}

TEST(YamlNumber, ReadsNumbersUpToTheMaximum) {
  const YamlDocument doc = document("a: 1e9\nb: 1.5e9\nc: 5\n");
  YamlMap map(&doc, doc.root, "");
  EXPECT_DOUBLE_EQ(map.at("a").to_number(0, true, 1e9), 1e9);
  EXPECT_EQ(error_of([&] { map.at("b").to_number(0, true, 1e9); }),
            "spec.yaml:2: b: found '1.5e9', expected a number from 0 to 1000000000");
  EXPECT_EQ(error_of([&] { map.at("c").to_number(0, false, 4.5); }),
            "spec.yaml:3: c: found '5', expected a number > 0 and <= 4.5");
}

TEST(YamlBool, AcceptsOnlyTrueAndFalse) {
  const YamlDocument doc = document("a: true\nb: false\nc: yes\n");
  YamlMap map(&doc, doc.root, "pe");
  EXPECT_TRUE(map.at("a").to_bool());
  EXPECT_FALSE(map.at("b").to_bool());
  EXPECT_EQ(error_of([&] { map.at("c").to_bool(); }),
            "spec.yaml:3: pe.c: found 'yes', expected true or false");
}

TEST(YamlChoice, SuggestsTheClosestChoice) {
  const YamlDocument doc = document("split: per_layr\nmode: [fixed]\n");
  YamlMap map(&doc, doc.root, "glb");
  EXPECT_EQ(error_of([&] { map.at("split").to_choice({"per_layer", "fixed"}); }),
            "spec.yaml:1: glb.split: unknown value 'per_layr'; did you mean 'per_layer'? "
            "expected one of: per_layer, fixed");
  EXPECT_EQ(error_of([&] { map.at("mode").to_choice({"per_layer", "fixed"}); }),
            "spec.yaml:2: glb.mode: found a list, expected one of: per_layer, fixed");
}

TEST(YamlMapKeys, MissingRequiredKeyNamesTheMapLine) {
  const YamlDocument doc = document("name: x\npe_array:\n  cols: 14\n");
  YamlMap root(&doc, doc.root, "");
  YamlMap pe_array = root.at("pe_array").to_map();
  EXPECT_EQ(error_of([&] { pe_array.at("rows"); }),
            "spec.yaml:3: pe_array.rows: missing required key");
}

TEST(YamlMapKeys, OptionalKeysFallBackToTheirDefault) {
  const YamlDocument doc = document("a: 1\nempty:\n");
  YamlMap map(&doc, doc.root, "");
  EXPECT_EQ(map.get_int("missing", 7, 0), 7);
  EXPECT_EQ(map.get_int("empty", 5, 0), 5);  // `key:` with no value counts as absent
  EXPECT_EQ(map.get_string("other", "fallback"), "fallback");
  EXPECT_TRUE(map.get_bool("flag", true));
}

TEST(YamlMapKeys, UnknownKeyGetsADidYouMean) {
  const YamlDocument doc = document("rows: 12\ncolz: 14\n");
  YamlMap map(&doc, doc.root, "pe_array");
  map.at("rows");
  map.find("cols");
  EXPECT_EQ(error_of([&] { map.finish(); }),
            "spec.yaml:2: pe_array.colz: unknown key 'colz'; did you mean 'cols'? "
            "expected one of: rows, cols");
}

TEST(YamlMapKeys, UnknownKeyWithoutACloseMatchListsTheKnownKeys) {
  const YamlDocument doc = document("rows: 12\nvoltage: 1.0\n");
  YamlMap map(&doc, doc.root, "pe_array");
  map.at("rows");
  map.find("cols");
  EXPECT_EQ(error_of([&] { map.finish(); }),
            "spec.yaml:2: pe_array.voltage: unknown key 'voltage'; expected one of: rows, cols");
}

TEST(YamlMapKeys, AKeyAskedForTwiceIsListedOnce) {
  const YamlDocument doc = document("kernel: 3\nsride: 2\n");
  YamlMap map(&doc, doc.root, "pool1");
  map.at("kernel");
  map.find("kernel");
  map.find("stride");
  EXPECT_EQ(error_of([&] { map.finish(); }),
            "spec.yaml:2: pool1.sride: unknown key 'sride'; did you mean 'stride'? "
            "expected one of: kernel, stride");
}

TEST(YamlMapKeys, ARepeatedKeyIsAnError) {
  const YamlDocument doc = document("rows: 12\ncols: 14\nrows: 16\n");
  YamlMap map(&doc, doc.root, "pe_array");
  map.at("rows");
  map.at("cols");
  EXPECT_EQ(error_of([&] { map.finish(); }),
            "spec.yaml:3: pe_array.rows: found 'rows' again, expected each key once");
}

TEST(YamlMapKeys, DeclaredKeysReportATypoBeforeTheMissingKey) {
  const YamlDocument doc = document("rowz: 12\ncols: 14\n");
  YamlMap map(&doc, doc.root, "pe_array");
  EXPECT_EQ(error_of([&] { map.expect_keys({"rows", "cols"}); }),
            "spec.yaml:1: pe_array.rowz: unknown key 'rowz'; did you mean 'rows'? "
            "expected one of: rows, cols");
}

TEST(Override, ParsesKeyPathAndValue) {
  const Override set = parse_override("pe_array.rows=16");
  EXPECT_EQ(set.key_path, "pe_array.rows");
  EXPECT_EQ(set.value, "16");
  EXPECT_EQ(set.describe(), "--set pe_array.rows=16");
  EXPECT_EQ(parse_override("description=a=b").value, "a=b");  // the first '=' splits
}

TEST(Override, RejectsTextWithoutKeyOrValue) {
  const std::string expected = ", expected key.path=value, for example pe_array.rows=16";
  EXPECT_EQ(error_of([] { parse_override("pe_array.rows"); }),
            "--set pe_array.rows: found 'pe_array.rows'" + expected);
  EXPECT_EQ(error_of([] { parse_override("=16"); }), "--set =16: found '=16'" + expected);
  EXPECT_EQ(error_of([] { parse_override("rows="); }), "--set rows=: found 'rows='" + expected);
}

TEST(ApplyOverride, ReplacesAnExistingValue) {
  YamlDocument doc = document("pe_array: {rows: 12, cols: 14}\n");
  apply_override(doc, parse_override("pe_array.rows=16"));
  EXPECT_EQ(doc.root["pe_array"]["rows"].Scalar(), "16");
  EXPECT_EQ(doc.root["pe_array"]["cols"].Scalar(), "14");
  ASSERT_EQ(doc.overrides.size(), 1u);
}

TEST(ApplyOverride, CreatesNewKeysAndSections) {
  YamlDocument doc = document("name: x\n");
  apply_override(doc, parse_override("glb.size_kb=64"));
  apply_override(doc, parse_override("description=sweep"));
  EXPECT_EQ(doc.root["glb"]["size_kb"].Scalar(), "64");
  EXPECT_EQ(doc.root["description"].Scalar(), "sweep");
}

TEST(ApplyOverride, ALaterOverrideWins) {
  YamlDocument doc = document("pe_array: {rows: 12}\n");
  apply_override(doc, parse_override("pe_array.rows=16"));
  apply_override(doc, parse_override("pe_array.rows=8"));
  YamlMap pe_array = YamlMap(&doc, doc.root, "").at("pe_array").to_map();
  EXPECT_EQ(pe_array.at("rows").to_int(1), 8);
}

TEST(ApplyOverride, RejectsAPathThroughAScalar) {
  YamlDocument doc = document("pe_array: {rows: 12}\n");
  EXPECT_EQ(error_of([&] { apply_override(doc, parse_override("pe_array.rows.x=3")); }),
            "--set pe_array.rows.x=3: pe_array.rows: found '12', expected a section with keys "
            "(pe_array.rows is not a section)");
  EXPECT_EQ(error_of([&] { apply_override(doc, parse_override("pe_array..rows=3")); }),
            "--set pe_array..rows=3: pe_array..rows: empty key in the path");
}

TEST(ApplyOverride, ErrorsInOverriddenValuesNameTheOverride) {
  YamlDocument doc = document("name: x\npe_array: {rows: 12, cols: 14}\n");
  apply_override(doc, parse_override("pe_array.rows=0"));
  YamlMap pe_array = YamlMap(&doc, doc.root, "").at("pe_array").to_map();
  EXPECT_EQ(error_of([&] { pe_array.at("rows").to_int(1); }),
            "--set pe_array.rows=0: pe_array.rows: found '0', expected an integer >= 1");
  EXPECT_EQ(pe_array.at("cols").location().file, "spec.yaml");  // untouched: from the file
  EXPECT_EQ(pe_array.at("cols").location().line, 2);
}

TEST(ApplyOverride, ErrorsNameTheOptionTheUserTyped) {
  YamlDocument doc = document("pe_array: {rows: 12, cols: 14}\n");
  apply_override(doc, {"pe_array.rows", "0", "--pe-array 0x3"});
  YamlMap pe_array = YamlMap(&doc, doc.root, "").at("pe_array").to_map();
  EXPECT_EQ(error_of([&] { pe_array.at("rows").to_int(1); }),
            "--pe-array 0x3: pe_array.rows: found '0', expected an integer >= 1");
}

TEST(ApplyOverride, AnUnknownKeyFromAnOverrideNamesTheOverride) {
  YamlDocument doc = document("pe_array: {rows: 12, cols: 14}\n");
  apply_override(doc, parse_override("pe_array.rowz=3"));
  YamlMap pe_array = YamlMap(&doc, doc.root, "").at("pe_array").to_map();
  EXPECT_EQ(error_of([&] { pe_array.expect_keys({"rows", "cols"}); }),
            "--set pe_array.rowz=3: pe_array.rowz: unknown key 'rowz'; did you mean 'rows'? "
            "expected one of: rows, cols");
}

TEST(LoadYamlFile, RejectsAMissingFile) {
  EXPECT_EQ(error_of([] { load_yaml_file("tests/configs/no_such_file.yaml"); }),
            "tests/configs/no_such_file.yaml: cannot open file (does it exist?)");
}

}  // namespace
}  // namespace accelsim
