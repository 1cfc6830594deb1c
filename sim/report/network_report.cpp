#include "sim/report/network_report.h"

#include "sim/report/text_table.h"

namespace accelsim {
namespace {

const std::vector<std::string> kSummaryColumns = {"name", "type", "C", "M", "groups", "H", "W",
                                                  "R", "S", "stride", "pad", "E", "F", "macs",
                                                  "weights", "activation"};

nlohmann::json pair_json(int height, int width) {
  if (height == width) return height;
  return nlohmann::json::array({height, width});
}

std::string pair_text(int height, int width, char separator = 'x') {
  if (height == width) return std::to_string(height);
  return std::to_string(height) + separator + std::to_string(width);
}

std::string dims(int height, int width) {
  return std::to_string(height) + "x" + std::to_string(width);
}

bool is_conv(const Layer& layer) { return layer.type == LayerType::conv; }
bool is_fc(const Layer& layer) { return layer.type == LayerType::fc; }
bool is_matmul(const Layer& layer) { return layer.type == LayerType::matmul; }
bool has_activation(const Layer& layer) { return layer.activation != Activation::none; }

int64_t macs_of(const Network& network, bool (*predicate)(const Layer&)) {
  int64_t total = 0;
  for (const auto& layer : network.layers) {
    if (predicate(layer)) total += layer.macs();
  }
  return total;
}

}  // namespace

nlohmann::json network_summary_json(const Network& network) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& layer : network.layers) {
    layers.push_back({{"name", layer.name},
                      {"type", layer_type_name(layer.type)},
                      {"C", layer.C},
                      {"M", layer.M},
                      {"groups", layer.groups},
                      {"H", layer.H},
                      {"W", layer.W},
                      {"R", layer.R},
                      {"S", layer.S},
                      {"stride", pair_json(layer.stride_h, layer.stride_w)},
                      {"pad", pair_json(layer.pad_h, layer.pad_w)},
                      {"E", layer.E},
                      {"F", layer.F},
                      {"macs", layer.macs()},
                      {"weights", layer.weights()},
                      {"activation", activation_name(layer.activation)}});
  }
  return {{"network", network.name},
          {"variant", network.variant},
          {"layers", layers},
          {"totals", {{"macs", network.total_macs()}, {"weights", network.total_weights()}}}};
}

std::string network_summary_csv(const Network& network) {
  std::string csv = csv_row(kSummaryColumns);
  for (const auto& layer : network.layers) {
    csv += csv_row({layer.name, layer_type_name(layer.type), std::to_string(layer.C),
                    std::to_string(layer.M), std::to_string(layer.groups),
                    std::to_string(layer.H), std::to_string(layer.W), std::to_string(layer.R),
                    std::to_string(layer.S), pair_text(layer.stride_h, layer.stride_w),
                    pair_text(layer.pad_h, layer.pad_w), std::to_string(layer.E),
                    std::to_string(layer.F), std::to_string(layer.macs()),
                    std::to_string(layer.weights()), activation_name(layer.activation)});
  }
  csv += csv_row({"total", "", "", "", "", "", "", "", "", "", "", "", "",
                  std::to_string(network.total_macs()), std::to_string(network.total_weights()),
                  ""});
  return csv;
}

// The activation column appears when some layer has one.
std::string network_summary_table(const Network& network) {
  const bool activations = network.count(has_activation) > 0;
  std::vector<std::string> header = {"layer", "type", "C", "M", "groups", "H x W", "R x S",
                                     "stride", "pad", "E x F", "MACs", "weights"};
  if (activations) header.insert(header.begin() + 2, "activation");
  TextTable table(header);
  for (const auto& layer : network.layers) {
    std::vector<std::string> row = {
        layer.name, layer_type_name(layer.type), std::to_string(layer.C),
        std::to_string(layer.M), std::to_string(layer.groups), dims(layer.H, layer.W),
        dims(layer.R, layer.S), pair_text(layer.stride_h, layer.stride_w),
        pair_text(layer.pad_h, layer.pad_w), dims(layer.E, layer.F),
        std::to_string(layer.macs()), std::to_string(layer.weights())};
    if (activations) {
      row.insert(row.begin() + 2,
                 layer.activation == Activation::none ? "" : activation_name(layer.activation));
    }
    table.add_row(row);
  }
  table.add_separator();
  std::vector<std::string> total(header.size(), "");
  total[0] = "total";
  total[header.size() - 2] = std::to_string(network.total_macs());
  total[header.size() - 1] = std::to_string(network.total_weights());
  table.add_row(total);
  const int64_t matmul_macs = macs_of(network, is_matmul);
  return network.name + ": " + network.variant + "\n" + table.render() +
         "MACs: " + human_count(double(network.total_macs())) + " (CONV " +
         human_count(double(macs_of(network, is_conv))) + ", FC " +
         human_count(double(macs_of(network, is_fc))) +
         (matmul_macs > 0 ? ", MATMUL " + human_count(double(matmul_macs)) : "") +
         "), weights: " + human_count(double(network.total_weights())) + " per image\n";
}

std::string network_list_table(const std::vector<Network>& networks) {
  TextTable table({"network", "layers", "conv", "fc", "MACs", "weights", "input"});
  for (const auto& network : networks) {
    table.add_row({network.name, std::to_string(network.layers.size()),
                   std::to_string(network.count(is_conv)), std::to_string(network.count(is_fc)),
                   human_count(double(network.total_macs())),
                   human_count(double(network.total_weights())),
                   std::to_string(network.input_channels) + "x" +
                       dims(network.input_height, network.input_width)});
  }
  return table.render();
}

nlohmann::json network_list_json(const std::vector<Network>& networks) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& network : networks) {
    list.push_back({{"name", network.name},
                    {"variant", network.variant},
                    {"layers", network.layers.size()},
                    {"conv_layers", network.count(is_conv)},
                    {"fc_layers", network.count(is_fc)},
                    {"macs", network.total_macs()},
                    {"weights", network.total_weights()}});
  }
  return {{"networks", list}};
}

std::string network_list_csv(const std::vector<Network>& networks) {
  std::string csv = csv_row({"name", "layers", "conv_layers", "fc_layers", "macs", "weights"});
  for (const auto& network : networks) {
    csv += csv_row({network.name, std::to_string(network.layers.size()),
                    std::to_string(network.count(is_conv)), std::to_string(network.count(is_fc)),
                    std::to_string(network.total_macs()),
                    std::to_string(network.total_weights())});
  }
  return csv;
}

nlohmann::json arch_json(const ArchSpec& s) {
  nlohmann::json energy = {{"name", s.energy.name},
                           {"source", s.energy.source},
                           {"unit", s.energy.unit},
                           {"mac_gated", s.energy.mac_gated},
                           {"static_mw", s.energy.static_mw}};
  for (size_t i = 0; i < level_names().size(); ++i) {
    energy["per_access"][level_names()[i]] = s.energy.per_access[i];
  }
  const auto bus = [](const NocBusSpec& b) {
    return nlohmann::json{{"bus_width_words", b.bus_width_words}, {"multicast", b.multicast}};
  };
  return {
      {"name", s.name},
      {"description", s.description},
      {"file", s.file},
      {"clock_mhz", s.clock_mhz},
      {"word_bits", s.word_bits},
      {"pe_array", {{"rows", s.pe_array.rows}, {"cols", s.pe_array.cols}}},
      {"pe",
       {{"ifmap_spad_words", s.pe.ifmap_spad_words},
        {"filter_spad_words", s.pe.filter_spad_words},
        {"psum_spad_words", s.pe.psum_spad_words},
        {"mac_pipeline_stages", s.pe.mac_pipeline_stages},
        {"zero_gating", s.pe.zero_gating},
        {"input_fifo_words", s.pe.input_fifo_words},
        {"output_fifo_words", s.pe.output_fifo_words}}},
      {"noc",
       {{"ifmap", bus(s.noc.ifmap)},
        {"filter", bus(s.noc.filter)},
        {"psum", bus(s.noc.psum)},
        {"output_bus_width_words", s.noc.output_bus_width_words},
        {"local_psum_link_words", s.noc.local_psum_link_words}}},
      {"glb",
       {{"size_kb", s.glb.size_kb},
        {"banks", s.glb.banks},
        {"bank_width_bits", s.glb.bank_width_bits},
        {"bank_ports", s.glb.bank_ports},
        {"split", s.glb.split == GlbSplitPolicy::fixed ? "fixed" : "per_layer"},
        {"ifmap_banks", s.glb.ifmap_banks},
        {"filter_buffer_kb", s.glb.filter_buffer_kb},
        {"filter_buffer_banks", s.glb.filter_buffer_banks}}},
      {"dram",
       {{"link_width_bits", s.dram.link_width_bits},
        {"clock_mhz", s.dram.clock_mhz},
        {"latency_cycles", s.dram.latency_cycles},
        {"compression", s.dram.compression == DramCompression::rle ? "rle" : "none"},
        {"rle_run_bits", s.dram.rle_run_bits}}},
      {"energy", energy}};
}

std::string arch_overview(const ArchSpec& s) {
  std::string text = s.name + " (" + s.file + "): " + s.description + "\n";
  text += "  " + std::to_string(s.pe_array.rows) + "x" + std::to_string(s.pe_array.cols) +
          " PEs at " + fixed(s.clock_mhz, 0) + " MHz; spads ifmap/filter/psum " +
          std::to_string(s.pe.ifmap_spad_words) + "/" + std::to_string(s.pe.filter_spad_words) +
          "/" + std::to_string(s.pe.psum_spad_words) + " words; GLB " +
          std::to_string(s.glb.size_kb) + " kB in " + std::to_string(s.glb.banks) + " banks";
  if (s.glb.filter_buffer_kb > 0) {
    text += " + " + std::to_string(s.glb.filter_buffer_kb) + " kB filter buffer";
  }
  text += "; DRAM " + std::to_string(s.dram.link_width_bits) + " b at " +
          fixed(s.dram.clock_mhz, 0) + " MHz\n  energy table: " + s.energy.name + " (" +
          s.energy.unit + ")\n";
  return text;
}

}  // namespace accelsim
