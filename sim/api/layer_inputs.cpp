#include "sim/api/layer_inputs.h"

#include "sim/api/move_layers.h"

namespace accelsim {

PlannedLayer plan_layer(const Layer& layer, const LayerShape& shape,
                        const SimulationOptions& options, const NetworkValues* values) {
  PlannedLayer data{shape, salt_of(layer.name), nullptr};
  data.layer = &layer;
  const auto profiled = options.zero_profile.find(layer.name);
  data.zero_fraction =
      profiled == options.zero_profile.end() ? options.zero_fraction : profiled->second;
  if (values) {
    const auto chained = values->layers.find(layer.name);
    if (chained != values->layers.end()) {
      data.chained = &chained->second;
      return data;
    }
  }
  if (!options.data_folder.empty() && !moves_feature_maps(layer)) {
    data.given = std::make_shared<LayerData>(generate_layer_data(
        shape, DataOptions{options.seed, data.zero_fraction}, data.salt));
    load_layer_data(options.data_folder, layer.name, *data.given);
    data.given->activation = layer.activation;
  }
  return data;
}

const CandidateInput& LayerInputs::of(const Layer& layer, const LayerShape& shape) {
  Entry* entry = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slot = entries_[layer.name];
    if (!slot) slot = std::make_unique<Entry>();
    entry = slot.get();
  }
  std::call_once(entry->made, [&] {
    const PlannedLayer planned = plan_layer(layer, shape, options_, values_.get());
    entry->data = make_layer_data(planned, DataOptions{options_.seed, options_.zero_fraction});
    entry->output = reference_output(planned, *entry->data);
    entry->input = candidate_input(arch_, *entry->data, entry->output);
  });
  return entry->input;
}

}  // namespace accelsim
