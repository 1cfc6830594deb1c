#pragma once
// One spec per dataflow: `accelsim --arch arch/isca16/ --dataflow all` runs each
// dataflow on <folder>/<dataflow>.yaml (the ISCA 2016 comparison gives every
// dataflow its own split of the same storage area). Each spec runs in its own
// child process (SystemC elaborates once per process); the results are merged,
// layer by layer.

#include <string>
#include <vector>

#include "sim/api/simulate.h"
#include "sim/common/yaml_reader.h"

namespace accelsim {

struct SpecFolderRun {
  std::vector<ArchSpec> archs;         // one per dataflow run, in order
  std::vector<std::string> dataflows;  // the dataflow each spec runs
  std::vector<std::string> words;      // the word it runs for: itself, or its family ("os")
};

bool is_spec_folder(const std::string& path);

// The specs a folder run uses, read and validated (InputError when one is missing
// or broken); a family (os) stands for each of its members on its own spec, and
// the results keep, per layer, the member the mapper's objective prefers (as on one
// spec: simulate.h).
SpecFolderRun load_spec_folder(const std::string& folder, const std::vector<Override>& overrides,
                               const std::vector<RequestedDataflow>& requested);

// Simulates every (spec, dataflow) of `run` on the network, `jobs` specs at once,
// and merges the results, layer by layer (a family's best member per layer).
SimulationResult simulate_spec_folder(const SpecFolderRun& run, const Network& network,
                                      const SimulationOptions& options, int jobs = 1);

// map_layers() of every (spec, dataflow) of `run`, spec after spec.
std::vector<LayerResult> map_spec_folder(const SpecFolderRun& run, const Network& network,
                                         const SimulationOptions& options);

}  // namespace accelsim
