#pragma once
// A dataflow: a family of mappings with its legal space, its analytical model and
// its lowering to a schedule the engine runs. One folder per dataflow; each
// registers itself with one line in registry.cpp, the one list of dataflow names,
// of the words that stand for several (os, all) and of their descriptions.

#include <functional>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "dataflows/mapping.h"
#include "dataflows/schedule.h"
#include "sim/stats/access_counts.h"

namespace accelsim {

// The analytical model's view of a mapping: exact access counts assuming no zero
// gating and no compression, and an estimate of cycles (for the mapper's
// objective; the engine measures the real ones): the array's processing cycles
// (the engine's processing_cycles) and, apart, the cycles it waits for DRAM.
struct ModelResult {
  AccessCounts counts;
  long long estimated_cycles = 0;
  long long estimated_dram_wait_cycles = 0;
  double energy = 0;  // counts priced with the spec's table
};

class Dataflow {
 public:
  virtual ~Dataflow() = default;
  virtual std::string name() const = 0;         // "rs"
  virtual std::string long_name() const = 0;    // "row stationary"
  virtual std::vector<std::string> parameter_names() const = 0;

  // "" when `mapping` is legal for the layer on the spec, else the reason.
  virtual std::string check(const Mapping& mapping, const LayerShape& shape,
                            const ArchSpec& arch) const = 0;
  // Calls `visit` with every legal mapping. Returns "" when at least one exists,
  // else the reason none does.
  virtual std::string enumerate(const LayerShape& shape, const ArchSpec& arch,
                                const std::function<void(const Mapping&)>& visit) const = 0;
  virtual ModelResult analyze(const Mapping& mapping, const LayerShape& shape,
                              const ArchSpec& arch) const = 0;
  virtual Schedule lower(const Mapping& mapping, const LayerShape& shape,
                         const ArchSpec& arch) const = 0;
};

// --- The registry (registry.cpp): the one list of dataflow names. ---

// Throws InputError (with a "did you mean") for an unknown name.
const Dataflow& find_dataflow(const std::string& name);
// The registered dataflows, in registration order.
std::vector<std::string> dataflow_names();

// A word a request may use (--dataflow, accelsim.simulate(dataflow=...)).
struct DataflowWord {
  enum class Kind { dataflow, family, all };  // family: the best member per layer
  std::string name;
  Kind kind = Kind::dataflow;
  std::string description;           // one line: "row stationary: ..."
  std::vector<std::string> members;  // the dataflows it stands for (a dataflow: itself)
};
// Every word, in the order of --help: the dataflows, the families, then "all".
std::vector<DataflowWord> dataflow_words();
// "rs | ws | ... | os (the best ...) | all (...)": the words for a help text.
std::string dataflow_words_help();

// One entry of a request: a dataflow, or a family whose best member runs per layer.
struct RequestedDataflow {
  std::string name;                      // the word: "rs", "os"
  std::vector<const Dataflow*> members;  // a dataflow: itself
  bool family = false;
};

// The user's words (e.g. {"rs", "os"}) as the entries to run, in order; "all" adds
// every dataflow as its own entry. The one check of dataflow names: throws
// InputError naming --dataflow for an unknown or empty word, or for no word at all.
std::vector<RequestedDataflow> request_dataflows(const std::vector<std::string>& words);

}  // namespace accelsim
