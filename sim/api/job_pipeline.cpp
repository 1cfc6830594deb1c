#include "sim/api/job_pipeline.h"

#include "sim/api/move_layers.h"
#include "sim/api/progress.h"

#include <limits>

#include "sim/engine/data/reference_convolution.h"
#include "sim/values/layer_ops.h"

namespace accelsim {

JobPipeline::JobPipeline(const ArchSpec& arch, std::vector<PlannedLayer> layers,
                         std::vector<PlannedJob> jobs, const DataOptions& data_options)
    : arch_(arch), layers_(std::move(layers)), jobs_(std::move(jobs)),
      data_options_(data_options), verified_(jobs_.size(), 0), active_pes_(jobs_.size(), 0),
      data_(layers_.size()), moves_(layers_.size()), references_(layers_.size()), ready_(layers_.size(), 0),
      input_zeros_(layers_.size(), 0) {
  producer_ = std::thread([this] { produce(); });
}

JobPipeline::~JobPipeline() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  producer_.join();
}

namespace {

// A pool's data on the array. Max pooling has no weights, and its padding is the
// smallest value, which never wins a maximum. Average pooling's one filter is the
// constant weight with its product shift (layer_ops.h), loaded into the filter
// scratchpads like any filter: the PE has no constant operand.
std::shared_ptr<const LayerData> pool_data(const Layer* layer,
                                           std::shared_ptr<const LayerData> data) {
  if (!layer || layer->type != LayerType::pool) return data;
  auto pooled = std::make_shared<LayerData>(*data);
  pooled->bias.clear();
  if (layer->pool_op == PoolOp::max) {
    pooled->weights.clear();
    pooled->pad_value = std::numeric_limits<int16_t>::min();
    return pooled;
  }
  const int area = data->shape.R * data->shape.S;
  pooled->weights.assign(size_t(area), avg_pool_weight(area));
  pooled->product_shift = avg_pool_shift(area);
  pooled->pad_value = 0;
  return pooled;
}

std::shared_ptr<const LayerData> made_layer_data(const PlannedLayer& planned,
                                                 const DataOptions& data_options) {
  if (planned.chained) {
    return std::make_shared<LayerData>(chained_layer_data(*planned.layer, planned.shape,
                                                          *planned.chained, data_options.seed,
                                                          planned.salt));
  }
  if (planned.given) return planned.given;
  DataOptions options = data_options;
  options.zero_fraction = planned.zero_fraction;
  auto data = std::make_shared<LayerData>(generate_layer_data(planned.shape, options, planned.salt));
  if (planned.layer) data->activation = planned.layer->activation;
  return data;
}

}  // namespace

std::shared_ptr<const LayerData> make_layer_data(const PlannedLayer& planned,
                                                 const DataOptions& data_options) {
  return pool_data(planned.layer, made_layer_data(planned, data_options));
}

// A pool's reference is layer_ops' definition, not the convolution the array runs.
std::vector<int16_t> reference_output(const PlannedLayer& planned, const LayerData& data) {
  if (!planned.layer || planned.layer->type != LayerType::pool) return reference_convolution(data);
  const LayerShape& s = data.shape;
  Tensor in(s.batch, s.groups * s.C, data.ifmap_height(), data.ifmap_width());
  in.values = data.ifmap;
  return pool(*planned.layer, in).values;
}

// Data and reference of each layer in order, waiting while kLayersAhead layers are
// made and not yet released.
void JobPipeline::produce() {
  for (size_t layer = 0; layer < layers_.size(); ++layer) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || layer < released_ + kLayersAhead; });
      if (stop_) return;
    }
    std::vector<int16_t> reference;
    std::exception_ptr failure;
    try {
      make_layer(layer, reference);
    } catch (...) {
      failure = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      references_[layer] = std::move(reference);
      ready_[layer] = 1;
      if (failure) failure_ = failure;
    }
    changed_.notify_all();
    if (failure) return;
  }
}

// The layer's data (or operands), its reference and its input's zeros; the data are
// published under the lock by the caller's notification.
void JobPipeline::make_layer(size_t layer, std::vector<int16_t>& reference) {
  const PlannedLayer& planned = layers_[layer];
  std::vector<const std::vector<int16_t>*> inputs;
  if (planned.moves()) {
    auto data = std::make_shared<MoveData>(move_data(
        *planned.layer, planned.shape.batch, planned.operand_channels,
        planned.chained ? &planned.chained->operands : nullptr,
        DataOptions{data_options_.seed, planned.zero_fraction}, planned.salt));
    reference = move_reference(*planned.layer, *data);
    for (const auto& operand : data->operands) inputs.push_back(&operand);
    std::lock_guard<std::mutex> lock(mutex_);
    moves_[layer] = std::move(data);
  } else {
    auto data = make_layer_data(planned, data_options_);
    reference = reference_output(planned, *data);
    inputs.push_back(&data->ifmap);
    std::lock_guard<std::mutex> lock(mutex_);
    data_[layer] = std::move(data);
  }
  long long zeros = 0, words = 0;
  for (const auto* values : inputs) {
    for (int16_t value : *values) zeros += value == 0;
    words += (long long)values->size();
  }
  input_zeros_[layer] = words ? double(zeros) / double(words) : 0;
}

LayerJob JobPipeline::start(size_t job) {
  const PlannedJob& planned = jobs_[job];
  const size_t layer = planned.layer;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return ready_[layer] || failure_; });
    if (failure_) std::rethrow_exception(failure_);
  }
  if (!planned.dataflow) return {nullptr, nullptr, moves_[layer].get()};
  schedule_.emplace(planned.dataflow->lower(planned.mapping, layers_[layer].shape, arch_));
  active_pes_[job] = schedule_->active_pes;
  return {&*schedule_, data_[layer].get()};
}

void JobPipeline::finish(size_t job, LayerRun& run) {
  const size_t layer = jobs_[job].layer;
  verified_[job] = run.output == references_[layer];
  count_layer_run_done(layers_[layer].shape.macs());
  run.output.clear();
  run.output.shrink_to_fit();
  schedule_.reset();
  const bool last_of_layer = job + 1 == jobs_.size() || jobs_[job + 1].layer != layer;
  if (!last_of_layer) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    data_[layer].reset();
    moves_[layer].reset();
    std::vector<int16_t>().swap(references_[layer]);
    released_ = layer + 1;
  }
  changed_.notify_all();
}

}  // namespace accelsim
