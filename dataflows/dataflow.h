#pragma once
// A dataflow: a family of mappings with its legal space, its analytical model and
// its lowering to a schedule the engine runs. One folder per dataflow; each
// registers itself in registry.cpp.

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
// objective; the engine measures the real ones).
struct ModelResult {
  AccessCounts counts;
  long long estimated_cycles = 0;
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

// Throws InputError (with a "did you mean") for an unknown name.
const Dataflow& find_dataflow(const std::string& name);
std::vector<std::string> dataflow_names();

}  // namespace accelsim
