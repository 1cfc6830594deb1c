#pragma once
// A layer's values as the engine gets them (the job pipeline's data: chained,
// generated or read from --data), and as the mapper's ranking needs them: the
// engine's figures of a candidate mapping (sim/engine/exact/candidate_timing.h)
// depend on the values, through zero gating and the RLC compression of DRAM
// transfers.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sim/api/job_pipeline.h"
#include "sim/api/simulate.h"
#include "sim/engine/exact/candidate_timing.h"

namespace accelsim {

// A layer's data: its chained values, or (independent model) generated with its
// zero fraction, replaced by what --data holds. Files are read now: a bad one stops
// the run before it starts.
PlannedLayer plan_layer(const Layer& layer, const LayerShape& shape,
                        const SimulationOptions& options, const NetworkValues* values);

// The ranking's inputs of each layer (CandidateInput: the data the engine would
// run, its reference output, its MACs on zero ifmap words, its compression
// ratios), made when a search
// first asks for them (a reference convolution and a pass over the ifmap) and
// shared by the layer's candidates on every dataflow. Safe from several threads.
class LayerInputs {
 public:
  LayerInputs(const ArchSpec& arch, const SimulationOptions& options,
              std::shared_ptr<const NetworkValues> values)
      : arch_(arch), options_(options), values_(std::move(values)) {}
  const CandidateInput& of(const Layer& layer, const LayerShape& shape);

 private:
  struct Entry {
    std::once_flag made;
    std::shared_ptr<const LayerData> data;
    std::vector<int16_t> output;
    CandidateInput input;
  };
  const ArchSpec& arch_;
  const SimulationOptions& options_;
  std::shared_ptr<const NetworkValues> values_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Entry>> entries_;
};

}  // namespace accelsim
