// Parses and validates accelerator specs (schema: arch/README.md).

#include "arch/arch_parser.h"

#include "arch/spec_location.h"

#include <algorithm>
#include <filesystem>

#include "arch/arch_limits.h"
#include "sim/common/files.h"
#include "sim/common/int_math.h"
#include "sim/common/text.h"

namespace accelsim {
namespace fs = std::filesystem;
using namespace arch_limits;
namespace {

class ArchParser {
 public:
  ArchParser(const std::string& path, const std::vector<Override>& overrides)
      : document_(load_yaml_file(path)) {
    for (const auto& override : overrides) apply_override(document_, override);
  }

  ArchSpec parse() {
    YamlMap root(&document_, document_.root, "");
    root.expect_keys({"name", "description", "clock_mhz", "word_bits", "pe_array", "pe", "noc",
                      "glb", "dram", "energy"});
    spec_.file = document_.file;
    spec_.name = root.at("name").to_string();
    if (auto problem = path_name_problem(spec_.name); !problem.empty()) root.at("name").fail(problem);
    spec_.description = root.get_string("description", "");
    spec_.clock_mhz = clock(root, "clock_mhz");
    spec_.word_bits = integer(root, "word_bits", 1, kMaxWordBits);
    parse_pe_array(root.at("pe_array").to_map());
    parse_pe(root.at("pe").to_map());
    parse_noc(root.at("noc").to_map());
    parse_glb(root.at("glb").to_map());
    parse_dram(root.at("dram").to_map());
    parse_energy(root.at("energy"));
    root.finish();
    validate();
    return spec_;
  }

 private:
  // Scalars in [min, max] (arch_limits.h), remembering where each came from for the
  // cross-field checks.
  int integer(YamlMap& map, const std::string& key, int min, int max) {
    const YamlValue value = map.at(key);
    where_.emplace_back(value.key_path(), value.location());
    return int(value.to_int(min, max));
  }
  int optional_integer(YamlMap& map, const std::string& key, int min, int max, int fallback) {
    if (auto value = map.find(key)) {
      where_.emplace_back(value->key_path(), value->location());
      return int(value->to_int(min, max));
    }
    where_.emplace_back(map.key_path() + "." + key, map.location());
    return fallback;
  }
  double clock(YamlMap& map, const std::string& key) {
    const YamlValue value = map.at(key);
    where_.emplace_back(value.key_path(), value.location());
    return value.to_number(kMinClockMhz, true, kMaxClockMhz);
  }

  void parse_pe_array(YamlMap map) {
    map.expect_keys({"rows", "cols"});
    spec_.pe_array.rows = integer(map, "rows", 1, kMaxPeArraySide);
    spec_.pe_array.cols = integer(map, "cols", 1, kMaxPeArraySide);
    map.finish();
  }

  void parse_pe(YamlMap map) {
    PeSpec& pe = spec_.pe;
    where_.emplace_back("pe", map.location());
    map.expect_keys({"ifmap_spad_words", "filter_spad_words", "psum_spad_words",
                     "mac_pipeline_stages", "zero_gating", "input_fifo_words",
                     "output_fifo_words"});
    pe.ifmap_spad_words = integer(map, "ifmap_spad_words", 0, kMaxSpadWords);
    pe.filter_spad_words = integer(map, "filter_spad_words", 0, kMaxSpadWords);
    pe.psum_spad_words = integer(map, "psum_spad_words", 0, kMaxSpadWords);
    pe.mac_pipeline_stages = integer(map, "mac_pipeline_stages", 1, kMaxPipelineStages);
    pe.zero_gating = map.get_bool("zero_gating", false);
    pe.input_fifo_words = optional_integer(map, "input_fifo_words", 1, kMaxFifoWords, 4);
    pe.output_fifo_words = optional_integer(map, "output_fifo_words", 1, kMaxFifoWords, 4);
    map.finish();
  }

  NocBusSpec parse_bus(YamlMap map) {
    NocBusSpec bus;
    map.expect_keys({"bus_width_words", "multicast"});
    bus.bus_width_words = integer(map, "bus_width_words", 1, kMaxBusWords);
    bus.multicast = map.get_bool("multicast", true);
    map.finish();
    return bus;
  }

  void parse_noc(YamlMap map) {
    map.expect_keys({"ifmap", "filter", "psum", "output_bus_width_words",
                     "local_psum_link_words"});
    spec_.noc.ifmap = parse_bus(map.at("ifmap").to_map());
    spec_.noc.filter = parse_bus(map.at("filter").to_map());
    spec_.noc.psum = parse_bus(map.at("psum").to_map());
    spec_.noc.output_bus_width_words = integer(map, "output_bus_width_words", 1, kMaxBusWords);
    spec_.noc.local_psum_link_words =
        optional_integer(map, "local_psum_link_words", 0, kMaxBusWords, 0);
    map.finish();
  }

  void parse_glb(YamlMap map) {
    GlbSpec& glb = spec_.glb;
    map.expect_keys({"size_kb", "banks", "bank_width_bits", "bank_ports", "split", "ifmap_banks",
                     "filter_buffer_kb", "filter_buffer_banks"});
    glb.size_kb = integer(map, "size_kb", 1, kMaxBufferKb);
    glb.banks = integer(map, "banks", 1, kMaxBanks);
    glb.bank_width_bits = integer(map, "bank_width_bits", 1, kMaxBankWidthBits);
    glb.bank_ports = optional_integer(map, "bank_ports", 1, kMaxBankPorts, 1);
    const std::string split = map.get_choice("split", "per_layer", {"per_layer", "fixed"});
    glb.split = split == "fixed" ? GlbSplitPolicy::fixed : GlbSplitPolicy::per_layer;
    if (glb.split == GlbSplitPolicy::fixed) {
      glb.ifmap_banks = integer(map, "ifmap_banks", 1, kMaxBanks);
    } else if (auto stray = map.find("ifmap_banks")) {
      stray->fail("found a fixed ifmap bank count with split: per_layer, expected it only "
                  "with split: fixed");
    }
    glb.filter_buffer_kb = optional_integer(map, "filter_buffer_kb", 0, kMaxBufferKb, 0);
    glb.filter_buffer_banks = optional_integer(map, "filter_buffer_banks", 0, kMaxBanks, 0);
    map.finish();
  }

  void parse_dram(YamlMap map) {
    DramSpec& dram = spec_.dram;
    map.expect_keys({"link_width_bits", "clock_mhz", "latency_cycles", "compression",
                     "rle_run_bits"});
    dram.link_width_bits = integer(map, "link_width_bits", 1, kMaxLinkWidthBits);
    dram.clock_mhz = clock(map, "clock_mhz");
    dram.latency_cycles = integer(map, "latency_cycles", 0, kMaxDramLatencyCycles);
    const std::string compression = map.get_choice("compression", "none", {"none", "rle"});
    dram.compression = compression == "rle" ? DramCompression::rle : DramCompression::none;
    dram.rle_run_bits = optional_integer(map, "rle_run_bits", 1, kMaxRleRunBits, 5);
    map.finish();
  }

  // `energy: NAME` (arch/energy/NAME.yaml), `energy: path/to/table.yaml`, or inline.
  void parse_energy(const YamlValue& value) {
    if (value.is_map()) {
      spec_.energy = parse_energy_table(value.to_map());
      return;
    }
    const std::string name = value.to_string();
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".yaml") == 0) {
      const fs::path relative = fs::path(document_.file).parent_path() / name;
      // symlink_status: a symlink loop beside the spec is read, and reported as one.
      std::error_code error;
      spec_.energy = parse_energy_file(
          fs::exists(fs::symlink_status(relative, error)) ? relative.string() : name);
      return;
    }
    const auto names = list_builtin_energy_tables();
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      value.fail(unknown_word_problem("energy table", name, names) +
                 ", or a path to a .yaml table, or an inline table");
    }
    spec_.energy = parse_energy_file(
        (fs::path(data_dir()) / "arch" / "energy" / (name + ".yaml")).string());
  }

  [[noreturn]] void fail_at(const std::string& key_path, const std::string& problem) const {
    for (const auto& [path, location] : where_) {
      if (path == key_path) throw InputError(location, key_path, problem);
    }
    throw InputError({document_.file}, key_path, problem);
  }

  // Every rule that relates two or more fields lives here.
  void validate() const {
    const auto& s = spec_;
    validate_pe_capacity();
    if (s.word_bits != 16) {
      fail_at("word_bits", found_expected(std::to_string(s.word_bits),
                                          "16 (the engine computes in 16-bit fixed point)"));
    }
    const long glb_bits = long(s.glb.size_kb) * 8192;
    if (s.glb.bank_width_bits % s.word_bits != 0) {
      fail_at("glb.bank_width_bits",
              found_expected(std::to_string(s.glb.bank_width_bits),
                             "a multiple of word_bits (" + std::to_string(s.word_bits) + ")"));
    }
    if (glb_bits % (long(s.glb.banks) * s.glb.bank_width_bits) != 0) {
      fail_at("glb.banks", found_expected(std::to_string(s.glb.banks) + " banks of " +
                                              std::to_string(s.glb.bank_width_bits) + " bits",
                                          "banks that divide the " +
                                              std::to_string(s.glb.size_kb) +
                                              " kB GLB into whole rows"));
    }
    if (s.glb.split == GlbSplitPolicy::fixed &&
        (s.glb.ifmap_banks < 1 || s.glb.ifmap_banks >= s.glb.banks)) {
      fail_at("glb.ifmap_banks",
              found_expected(std::to_string(s.glb.ifmap_banks),
                             "1 to " + std::to_string(s.glb.banks - 1) +
                                 " (at least one bank each for ifmaps and psums)"));
    }
    if ((s.glb.filter_buffer_kb > 0) != (s.glb.filter_buffer_banks > 0)) {
      fail_at("glb.filter_buffer_banks",
              found_expected(std::to_string(s.glb.filter_buffer_banks) + " with filter_buffer_kb " +
                                 std::to_string(s.glb.filter_buffer_kb),
                             "both zero (no filter buffer) or both positive"));
    }
    if (s.glb.filter_buffer_kb > 0 &&
        long(s.glb.filter_buffer_kb) * 8192 %
                (long(s.glb.filter_buffer_banks) * s.glb.bank_width_bits) != 0) {
      fail_at("glb.filter_buffer_banks",
              found_expected(std::to_string(s.glb.filter_buffer_banks),
                             "banks that divide the " + std::to_string(s.glb.filter_buffer_kb) +
                                 " kB filter buffer into whole rows"));
    }
    if (s.dram.link_width_bits % s.word_bits != 0) {
      fail_at("dram.link_width_bits",
              found_expected(std::to_string(s.dram.link_width_bits),
                             "a multiple of word_bits (" + std::to_string(s.word_bits) + ")"));
    }
    if (s.dram.compression == DramCompression::rle && s.dram.rle_run_bits >= s.word_bits) {
      fail_at("dram.rle_run_bits",
              found_expected(std::to_string(s.dram.rle_run_bits),
                             "fewer bits than a word (" + std::to_string(s.word_bits) + ")"));
    }
  }

  // The PE count and the storage the engine allocates for them (arch_limits.h).
  void validate_pe_capacity() const {
    const PeArraySpec& array = spec_.pe_array;
    const int64_t pes = int64_t(array.rows) * array.cols;
    if (pes > kMaxPes) {
      fail_at("pe_array.cols", found_expected(std::to_string(array.rows) + " x " +
                                                  std::to_string(array.cols) + " = " +
                                                  std::to_string(pes) + " PEs",
                                              "at most " + std::to_string(kMaxPes) + " PEs"));
    }
    const PeSpec& pe = spec_.pe;
    const int64_t words_per_pe = int64_t(pe.ifmap_spad_words) + pe.filter_spad_words +
                                 pe.psum_spad_words + 3 * int64_t(pe.input_fifo_words) +
                                 pe.output_fifo_words + pe.mac_pipeline_stages;
    if (pes * words_per_pe > kMaxPeStorageWords) {
      fail_at("pe", found_expected(std::to_string(pes) + " PEs x " +
                                       std::to_string(words_per_pe) + " words",
                                   "at most " + std::to_string(kMaxPeStorageWords) +
                                       " words in all PEs (spads, 3 input FIFOs, the output "
                                       "FIFO and the pipeline stages of each PE)"));
    }
  }

  YamlDocument document_;
  ArchSpec spec_;
  std::vector<std::pair<std::string, SourceLocation>> where_;
};


}  // namespace

ArchSpec parse_arch_file(const std::string& path, const std::vector<Override>& overrides) {
  return ArchParser(path, overrides).parse();
}

std::vector<std::string> list_builtin_archs() {
  std::vector<std::string> names;
  const fs::path root = fs::path(data_dir()) / "arch";
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(root, error);
       it != fs::recursive_directory_iterator(); ++it) {
    const fs::path relative = fs::relative(it->path(), root);
    if (it->path().extension() != ".yaml" || *relative.begin() == "energy") continue;
    names.push_back(relative.parent_path().empty()
                        ? relative.stem().string()
                        : (relative.parent_path() / relative.stem()).string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

ArchSpec load_arch(const std::string& name_or_path, const std::vector<Override>& overrides) {
  const SpecLocation location = locate_spec(name_or_path);
  if (location.folder) {
    const auto dataflows = spec_folder_dataflows(location.path);
    const std::string example =
        (fs::path(location.path) / (dataflows.empty() ? "rs" : dataflows.front())).string();
    throw InputError({"--arch"}, "",
                     "found '" + name_or_path + "', a folder of specs (one per dataflow: " +
                         join(dataflows, ", ") + "), expected one spec, e.g. " + example +
                         ".yaml");
  }
  return parse_arch_file(location.path, overrides);
}

std::vector<Override> pe_array_overrides(const std::string& rows_by_cols) {
  const auto parts = split(rows_by_cols, 'x');
  const auto is_count = [](const std::string& part) {
    return !part.empty() && part.size() < 7 &&
           std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (parts.size() != 2 || !is_count(parts[0]) || !is_count(parts[1])) {
    throw InputError({"--pe-array"}, "",
                     found_expected(rows_by_cols, "ROWSxCOLS, for example 12x14"));
  }
  const std::string origin = "--pe-array " + rows_by_cols;
  return {{"pe_array.rows", parts[0], origin}, {"pe_array.cols", parts[1], origin}};
}

}  // namespace accelsim
