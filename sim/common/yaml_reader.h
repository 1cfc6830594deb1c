#pragma once
// Strict reading of YAML input: every value is checked for its type and range,
// every key must be known, and every error names file:line, the key path, what
// was found and what was expected (see input_error.h).
//
// Usage: a parser wraps each mapping in a YamlMap, asks for every key it knows,
// then calls finish(), which rejects the keys nobody asked for with a
// "did you mean".

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/common/input_error.h"

namespace accelsim {

// A `--set key.path=value` from the command line.
struct Override {
  std::string key_path;
  std::string value;
  std::string origin;  // what the user typed, when not "--set key=value" (e.g. --pe-array)

  std::string describe() const {
    return origin.empty() ? "--set " + key_path + "=" + value : origin;
  }
};

// "pe_array.rows=16" -> {pe_array.rows, 16}; throws InputError when malformed.
Override parse_override(const std::string& text);

// A loaded document plus the overrides applied to it (kept to locate errors in
// values that came from the command line rather than the file).
struct YamlDocument {
  std::string file;
  YAML::Node root;
  std::vector<Override> overrides;
};

// The largest YAML input: thousands of times the largest shipped file, small enough
// that parsing it takes well under a second.
constexpr int64_t kMaxYamlFileBytes = 16 << 20;

// Throws InputError for a path that is not a readable regular file (files.h), a file
// over kMaxYamlFileBytes, a syntax error, an empty document or a second document.
YamlDocument load_yaml_file(const std::string& path);

// Sets the scalar at override.key_path, creating mappings on the way. Whether the
// key is valid is decided by the parser, so a typo gets the same "did you mean".
void apply_override(YamlDocument& document, const Override& override);

class YamlMap;

// One value in a document, with the key path that leads to it.
class YamlValue {
 public:
  YamlValue(const YamlDocument* document, YAML::Node node, std::string key_path);

  int64_t to_int(int64_t min, int64_t max = INT32_MAX) const;
  // A finite number > min, or >= min when `min_inclusive`, and <= max.
  double to_number(double min, bool min_inclusive = false, double max = HUGE_VAL) const;
  bool to_bool() const;
  std::string to_string() const;
  std::string to_choice(const std::vector<std::string>& choices) const;
  YamlMap to_map() const;
  std::vector<YamlValue> to_list() const;

  // The same value reported under another key path.
  YamlValue with_key_path(std::string key_path) const {
    return YamlValue(document_, node_, std::move(key_path));
  }

  bool is_scalar() const { return node_.IsScalar(); }
  bool is_list() const { return node_.IsSequence(); }
  bool is_map() const { return node_.IsMap(); }
  const std::string& key_path() const { return key_path_; }
  SourceLocation location() const;
  [[noreturn]] void fail(const std::string& problem) const;

 private:
  std::string describe() const;  // the found value, as the user wrote it
  // "found 'X', expected E" for a scalar; "found a list, expected E" otherwise.
  std::string found(const std::string& expected) const;

  const YamlDocument* document_;
  YAML::Node node_;
  std::string key_path_;
};

class YamlMap {
 public:
  YamlMap(const YamlDocument* document, YAML::Node node, std::string key_path);

  // The value at `key`; a missing key is an error.
  YamlValue at(const std::string& key);
  // The value at `key`, if present.
  std::optional<YamlValue> find(const std::string& key);

  // Shorthands for optional scalars with a default.
  int64_t get_int(const std::string& key, int64_t fallback, int64_t min,
                  int64_t max = INT32_MAX);
  double get_number(const std::string& key, double fallback, double min,
                    bool min_inclusive = false, double max = HUGE_VAL);
  bool get_bool(const std::string& key, bool fallback);
  std::string get_string(const std::string& key, const std::string& fallback);
  std::string get_choice(const std::string& key, const std::string& fallback,
                         const std::vector<std::string>& choices);

  // Declares every key this map may have and rejects any other key right away, so a
  // mistyped required key gets its "did you mean" instead of "missing required key".
  void expect_keys(const std::vector<std::string>& keys);

  // Rejects every key that was not asked for, suggesting the closest known one, and
  // every key given twice.
  void finish() const;

  const std::string& key_path() const { return key_path_; }
  SourceLocation location() const;
  [[noreturn]] void fail(const std::string& problem) const;

 private:
  std::string child_path(const std::string& key) const;

  const YamlDocument* document_;
  YAML::Node node_;
  std::string key_path_;
  std::vector<std::string> known_keys_;
};

}  // namespace accelsim
