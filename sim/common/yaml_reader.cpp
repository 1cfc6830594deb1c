#include "sim/common/yaml_reader.h"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <sstream>

#include "sim/common/files.h"
#include "sim/common/text.h"

namespace accelsim {
namespace {

bool starts_with_path(const std::string& path, const std::string& prefix) {
  return path == prefix ||
         (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
          path[prefix.size()] == '.');
}

std::string range_text(int64_t min, int64_t max) {
  if (max == INT32_MAX) return "an integer >= " + std::to_string(min);
  return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

// 0.001, 100000, 1000000000: a limit as a user would type it.
std::string number_text(double value) {
  std::ostringstream text;
  text << std::setprecision(15) << value;
  return text.str();
}

// Records where each document starts and ignores everything else.
class DocumentStarts : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { line = mark.line + 1; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  int line = 0;
};

// The line where the second document of `content` starts, or 0 when it has one. Not
// YAML::LoadAll: yaml-cpp 0.7 loops forever on some inputs (a lone ',': jbeder/yaml-cpp
// issue 1040, fixed after 0.8.0), so at most two documents are parsed here.
int second_document_line(const std::string& content) {
  std::istringstream in(content);
  YAML::Parser parser(in);
  DocumentStarts starts;
  if (!parser.HandleNextDocument(starts)) return 0;
  return parser.HandleNextDocument(starts) ? starts.line : 0;
}

}  // namespace

Override parse_override(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    throw InputError({"--set " + text}, "",
                     found_expected(text, "key.path=value, for example pe_array.rows=16"));
  }
  return {text.substr(0, equals), text.substr(equals + 1), ""};
}

YamlDocument load_yaml_file(const std::string& path) {
  YamlDocument document;
  document.file = path;
  const std::string content = read_input_file(path, kMaxYamlFileBytes);
  int second_document = 0;
  try {
    document.root = YAML::Load(content);
    second_document = second_document_line(content);
  } catch (const YAML::Exception& error) {
    throw InputError({path, error.mark.line + 1}, "", "YAML syntax error: " + error.msg);
  }
  if (!document.root.IsMap()) {
    const std::string found = document.root.IsNull() ? "an empty document"
                              : document.root.IsSequence() ? "a list"
                                                           : "'" + document.root.Scalar() + "'";
    throw InputError({path, document.root.IsNull() ? 0 : document.root.Mark().line + 1}, "",
                     "found " + found + ", expected a mapping of keys to values");
  }
  // A second document would be silently ignored by a parser reading the first.
  if (second_document > 0) {
    throw InputError({path, second_document}, "",
                     "found a second YAML document (after '---', or after a line indented "
                     "less than the first), expected one document");
  }
  return document;
}

void apply_override(YamlDocument& document, const Override& override) {
  const auto keys = split(override.key_path, '.');
  YAML::Node node = document.root;
  std::string walked;
  for (size_t i = 0; i < keys.size(); ++i) {
    walked += (i ? "." : "") + keys[i];
    if (keys[i].empty()) {
      throw InputError({override.describe()}, override.key_path,
                       "empty key in the path");
    }
    if (i + 1 == keys.size()) {
      node[keys[i]] = YAML::Node(override.value);  // a fresh node: no file position
    } else {
      YAML::Node child = node[keys[i]];
      if (child && !child.IsMap()) {
        const std::string found = child.IsScalar()     ? "'" + child.Scalar() + "'"
                                  : child.IsSequence() ? "a list"
                                                       : "nothing";
        throw InputError({override.describe()}, walked,
                         "found " + found + ", expected a section with keys (" + walked +
                             " is not a section)");
      }
      if (!child) node[keys[i]] = YAML::Node(YAML::NodeType::Map);
      node.reset(node[keys[i]]);
    }
  }
  document.overrides.push_back(override);
}

// ---- YamlValue --------------------------------------------------------------

YamlValue::YamlValue(const YamlDocument* document, YAML::Node node, std::string key_path)
    : document_(document), node_(std::move(node)), key_path_(std::move(key_path)) {}

SourceLocation YamlValue::location() const {
  const YAML::Mark mark = node_.Mark();
  if (mark.line >= 0) return {document_->file, mark.line + 1};
  // No position: the value came from an override (the last one wins, as applied).
  for (auto it = document_->overrides.rbegin(); it != document_->overrides.rend(); ++it) {
    if (starts_with_path(key_path_, it->key_path) || starts_with_path(it->key_path, key_path_)) {
      return {it->describe()};
    }
  }
  return {document_->file};
}

void YamlValue::fail(const std::string& problem) const {
  throw InputError(location(), key_path_, problem);
}

// Scalars are quoted as written; "found 'a list'" would read as if the user typed it.
std::string YamlValue::found(const std::string& expected) const {
  if (node_.IsScalar()) return found_expected(node_.Scalar(), expected);
  return "found " + describe() + ", expected " + expected;
}

std::string YamlValue::describe() const {
  if (node_.IsScalar()) return node_.Scalar();
  if (node_.IsSequence()) return "a list";
  if (node_.IsMap()) return "a section";
  return "nothing";
}

int64_t YamlValue::to_int(int64_t min, int64_t max) const {
  if (!node_.IsScalar()) fail(found(range_text(min, max)));
  const std::string& text = node_.Scalar();
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE) {
    fail(found_expected(text, range_text(min, max)));
  }
  if (value < min || value > max) fail(found_expected(text, range_text(min, max)));
  return value;
}

double YamlValue::to_number(double min, bool min_inclusive, double max) const {
  const std::string expected =
      max < HUGE_VAL && min_inclusive
          ? "a number from " + number_text(min) + " to " + number_text(max)
          : std::string("a number ") + (min_inclusive ? ">= " : "> ") + number_text(min) +
                (max < HUGE_VAL ? " and <= " + number_text(max) : "");
  if (!node_.IsScalar()) fail(found(expected));
  const std::string& text = node_.Scalar();
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(value) ||
      (min_inclusive ? value < min : value <= min) || value > max) {
    fail(found_expected(text, expected));
  }
  return value;
}

bool YamlValue::to_bool() const {
  const std::string text = describe();
  if (node_.IsScalar() && text == "true") return true;
  if (node_.IsScalar() && text == "false") return false;
  fail(found("true or false"));
}

std::string YamlValue::to_string() const {
  if (!node_.IsScalar()) fail(found("a text value"));
  return node_.Scalar();
}

std::string YamlValue::to_choice(const std::vector<std::string>& choices) const {
  if (!node_.IsScalar()) fail(found("one of: " + join(choices, ", ")));
  const std::string text = describe();
  if (std::find(choices.begin(), choices.end(), text) == choices.end()) {
    fail(unknown_word_problem("value", text, choices));
  }
  return text;
}

YamlMap YamlValue::to_map() const {
  if (!node_.IsMap()) fail(found("a section with keys"));
  return YamlMap(document_, node_, key_path_);
}

std::vector<YamlValue> YamlValue::to_list() const {
  if (!node_.IsSequence()) fail(found("a list"));
  std::vector<YamlValue> items;
  for (size_t i = 0; i < node_.size(); ++i) {
    items.emplace_back(document_, node_[i], key_path_ + "[" + std::to_string(i) + "]");
  }
  return items;
}

// ---- YamlMap ----------------------------------------------------------------

YamlMap::YamlMap(const YamlDocument* document, YAML::Node node, std::string key_path)
    : document_(document), node_(std::move(node)), key_path_(std::move(key_path)) {}

std::string YamlMap::child_path(const std::string& key) const {
  return key_path_.empty() ? key : key_path_ + "." + key;
}

SourceLocation YamlMap::location() const {
  return YamlValue(document_, node_, key_path_).location();
}

void YamlMap::fail(const std::string& problem) const {
  throw InputError(location(), key_path_, problem);
}

std::optional<YamlValue> YamlMap::find(const std::string& key) {
  // A key may be asked for twice (a pool's `kernel`); list it once in "expected one of".
  if (std::find(known_keys_.begin(), known_keys_.end(), key) == known_keys_.end()) {
    known_keys_.push_back(key);
  }
  const YAML::Node child = node_[key];
  if (!child || child.IsNull()) return std::nullopt;
  return YamlValue(document_, child, child_path(key));
}

YamlValue YamlMap::at(const std::string& key) {
  auto value = find(key);
  if (!value) throw InputError(location(), child_path(key), "missing required key");
  return *value;
}

int64_t YamlMap::get_int(const std::string& key, int64_t fallback, int64_t min, int64_t max) {
  const auto value = find(key);
  return value ? value->to_int(min, max) : fallback;
}

double YamlMap::get_number(const std::string& key, double fallback, double min,
                           bool min_inclusive, double max) {
  const auto value = find(key);
  return value ? value->to_number(min, min_inclusive, max) : fallback;
}

bool YamlMap::get_bool(const std::string& key, bool fallback) {
  const auto value = find(key);
  return value ? value->to_bool() : fallback;
}

std::string YamlMap::get_string(const std::string& key, const std::string& fallback) {
  const auto value = find(key);
  return value ? value->to_string() : fallback;
}

std::string YamlMap::get_choice(const std::string& key, const std::string& fallback,
                                const std::vector<std::string>& choices) {
  const auto value = find(key);
  return value ? value->to_choice(choices) : fallback;
}

void YamlMap::expect_keys(const std::vector<std::string>& keys) {
  std::vector<std::string> known = keys;
  for (const auto& key : known_keys_) {
    if (std::find(known.begin(), known.end(), key) == known.end()) known.push_back(key);
  }
  known_keys_ = std::move(known);
  finish();
}

void YamlMap::finish() const {
  std::vector<std::string> seen;  // YAML lets a key repeat; only one would be read
  for (const auto& entry : node_) {
    const std::string key = entry.first.Scalar();
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      YamlValue(document_, entry.first, child_path(key))
          .fail("found '" + key + "' again, expected each key once");
    }
    seen.push_back(key);
    if (std::find(known_keys_.begin(), known_keys_.end(), key) != known_keys_.end()) continue;
    YamlValue(document_, entry.first, child_path(key))
        .fail(unknown_word_problem("key", key, known_keys_));
  }
}

}  // namespace accelsim
