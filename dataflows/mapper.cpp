#include "dataflows/mapper.h"

#include <algorithm>
#include <stdexcept>

namespace accelsim {
namespace {

long long estimated_cycles(const ModelResult& model) {
  return model.estimated_cycles + model.estimated_dram_wait_cycles;
}

// The best `size` candidates by score seen so far, best first; ties keep the first
// found (enumeration order is fixed, so the list is too).
class BestList {
 public:
  explicit BestList(size_t size) : size_(size) {}
  void offer(double score, const Mapping& mapping, const ModelResult& model,
             const CandidateFigures& figures) {
    if (size_ == 0) return;
    if (entries_.size() == size_ && !(score < entries_.back().score)) return;
    const auto at = std::upper_bound(entries_.begin(), entries_.end(), score,
                                     [](double value, const Entry& e) { return value < e.score; });
    entries_.insert(at, {score, {mapping, model, figures.energy, figures.cycles}});
    if (entries_.size() > size_) entries_.pop_back();
  }
  bool empty() const { return entries_.empty(); }
  const Candidate& best() const { return entries_.front().candidate; }
  std::vector<Candidate> candidates() const {
    std::vector<Candidate> list;
    for (const auto& entry : entries_) list.push_back(entry.candidate);
    return list;
  }

 private:
  struct Entry {
    double score;
    Candidate candidate;
  };
  size_t size_;
  std::vector<Entry> entries_;
};

void choose(MapperResult& result, const Candidate& candidate) {
  result.mapping = candidate.mapping;
  result.model = candidate.model;
  result.energy = candidate.energy;
  result.cycles = candidate.cycles;
}

}  // namespace

double objective_score(double energy, long long cycles, Objective objective) {
  switch (objective) {
    case Objective::energy: return energy;
    case Objective::cycles: return double(cycles);
    case Objective::edp: return energy * double(cycles);
  }
  return energy;
}

double objective_score(const ModelResult& model, Objective objective) {
  return objective_score(model.energy, estimated_cycles(model), objective);
}

Objective parse_objective(const std::string& name) {
  if (name == "energy") return Objective::energy;
  if (name == "cycles") return Objective::cycles;
  if (name == "edp") return Objective::edp;
  throw std::invalid_argument("unknown objective " + name);
}

const char* objective_name(Objective objective) {
  switch (objective) {
    case Objective::energy: return "energy";
    case Objective::cycles: return "cycles";
    case Objective::edp: return "edp";
  }
  return "energy";
}

MapperResult search_mapping(const Dataflow& dataflow, const LayerShape& shape,
                            const ArchSpec& arch, Objective objective, int shortlist,
                            const FigureEstimate& estimate) {
  MapperResult result;
  const bool rank = objective != Objective::energy && shortlist > 0;
  BestList by_objective(rank ? size_t(shortlist) : 1);
  BestList by_energy(rank ? 1 : 0);
  result.reason = dataflow.enumerate(shape, arch, [&](const Mapping& mapping) {
    ++result.candidates;
    const ModelResult model = dataflow.analyze(mapping, shape, arch);
    const CandidateFigures figures =
        estimate ? estimate(model) : CandidateFigures{model.energy, estimated_cycles(model)};
    by_objective.offer(objective_score(figures.energy, figures.cycles, objective), mapping, model,
                       figures);
    by_energy.offer(model.energy, mapping, model, figures);
  });
  if (by_objective.empty()) {
    if (result.reason.empty()) result.reason = "no legal mapping";
    return result;
  }
  choose(result, by_objective.best());
  if (rank) {
    result.shortlist = by_objective.candidates();
    const Candidate& frugal = by_energy.best();
    const auto listed = std::find_if(result.shortlist.begin(), result.shortlist.end(),
                                     [&](const Candidate& c) { return c.mapping == frugal.mapping; });
    result.energy_choice = size_t(listed - result.shortlist.begin());
    if (listed == result.shortlist.end()) result.shortlist.push_back(frugal);
  }
  return result;
}

void rank_shortlist(MapperResult& result, Objective objective, const CandidateMeasures& measures) {
  if (result.shortlist.empty()) return;
  const auto score = [objective](const Candidate& c) {
    return objective_score(c.energy, c.cycles, objective);
  };
  const double within = score(result.shortlist.front()) * (1 + kRankSlack);
  const Candidate* best = nullptr;
  double best_score = 0;
  for (size_t i = 0; i < result.shortlist.size(); ++i) {
    Candidate& candidate = result.shortlist[i];
    // The cycles objective promises never to be slower than the energy choice.
    const bool promised = objective == Objective::cycles && i == result.energy_choice;
    const bool considered = promised || score(candidate) <= within;
    if (!considered) continue;
    if (best) {
      const CandidateFigures bound = measures.bound(candidate);
      if (objective_score(bound.energy, bound.cycles, objective) >= best_score) continue;
    }
    const CandidateFigures measured = measures.engine(candidate);
    candidate.energy = measured.energy;
    candidate.cycles = measured.cycles;
    candidate.timed = true;
    ++result.timed;
    if (!best || score(candidate) < best_score) {
      best = &candidate;
      best_score = score(candidate);
    }
  }
  choose(result, *best);
  result.engine_ranked = true;
}

MapperResult evaluate_mapping(const Dataflow& dataflow, const Mapping& mapping,
                              const LayerShape& shape, const ArchSpec& arch) {
  MapperResult result;
  result.reason = dataflow.check(mapping, shape, arch);
  if (!result.reason.empty()) return result;
  result.mapping = mapping;
  result.model = dataflow.analyze(mapping, shape, arch);
  result.energy = result.model.energy;
  result.cycles = estimated_cycles(result.model);
  result.candidates = 1;
  return result;
}

}  // namespace accelsim
