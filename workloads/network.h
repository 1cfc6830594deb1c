#pragma once
// A network: layers in execution order, with shapes resolved from the input.

#include <cstdint>
#include <string>
#include <vector>

#include "workloads/layer.h"

namespace accelsim {

struct Network {
  std::string name;
  std::string variant;  // which published variant this file describes
  std::string source;   // where its structure comes from
  std::string file;     // the file it was read from
  int input_channels = 0, input_height = 0, input_width = 0;
  std::vector<Layer> layers;

  const Layer* find(const std::string& layer_name) const;
  int64_t total_macs() const;
  // Conv, fc and matmul parameters; a layer that shares another's (`weights_from`)
  // adds nothing.
  int64_t total_weights() const;
  int count(bool (*predicate)(const Layer&)) const;
};

// Reads and validates a workload file (format: workloads/README.md).
// Throws InputError naming file:line, key path, found and expected.
Network parse_network_file(const std::string& path);

// Folds each standalone activation layer into its producer when the producer is the
// only thing it reads, takes an activation and has none yet, and nothing else reads
// the producer's raw output; later layers then read the producer (activated). The
// others stay layers of type `activation`.
void fold_activations(Network& network);

// `name_or_path` is a built-in name (see list_builtin_networks) or a path to a
// workload file. Unknown names get a "did you mean".
Network load_network(const std::string& name_or_path);

// Names of the files under <data_dir>/workloads/nets, sorted.
std::vector<std::string> list_builtin_networks();

}  // namespace accelsim
