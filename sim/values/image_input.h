#pragma once
// The network's input in the chained data model: a real photograph (workloads/images,
// PROVENANCE.md there), or one the user gives, as a binary PPM (P6, 8-bit RGB).
// Resized bilinearly to the network's input and normalized as ImageNet models expect
// ((x / 255 - mean) / std per channel), in Q8.8. Image n of a batch is taken from a
// slightly different crop (7/8 of the photo, at one of four corners), so the images
// of a batch differ as a real batch's would.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/values/tensor.h"

namespace accelsim {

struct RgbImage {
  int height = 0, width = 0;
  std::vector<uint8_t> rgb;  // [h][w][3]
};

// Throws InputError naming the file for anything but a binary 8-bit PPM.
RgbImage read_ppm(const std::string& path);

// The photograph shipped with accelsim: <data_dir>/workloads/images/chelsea.ppm.
std::string default_image_path();

// `batch` images of `channels` x `height` x `width`: channel c is the photo's colour
// c % 3 (one channel: its grey level).
Tensor image_tensor(const RgbImage& image, int batch, int channels, int height, int width);

}  // namespace accelsim
