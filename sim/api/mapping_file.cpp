// Explicit mappings from YAML (format: dataflows/README.md):
//   dataflow: rs
//   source: where the numbers come from
//   layers:
//     conv1: {m: 96, n: 1, e: 7, p: 16, q: 1, r: 1, t: 2}

#include "sim/api/simulate.h"
#include "sim/common/yaml_reader.h"

namespace accelsim {

std::map<std::string, Mapping> load_mapping_file(const std::string& path) {
  const YamlDocument document = load_yaml_file(path);
  YamlMap root(&document, document.root, "");
  root.expect_keys({"dataflow", "source", "notes", "layers"});
  const std::string name = root.at("dataflow").to_choice(dataflow_names());
  const Dataflow& dataflow = find_dataflow(name);
  root.get_string("source", "");
  root.get_string("notes", "");
  YamlMap layers = root.at("layers").to_map();
  std::vector<std::string> layer_names;
  for (const auto& entry : document.root["layers"]) layer_names.push_back(entry.first.Scalar());
  layers.expect_keys(layer_names);
  std::map<std::string, Mapping> mappings;
  for (const auto& layer : layer_names) {
    YamlMap params = layers.at(layer).to_map();
    params.expect_keys(dataflow.parameter_names());
    Mapping mapping{name, {}};
    for (const auto& parameter : dataflow.parameter_names()) {
      mapping.params.emplace_back(parameter, int(params.at(parameter).to_int(1)));
    }
    params.finish();
    mappings[layer] = mapping;
  }
  layers.finish();
  root.finish();
  return mappings;
}

}  // namespace accelsim
