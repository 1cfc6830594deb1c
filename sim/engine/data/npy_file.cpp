// Layer data from NumPy .npy files (format version 1.0 / 2.0: magic, header
// length, a Python dict literal with 'descr', 'fortran_order' and 'shape', then the
// raw array).

#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>
#include <regex>

#include "sim/common/input_error.h"
#include "sim/engine/data/layer_data.h"

namespace accelsim {
namespace {

std::string shape_text(const std::vector<long long>& shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + ")";
}

// The header's dict literal, after the magic and the header length.
std::string read_header(std::ifstream& in, const std::string& path) {
  char magic[8];
  if (!in.read(magic, 8) || std::string(magic, 6) != "\x93NUMPY") {
    throw InputError({path}, "", "found no .npy header, expected a NumPy .npy file");
  }
  size_t header_length = 0;
  unsigned char length_bytes[4] = {0, 0, 0, 0};
  const int length_size = magic[6] == 1 ? 2 : 4;
  in.read(reinterpret_cast<char*>(length_bytes), length_size);
  for (int i = length_size - 1; i >= 0; --i) header_length = header_length * 256 + length_bytes[i];
  std::string header(header_length, ' ');
  in.read(header.data(), std::streamsize(header_length));
  return header;
}

// Reads an int16 array of exactly `expected` shape into `values`.
void read_npy(const std::string& path, const std::vector<long long>& expected,
              std::vector<int16_t>& values) {
  std::ifstream in(path, std::ios::binary);
  const std::string header = read_header(in, path);
  std::smatch match;
  if (!std::regex_search(header, match, std::regex("'descr':\\s*'([^']*)'")) ||
      (match[1] != "<i2" && match[1] != "|i2")) {
    const std::string found = match.empty() ? std::string("none") : match[1].str();
    throw InputError({path}, "descr", "found " + found + ", expected '<i2' (int16, little-endian)");
  }
  if (std::regex_search(header, std::regex("'fortran_order':\\s*True"))) {
    throw InputError({path}, "fortran_order", "found True, expected False (C order)");
  }
  std::vector<long long> shape;
  if (std::regex_search(header, match, std::regex("'shape':\\s*\\(([^)]*)\\)"))) {
    const std::string dims = match[1];
    const std::regex number("\\d+");
    for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it) {
      shape.push_back(std::stoll(it->str()));
    }
  }
  if (shape != expected) {
    throw InputError({path}, "shape",
                     "found " + shape_text(shape) + ", expected " + shape_text(expected));
  }
  values.resize(size_t(std::accumulate(shape.begin(), shape.end(), 1LL, std::multiplies<>())));
  if (!in.read(reinterpret_cast<char*>(values.data()),
               std::streamsize(values.size() * sizeof(int16_t)))) {
    throw InputError({path}, "", "found fewer values than the shape says");
  }
}

}  // namespace

void load_layer_data(const std::string& folder, const std::string& layer, LayerData& data) {
  const LayerShape& s = data.shape;
  const auto ifmap = std::filesystem::path(folder) / (layer + "_ifmap.npy");
  if (std::filesystem::exists(ifmap)) {
    read_npy(ifmap.string(),
             {s.batch, 1LL * s.groups * s.C, data.ifmap_height(), data.ifmap_width()},
             data.ifmap);
  }
  const auto weights = std::filesystem::path(folder) / (layer + "_weights.npy");
  if (std::filesystem::exists(weights)) {
    read_npy(weights.string(), {1LL * s.groups * s.M, s.C, s.R, s.S}, data.weights);
  }
}

}  // namespace accelsim
