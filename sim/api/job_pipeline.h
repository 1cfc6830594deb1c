#pragma once
// The engine's jobs made just in time (engine.h, JobSource), so that a run's memory
// stays that of a layer or two, not of the whole network:
//   - a job's schedule is lowered when it starts and dropped when it ends (a
//     depthwise layer on an output-stationary dataflow has hundreds of thousands
//     of passes);
//   - a layer's data and its reference convolution are made on another thread,
//     at most kLayersAhead layers ahead of the engine, and dropped after the
//     layer's last job (VGG's and OverFeat's weights are ~290 MB in all);
//   - each job's output is checked against the reference as soon as it ends.

#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "dataflows/dataflow.h"
#include "sim/engine/engine.h"
#include "sim/api/network_values.h"
#include "sim/engine/data/layer_data.h"

namespace accelsim {

struct PlannedLayer {
  LayerShape shape;
  unsigned long long salt = 0;          // generate_layer_data's per-layer salt
  std::shared_ptr<LayerData> given;     // data read from files, if any (else generated)
  double zero_fraction = 0.5;           // independent model: of the generated ifmap
  // Chained model: the layer and its values (owned by the run's NetworkValues).
  const Layer* layer = nullptr;
  const ChainedLayer* chained = nullptr;
  // A layer that only moves feature maps (move_layers.h): its operands' channels.
  std::vector<int> operand_channels;
  bool moves() const { return !operand_channels.empty(); }
};

// The layer's data as the engine gets it: chained, read (`given`) or generated; a
// layer without filters (max pooling) without weights, padded with the smallest value.
std::shared_ptr<const LayerData> make_layer_data(const PlannedLayer& planned,
                                                 const DataOptions& data_options);
// What the engine's output must equal: the reference convolution, or for pooling
// the functional pass's own operation (sim/values/layer_ops.h) on the same ifmap.
std::vector<int16_t> reference_output(const PlannedLayer& planned, const LayerData& data);

struct PlannedJob {
  const Dataflow* dataflow = nullptr;   // null: a layer that only moves feature maps
  Mapping mapping;
  size_t layer = 0;                     // index into the planned layers; jobs in layer order
};

class JobPipeline : public JobSource {
 public:
  JobPipeline(const ArchSpec& arch, std::vector<PlannedLayer> layers, std::vector<PlannedJob> jobs,
              const DataOptions& data_options);
  ~JobPipeline() override;

  size_t jobs() const override { return jobs_.size(); }
  LayerJob start(size_t job) override;
  void finish(size_t job, LayerRun& run) override;

  // After the engine: whether the job's output equalled the reference, and the
  // PEs its schedule used.
  bool verified(size_t job) const { return verified_[job]; }
  int active_pes(size_t job) const { return active_pes_[job]; }
  // The fraction of zeros in the ifmap the job's layer ran on.
  double input_zero_fraction(size_t job) const { return input_zeros_[jobs_[job].layer]; }

 private:
  static constexpr size_t kLayersAhead = 2;
  void produce();
  void make_layer(size_t layer, std::vector<int16_t>& reference);

  const ArchSpec& arch_;
  std::vector<PlannedLayer> layers_;
  std::vector<PlannedJob> jobs_;
  DataOptions data_options_;
  std::optional<Schedule> schedule_;  // of the running job
  std::vector<char> verified_;
  std::vector<int> active_pes_;

  // Shared with the producer thread.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::shared_ptr<const LayerData>> data_;
  std::vector<std::shared_ptr<MoveData>> moves_;
  std::vector<std::vector<int16_t>> references_;
  std::vector<char> ready_;
  std::vector<double> input_zeros_;
  std::exception_ptr failure_;
  size_t released_ = 0;  // layers whose last job has finished
  bool stop_ = false;
  std::thread producer_;
};

}  // namespace accelsim
