#include "sim/api/parallel.h"

#include <poll.h>

#include <algorithm>
#include <utility>

#include "sim/api/child_process.h"
#include "sim/api/layer_selection.h"
#include "sim/api/result_json.h"
#include "sim/common/input_error.h"

namespace accelsim {

std::vector<std::string> run_children(const std::vector<std::function<std::string()>>& bodies,
                                      int jobs) {
  // One thread forks every child and waits for all of them: a fork while another
  // thread of ours allocates would give the child a lock nobody releases.
  std::vector<ChildOutcome> outcomes(bodies.size());
  std::vector<std::pair<size_t, ForkedChild>> running;
  size_t next = 0;
  while (next < bodies.size() || !running.empty()) {
    while (running.size() < size_t(std::max(1, jobs)) && next < bodies.size()) {
      ForkedChild child = start_child(bodies[next]);
      if (child.started()) {
        running.emplace_back(next, std::move(child));
      } else {
        outcomes[next] = {ChildOutcome::Kind::error, "pipe() or fork() failed"};
      }
      ++next;
    }
    if (running.empty()) continue;  // every fork failed so far
    std::vector<pollfd> readable;
    for (const auto& entry : running) readable.push_back({entry.second.fd(), POLLIN, 0});
    if (poll(readable.data(), readable.size(), -1) < 0) continue;  // EINTR: ask again
    for (size_t r = running.size(); r-- > 0;) {
      if (readable[r].revents == 0 || running[r].second.read_available()) continue;
      outcomes[running[r].first] = running[r].second.finish();
      running.erase(running.begin() + std::ptrdiff_t(r));
    }
  }
  std::vector<std::string> texts;
  for (auto& outcome : outcomes) {
    if (outcome.kind == ChildOutcome::Kind::input_error) throw InputError(outcome.text);
    if (outcome.kind != ChildOutcome::Kind::ok) throw std::runtime_error(outcome.text);
    texts.push_back(std::move(outcome.text));
  }
  return texts;
}

SimulationResult simulate_in_parallel(const ArchSpec& arch, const Network& network,
                                      const SimulationOptions& options, int jobs) {
  const auto layers = select_layers(network, options.layers);
  if (jobs <= 1 || layers.size() <= 1) return simulate(arch, network, options);
  // Largest layers first, each to the least loaded group.
  std::vector<const Layer*> by_size = layers;
  std::stable_sort(by_size.begin(), by_size.end(),
                   [](const Layer* a, const Layer* b) { return a->macs() > b->macs(); });
  const size_t groups = std::min(size_t(jobs), layers.size());
  std::vector<std::vector<std::string>> names(groups);
  std::vector<long long> load(groups, 0);
  for (const Layer* layer : by_size) {
    const size_t g = size_t(std::min_element(load.begin(), load.end()) - load.begin());
    names[g].push_back(layer->name);
    load[g] += layer->macs();
  }
  // The chained values, once, before forking: every child reads the same.
  SimulationOptions chained = options;
  chained.values = chained_values(network, options);
  std::vector<std::function<std::string()>> bodies;
  for (const auto& group : names) {
    bodies.push_back([&arch, &network, &chained, group] {
      SimulationOptions part = chained;
      part.layers = group;
      return result_json(simulate(arch, network, part)).dump();
    });
  }
  SimulationResult merged;
  merged.values = chained.values;
  std::vector<LayerResult> all;
  for (const auto& text : run_children(bodies, jobs)) {
    SimulationResult part = result_from_json(nlohmann::json::parse(text));
    merged.engine_seconds += part.engine_seconds;
    for (auto& layer : part.layers) all.push_back(std::move(layer));
    for (auto& trace : part.traces) merged.traces.push_back(std::move(trace));
  }
  // Back in network order; within a layer, dataflows stay in the order asked.
  for (const Layer* layer : layers) {
    for (const auto& result : all) {
      if (result.layer == layer->name) merged.layers.push_back(result);
    }
  }
  return merged;
}

}  // namespace accelsim
