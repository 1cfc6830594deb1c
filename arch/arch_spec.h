#pragma once
// An Eyeriss-style accelerator, as read from arch/*.yaml (schema: arch/README.md).
// Parsed once, validated in one place (arch_parser.cpp), immutable afterwards:
// everything downstream takes `const ArchSpec&`. Every field is bounded by the parser
// (arch_limits.h), so the derived counts below fit their types.

#include <cstdint>
#include <string>
#include <vector>

#include "arch/energy_table.h"

namespace accelsim {

struct PeArraySpec {
  int rows = 0;
  int cols = 0;
  int count() const { return int(int64_t(rows) * cols); }  // at most arch_limits::kMaxPes
};

struct PeSpec {
  int ifmap_spad_words = 0;   // 0 = no register file for this data type (NLR)
  int filter_spad_words = 0;
  int psum_spad_words = 0;
  int mac_pipeline_stages = 0;  // cycles from operand read to psum write-back
  bool zero_gating = false;     // a zero ifmap skips the filter read and the MAC
  int input_fifo_words = 0;     // per data type, at the PE's NoC inputs
  int output_fifo_words = 0;    // psums waiting to leave the PE
};

// One global input network (a Y-bus over one X-bus per PE row).
struct NocBusSpec {
  int bus_width_words = 0;  // words delivered per cycle
  bool multicast = true;    // one transfer reaches every PE whose tag matches
};

struct NocSpec {
  NocBusSpec ifmap, filter, psum;  // global input networks, GLB -> PEs
  int output_bus_width_words = 0;  // global output network, PEs -> GLB
  int local_psum_link_words = 0;   // vertical PE -> PE psum link; 0 = none
};

enum class GlbSplitPolicy { per_layer, fixed };

struct GlbSpec {
  int size_kb = 0;            // ifmap + psum storage, KiB
  int banks = 0;
  int bank_width_bits = 0;    // one bank access moves this many bits
  int bank_ports = 0;         // accesses per bank per cycle
  GlbSplitPolicy split = GlbSplitPolicy::per_layer;
  int ifmap_banks = 0;        // with split: fixed; the rest hold psums
  int filter_buffer_kb = 0;   // separate filter buffer; 0 = filters share the GLB
  int filter_buffer_banks = 0;

  int bank_depth_rows() const {
    return int(int64_t(size_kb) * 8192 / (int64_t(banks) * bank_width_bits));
  }
};

enum class DramCompression { none, rle };

struct DramSpec {
  int link_width_bits = 0;
  double clock_mhz = 0;        // the link's own clock domain
  int latency_cycles = 0;      // link cycles from request to first word
  DramCompression compression = DramCompression::none;
  int rle_run_bits = 0;        // bits of a zero-run length (Eyeriss: 5)
};

struct ArchSpec {
  std::string name;
  std::string description;
  std::string file;  // where it was read from
  double clock_mhz = 0;
  int word_bits = 0;
  PeArraySpec pe_array;
  PeSpec pe;
  NocSpec noc;
  GlbSpec glb;
  DramSpec dram;
  EnergyTable energy;

  int word_bytes() const { return word_bits / 8; }
  long glb_words() const { return long(glb.size_kb) * 8192 / word_bits; }
  long filter_buffer_words() const { return long(glb.filter_buffer_kb) * 8192 / word_bits; }
};

}  // namespace accelsim
