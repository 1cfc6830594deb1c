#include "sim/values/image_input.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "sim/common/files.h"
#include "sim/common/input_error.h"

namespace accelsim {
namespace {

constexpr int64_t kMaxImageBytes = 64LL << 20;
constexpr double kMean[3] = {0.485, 0.456, 0.406};  // ImageNet, as torchvision normalizes
constexpr double kStd[3] = {0.229, 0.224, 0.225};

// The colour of channel `c` at a real-valued position of the crop, bilinearly.
double sample(const RgbImage& image, double y, double x, int c) {
  y = std::clamp(y, 0.0, image.height - 1.0);
  x = std::clamp(x, 0.0, image.width - 1.0);
  const int y0 = int(y), x0 = int(x);
  const int y1 = std::min(y0 + 1, image.height - 1), x1 = std::min(x0 + 1, image.width - 1);
  const double fy = y - y0, fx = x - x0;
  const auto at = [&](int row, int col) {
    const uint8_t* pixel = &image.rgb[(size_t(row) * image.width + col) * 3];
    if (c < 0) return 0.299 * pixel[0] + 0.587 * pixel[1] + 0.114 * pixel[2];
    return double(pixel[c]);
  };
  return (at(y0, x0) * (1 - fx) + at(y0, x1) * fx) * (1 - fy) +
         (at(y1, x0) * (1 - fx) + at(y1, x1) * fx) * fy;
}

}  // namespace

RgbImage read_ppm(const std::string& path) {
  const std::string bytes = read_input_file(path, kMaxImageBytes);
  std::istringstream in(bytes);
  std::string magic;
  int width = 0, height = 0, max_value = 0;
  in >> magic >> width >> height >> max_value;
  const bool header_ok = in && magic == "P6" && width > 0 && height > 0 && max_value == 255 &&
                         width <= 16384 && height <= 16384;
  in.get();  // the one whitespace byte before the pixels
  const size_t offset = size_t(in.tellg());
  const size_t pixels = size_t(width) * height * 3;
  if (!header_ok || bytes.size() < offset + pixels) {
    throw InputError({path, 0}, "", found_expected(std::to_string(bytes.size()) + " bytes",
                                                   "a binary PPM (P6, 8-bit RGB, maxval 255)"));
  }
  RgbImage image;
  image.height = height;
  image.width = width;
  image.rgb.assign(bytes.begin() + long(offset), bytes.begin() + long(offset + pixels));
  return image;
}

std::string default_image_path() {
  return (std::filesystem::path(data_dir()) / "workloads" / "images" / "chelsea.ppm").string();
}

Tensor image_tensor(const RgbImage& image, int batch, int channels, int height, int width) {
  Tensor out(batch, channels, height, width);
  const double crop_h = image.height * 7.0 / 8, crop_w = image.width * 7.0 / 8;
  for (int n = 0; n < batch; ++n) {
    const double y0 = (n % 2) * (image.height - crop_h), x0 = ((n / 2) % 2) * (image.width - crop_w);
    for (int c = 0; c < channels; ++c) {
      const int colour = channels == 1 ? -1 : c % 3;
      const double mean = colour < 0 ? 0.449 : kMean[colour], sd = colour < 0 ? 0.226 : kStd[colour];
      for (int h = 0; h < height; ++h) {
        for (int w = 0; w < width; ++w) {
          const double y = y0 + (h + 0.5) * crop_h / height - 0.5;
          const double x = x0 + (w + 0.5) * crop_w / width - 0.5;
          const double value = (sample(image, y, x, colour) / 255 - mean) / sd;
          out.at(n, c, h, w) = int16_t(std::lround(std::clamp(value * 256, -32768.0, 32767.0)));
        }
      }
    }
  }
  return out;
}

}  // namespace accelsim
