#include "sim/api/job_pipeline.h"

#include "sim/api/progress.h"
#include "sim/engine/data/reference_convolution.h"

namespace accelsim {

JobPipeline::JobPipeline(const ArchSpec& arch, std::vector<PlannedLayer> layers,
                         std::vector<PlannedJob> jobs, const DataOptions& data_options)
    : arch_(arch), layers_(std::move(layers)), jobs_(std::move(jobs)),
      data_options_(data_options), verified_(jobs_.size(), 0), active_pes_(jobs_.size(), 0),
      data_(layers_.size()), references_(layers_.size()), ready_(layers_.size(), 0),
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

std::shared_ptr<const LayerData> make_layer_data(const PlannedLayer& planned,
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

// Data and reference of each layer in order, waiting while kLayersAhead layers are
// made and not yet released.
void JobPipeline::produce() {
  for (size_t layer = 0; layer < layers_.size(); ++layer) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || layer < released_ + kLayersAhead; });
      if (stop_) return;
    }
    std::shared_ptr<const LayerData> data;
    std::vector<int16_t> reference;
    std::exception_ptr failure;
    try {
      data = make_layer_data(layers_[layer], data_options_);
      reference = reference_convolution(*data);
      long long zeros = 0;
      for (int16_t value : data->ifmap) zeros += value == 0;
      input_zeros_[layer] = data->ifmap.empty() ? 0 : double(zeros) / double(data->ifmap.size());
    } catch (...) {
      failure = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      data_[layer] = std::move(data);
      references_[layer] = std::move(reference);
      ready_[layer] = 1;
      if (failure) failure_ = failure;
    }
    changed_.notify_all();
    if (failure) return;
  }
}

LayerJob JobPipeline::start(size_t job) {
  const PlannedJob& planned = jobs_[job];
  const size_t layer = planned.layer;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return ready_[layer] || failure_; });
    if (failure_) std::rethrow_exception(failure_);
  }
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
    std::vector<int16_t>().swap(references_[layer]);
    released_ = layer + 1;
  }
  changed_.notify_all();
}

}  // namespace accelsim
