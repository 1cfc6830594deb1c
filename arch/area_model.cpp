#include "arch/area_model.h"

namespace accelsim {

double storage_area_um2(const ArchSpec& arch) {
  const double rf_bytes_per_pe =
      double(arch.pe.ifmap_spad_words + arch.pe.filter_spad_words + arch.pe.psum_spad_words) *
      arch.word_bytes();
  const double sram_bytes = double(arch.glb.size_kb + arch.glb.filter_buffer_kb) * 1024;
  return arch.pe_array.count() * rf_bytes_per_pe * kRfAreaPerByteUm2 +
         sram_bytes * kSramAreaPerByteUm2;
}

double isca16_storage_budget_um2() {
  return 256 * 512 * kRfAreaPerByteUm2 + 128 * 1024 * kSramAreaPerByteUm2;
}

}  // namespace accelsim
