#include "sim/report/array_placement.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

namespace accelsim {
namespace {

std::string range(int first, int count) {
  return count <= 1 ? std::to_string(first) : std::to_string(first) + "–" + std::to_string(first + count - 1);
}

// "filter 3" or "filters 0–15".
std::string filters_text(int first, int count) {
  return (count == 1 ? "filter " : "filters ") + range(first, count);
}


// Position of `value` among the distinct values of `values` (sorted).
int rank_of(const std::set<int>& values, int value) {
  return int(std::distance(values.begin(), values.find(value)));
}

// A PE's colour group: a key that is the same for every PE of the group, its
// legend text, and the PE's own line.
struct Role {
  long long key = 0;
  std::string legend, detail;
};

// rs: PEs holding the same weights block (filter group t, channel group r) form a set.
std::vector<Role> rs_roles(const PassPlan& plan) {
  std::set<int> filter0s, channel0s;
  for (const auto& fs : plan.filter_streams) filter0s.insert(fs.filter0), channel0s.insert(fs.channel0);
  std::vector<Role> roles;
  for (const auto& pe : plan.pes) {
    const FilterStream& fs = plan.filter_streams[size_t(pe.filter_stream)];
    const int t = rank_of(filter0s, fs.filter0), r = rank_of(channel0s, fs.channel0);
    const RowStream& rows = plan.row_streams[size_t(pe.row_stream)];
    roles.push_back({1LL * t * 100000 + r,
                     "set t" + std::to_string(t + 1) + " r" + std::to_string(r + 1) + ": " +
                         filters_text(fs.filter0, fs.filters) + ", channels " +
                         range(fs.channel0, fs.channels),
                     "filter row " + std::to_string(fs.row0) + ", ifmap row " +
                         std::to_string(rows.segments.empty() ? 0 : rows.segments[0].row) +
                         ", " + std::to_string(pe.filters) + " filters x " +
                         std::to_string(pe.channels) + " channels"});
  }
  return roles;
}

// ws: a PE column holds one group of filters; its rows are lanes (channel group,
// filter row, tap).
std::vector<Role> ws_roles(const PassPlan& plan) {
  std::vector<Role> roles;
  for (const auto& pe : plan.pes) {
    const FilterStream& fs = plan.filter_streams[size_t(pe.filter_stream)];
    roles.push_back({fs.filter0, filters_text(fs.filter0, fs.filters),
                     "weights of " + filters_text(fs.filter0, fs.filters) + ", channels " +
                         range(fs.channel0, fs.channels) + ", filter row " +
                         std::to_string(fs.row0) + ", tap " + std::to_string(fs.tap0)});
  }
  return roles;
}

// Stream mode: os-* PEs share a filter's weight stream; nlr's chains are filters.
std::vector<Role> stream_roles(const PassPlan& plan, bool output_stationary) {
  const int filter0 = plan.filter_streams.empty() ? 0 : plan.filter_streams[0].filter0;
  std::vector<Role> roles;
  for (const auto& pe : plan.pes) {
    const int k = output_stationary ? pe.weight_stream : pe.chain;
    roles.push_back({k, "filter " + std::to_string(filter0 + k),
                     output_stationary
                         ? "output pixel " + std::to_string(pe.ifmap_stream) + " of the pass, " +
                               std::to_string(pe.tasks) + " task(s) of " +
                               std::to_string(pe.macs_per_task) + " MACs"
                         : "channel lane " + std::to_string(pe.level) + ", " +
                               std::to_string(pe.tasks) + " outputs of " +
                               std::to_string(pe.macs_per_task) + " MACs"});
  }
  return roles;
}

int find_root(std::vector<int>& parent, int i) {
  while (parent[size_t(i)] != i) i = parent[size_t(i)] = parent[size_t(parent[size_t(i)])];
  return i;
}

// rs: the pieces of each set. Side by side PEs of one set are one piece; stacked
// ones only when they chain (the same output row), as a segment's columns do.
void mark_segments(const PassPlan& plan, ArrayPlacement& placement) {
  const int cols = placement.cols, count = placement.rows * cols;
  std::vector<int> parent(static_cast<size_t>(count)), chain(static_cast<size_t>(count), -1);
  std::iota(parent.begin(), parent.end(), 0);
  for (const auto& pe : plan.pes) chain[size_t(pe.row * cols + pe.col)] = pe.chain;
  const auto join = [&](int a, int b) { parent[size_t(find_root(parent, a))] = find_root(parent, b); };
  for (int i = 0; i < count; ++i) {
    const int group = placement.pes[size_t(i)].group;
    if (group < 0) continue;
    if (i % cols + 1 < cols && placement.pes[size_t(i + 1)].group == group) join(i, i + 1);
    if (i + cols < count && chain[size_t(i + cols)] == chain[size_t(i)]) join(i, i + cols);
  }
  std::map<int, std::map<int, int>> pieces;  // group -> root -> segment, in array order
  for (int i = 0; i < count; ++i) {
    PePlacement& pe = placement.pes[size_t(i)];
    if (pe.group < 0) continue;
    auto& of_group = pieces[pe.group];
    pe.segment = of_group.emplace(find_root(parent, i), int(of_group.size())).first->second;
    placement.segments = std::max(placement.segments, pe.segment + 1);
  }
}

}  // namespace

ArrayPlacement array_placement(const Schedule& schedule, const ArchSpec& arch) {
  ArrayPlacement placement;
  placement.rows = arch.pe_array.rows;
  placement.cols = arch.pe_array.cols;
  placement.pes.assign(size_t(placement.rows) * placement.cols, {});
  for (const auto& tile : schedule.tiles) {
    for (const auto& block : tile.blocks) placement.passes += (long long)block.passes.size();
  }
  if (schedule.tiles.empty() || schedule.tiles[0].blocks.empty() ||
      schedule.tiles[0].blocks[0].passes.empty() || !schedule.planner) {
    return placement;
  }
  const Tile& tile = schedule.tiles[0];
  const PassPlan plan = schedule.planner->plan(tile, tile.blocks[0], tile.blocks[0].passes[0]);
  const std::string& dataflow = schedule.mapping.dataflow;
  const bool streamed = !plan.pes.empty() && plan.pes[0].mode == PeMode::stream;
  const std::vector<Role> roles = dataflow == "rs" ? rs_roles(plan)
                                  : !streamed      ? ws_roles(plan)
                                                   : stream_roles(plan, dataflow.rfind("os", 0) == 0);
  placement.group_kind = dataflow == "rs" ? "PE set" : !streamed ? "filter column" : "filter";
  std::map<long long, int> group_of;
  for (size_t i = 0; i < plan.pes.size(); ++i) {
    const PePlan& pe = plan.pes[i];
    if (pe.row < 0 || pe.row >= placement.rows || pe.col < 0 || pe.col >= placement.cols) continue;
    const auto [found, added] = group_of.emplace(roles[i].key, int(placement.groups.size()));
    if (added) placement.groups.push_back(roles[i].legend);
    PePlacement& cell = placement.pes[size_t(pe.row * placement.cols + pe.col)];
    cell.group = found->second;
    cell.detail = roles[i].detail;
    ++placement.busy_pes;
  }
  if (dataflow == "rs") mark_segments(plan, placement);
  placement.pass = "pass 1 of " + std::to_string(placement.passes) + " (tile 1: " +
                   std::to_string(tile.images) + " image(s), output rows " +
                   range(tile.out_row0, tile.out_rows) + ", " +
                   filters_text(tile.filter0, tile.blocks[0].passes[0].filters) + ", channels " +
                   range(tile.blocks[0].channel0, tile.blocks[0].channels) + ")";
  return placement;
}

}  // namespace accelsim
