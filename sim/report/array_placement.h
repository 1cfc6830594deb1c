#pragma once
// The mapping drawn on the PE array (report.html, html_mapping.cpp): what each PE
// does in a layer's first pass, read from the pass plan the engine runs
// (dataflows/schedule.h), so the picture is the simulated placement, not a
// re-derivation. A colour group is what the dataflow replicates over the array:
//   rs      a PE set (JSSC 2017 Fig. 5): R filter rows x e output rows, one per
//           (filter group t, channel group r); a set wider than the array is split
//           into segments, placed apart;
//   ws      a column of weights: the filters of one PE column (lanes of channel
//           group, filter row and tap on the rows);
//   os-*    a filter: the PEs computing its output pixels;
//   nlr     a filter: its column of channel lanes.

#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "dataflows/schedule.h"

namespace accelsim {

struct PePlacement {
  int group = -1;      // index into ArrayPlacement::groups; -1: the PE is unused
  int segment = 0;     // rs: which piece of a split set (0 when not split)
  std::string detail;  // what the PE holds and computes, one line
};

struct ArrayPlacement {
  int rows = 0, cols = 0;
  std::vector<PePlacement> pes;     // rows x cols, row-major (row 0 at the top)
  std::vector<std::string> groups;  // what each colour stands for
  std::string group_kind;           // "PE set", "filter column", "filter"
  int segments = 1;                 // rs: most segments of one set
  int busy_pes = 0;
  long long passes = 0;             // of the whole layer
  std::string pass;                 // which pass is drawn
};

// The placement of the schedule's first pass (tile 1, block 1) on `arch`'s array.
ArrayPlacement array_placement(const Schedule& schedule, const ArchSpec& arch);

}  // namespace accelsim
