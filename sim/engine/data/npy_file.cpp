// Layer data from NumPy .npy files (format versions 1.0, 2.0 and 3.0: magic, version,
// header length, a Python dict literal with 'descr', 'fortran_order' and 'shape', then
// the raw array). The header is parsed by hand, not with std::regex: a regex over a
// user's header of megabytes recursed until the stack overflowed.

#include <cctype>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "sim/common/files.h"
#include "sim/common/input_error.h"
#include "sim/common/int_math.h"
#include "sim/engine/data/layer_data.h"

namespace accelsim {
namespace {

// NumPy writes headers of a few hundred bytes and its own reader refuses more than
// 10,000 (numpy.lib.format, max_header_size).
constexpr size_t kMaxHeaderBytes = 10000;
constexpr size_t kPreambleBytes = 8;  // "\x93NUMPY", major, minor

std::string shape_text(const std::vector<long long>& shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + ")";
}

struct NpyHeader {
  std::string descr;
  bool fortran_order = false;
  std::vector<long long> shape;
  size_t data_offset = 0;  // where the array starts in the file
};

// Reads the dict literal NumPy writes: {'descr': '<i2', 'fortran_order': False,
// 'shape': (1, 3, 12, 12), }. Anything else is an InputError naming the file.
class HeaderParser {
 public:
  HeaderParser(const std::string& text, const std::string& path) : text_(text), path_(path) {}

  NpyHeader parse() {
    NpyHeader header;
    bool seen[3] = {false, false, false};
    expect('{');
    while (!peek('}')) {
      const std::string key = quoted();
      expect(':');
      const int index = key == "descr" ? 0 : key == "fortran_order" ? 1 : key == "shape" ? 2 : -1;
      if (index < 0 || seen[index]) fail("found key '" + key + "', expected each of 'descr', "
                                         "'fortran_order', 'shape' once");
      seen[index] = true;
      if (index == 0) header.descr = quoted();
      if (index == 1) header.fortran_order = boolean();
      if (index == 2) header.shape = tuple();
      if (!peek('}')) expect(',');
    }
    expect('}');
    skip_space();
    if (at_ < text_.size()) fail("found text after the header's dict, expected none");
    if (!(seen[0] && seen[1] && seen[2])) {
      fail("found a header without 'descr', 'fortran_order' or 'shape', expected all three");
    }
    return header;
  }

 private:
  [[noreturn]] void fail(const std::string& problem) const {
    throw InputError({path_}, "header", problem);
  }
  void skip_space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\t')) {
      ++at_;
    }
  }
  bool peek(char c) {
    skip_space();
    return at_ < text_.size() && text_[at_] == c;
  }
  void expect(char c) {
    if (!peek(c)) fail(std::string("expected '") + c + "' at byte " + std::to_string(at_));
    ++at_;
  }
  std::string quoted() {
    skip_space();
    const char quote = at_ < text_.size() ? text_[at_] : '\0';
    if (quote != '\'' && quote != '"') fail("expected a quoted string at byte " + std::to_string(at_));
    const size_t end = text_.find(quote, at_ + 1);
    if (end == std::string::npos) fail("found an unterminated string, expected a closing quote");
    std::string word = text_.substr(at_ + 1, end - at_ - 1);
    at_ = end + 1;
    return word;
  }
  bool boolean() {
    skip_space();
    for (const char* word : {"False", "True"}) {
      if (text_.compare(at_, std::char_traits<char>::length(word), word) == 0) {
        at_ += std::char_traits<char>::length(word);
        return word[0] == 'T';
      }
    }
    fail("fortran_order: expected True or False");
  }
  // (a, b, c) or (a,) or (): dimensions >= 0 of at most 18 digits.
  std::vector<long long> tuple() {
    std::vector<long long> shape;
    expect('(');
    while (!peek(')')) {
      const size_t start = at_;
      if (at_ < text_.size() && text_[at_] == '-') ++at_;
      long long value = 0;
      size_t digits = 0;
      for (; at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_])); ++at_) {
        if (++digits <= 18) value = value * 10 + (text_[at_] - '0');
      }
      const std::string found = text_.substr(start, at_ - start);
      if (digits == 0 || digits > 18 || text_[start] == '-') {
        throw InputError({path_}, "shape",
                         found_expected(found, "a dimension from 0 to 999999999999999999"));
      }
      shape.push_back(value);
      if (!peek(')')) expect(',');
    }
    expect(')');
    return shape;
  }

  const std::string& text_;
  const std::string& path_;
  size_t at_ = 0;
};

// The magic, version and header of the file's bytes.
NpyHeader read_header(const std::string& bytes, const std::string& path) {
  if (bytes.size() < kPreambleBytes + 2 || bytes.compare(0, 6, "\x93NUMPY") != 0) {
    throw InputError({path}, "", "found no .npy header, expected a NumPy .npy file");
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  const int minor = static_cast<unsigned char>(bytes[7]);
  if (major < 1 || major > 3 || minor != 0) {
    throw InputError({path}, "version",
                     found_expected(std::to_string(major) + "." + std::to_string(minor),
                                    "1.0, 2.0 or 3.0"));
  }
  const size_t length_size = major == 1 ? 2 : 4;
  if (bytes.size() < kPreambleBytes + length_size) {
    throw InputError({path}, "", "found a file that ends inside the header, expected a header");
  }
  size_t header_length = 0;
  for (size_t i = length_size; i-- > 0;) {
    header_length = header_length * 256 + static_cast<unsigned char>(bytes[kPreambleBytes + i]);
  }
  if (header_length > kMaxHeaderBytes) {
    throw InputError({path}, "header",
                     "found a header of " + std::to_string(header_length) +
                         " bytes, expected at most " + std::to_string(kMaxHeaderBytes));
  }
  const size_t start = kPreambleBytes + length_size;
  if (bytes.size() < start + header_length) {
    throw InputError({path}, "", "found a file that ends inside the header, expected a header");
  }
  NpyHeader header = HeaderParser(bytes.substr(start, header_length), path).parse();
  header.data_offset = start + header_length;
  return header;
}

// Reads an int16 array of exactly `expected` shape into `values`.
void read_npy(const std::string& path, const std::vector<long long>& expected,
              std::vector<int16_t>& values) {
  int64_t count = 1;
  for (const long long dimension : expected) count = checked_mul(count, dimension, "npy values");
  const int64_t data_bytes = checked_mul(count, int64_t(sizeof(int16_t)), "npy bytes");
  const std::string bytes = read_input_file(
      path, int64_t(kPreambleBytes + 4 + kMaxHeaderBytes) + data_bytes);
  const NpyHeader header = read_header(bytes, path);
  if (header.descr != "<i2" && header.descr != "|i2") {
    throw InputError({path}, "descr",
                     "found " + header.descr + ", expected '<i2' (int16, little-endian)");
  }
  if (header.fortran_order) {
    throw InputError({path}, "fortran_order", "found True, expected False (C order)");
  }
  if (header.shape != expected) {
    throw InputError({path}, "shape",
                     "found " + shape_text(header.shape) + ", expected " + shape_text(expected));
  }
  const size_t found_bytes = bytes.size() - header.data_offset;
  if (found_bytes != size_t(data_bytes)) {
    throw InputError({path}, "",
                     "found " + std::to_string(found_bytes) + " bytes of values, expected " +
                         std::to_string(data_bytes) + " (the shape's int16 values)");
  }
  values.resize(size_t(count));
  std::memcpy(values.data(), bytes.data() + header.data_offset, size_t(data_bytes));
}

// Whether the optional file `path` is there to read: a path that does not exist is
// not (generated data is used); anything else is, so that read_input_file names a
// directory, a pipe or a symlink loop of that name instead of skipping it.
bool given(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::symlink_status(path, error);
  return status.type() != std::filesystem::file_type::not_found;
}

}  // namespace

void load_layer_data(const std::string& folder, const std::string& layer, LayerData& data) {
  const LayerShape& s = data.shape;
  const auto ifmap = std::filesystem::path(folder) / (layer + "_ifmap.npy");
  if (given(ifmap)) {
    read_npy(ifmap.string(),
             {s.batch, 1LL * s.groups * s.C, data.ifmap_height(), data.ifmap_width()},
             data.ifmap);
  }
  const auto weights = std::filesystem::path(folder) / (layer + "_weights.npy");
  if (given(weights)) {
    read_npy(weights.string(), {1LL * s.groups * s.M, s.C, s.R, s.S}, data.weights);
  }
}

}  // namespace accelsim
