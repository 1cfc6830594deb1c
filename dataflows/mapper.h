#pragma once
// The mapper: searches a dataflow's legal mappings of a layer with the analytical
// model and keeps the best by the objective, and a shortlist for a finer ranking.
//
// The model's access counts are exact for data without zeros (no zero gating, no
// RLC compression); its cycles are an estimate. So for the cycles and edp
// objectives the caller (sim/api) measures the shortlist as the engine would on the
// layer's values (sim/engine/exact/candidate_timing.h: gated counts, compressed
// transfers, the engine's cycles and DRAM waits) and re-ranks it with
// rank_shortlist: the choice then rests on the engine's figures.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dataflows/dataflow.h"

namespace accelsim {

enum class Objective { energy, cycles, edp };
Objective parse_objective(const std::string& name);  // energy | cycles | edp
const char* objective_name(Objective objective);

// A candidate's energy and cycles (processing plus DRAM waits).
struct CandidateFigures {
  double energy = 0;
  long long cycles = 0;
};

// The model's figures of a mapping corrected for what the layer's values do to
// them (sim/api: zero gating, RLC compression): what the search ranks by when the
// caller knows the values.
using FigureEstimate = std::function<CandidateFigures(const ModelResult&)>;

struct Candidate {
  Mapping mapping;
  ModelResult model;
  // What the objective weighs: the model's (energy ungated and uncompressed, cycles
  // estimated) or their FigureEstimate, or the engine's once measured.
  double energy = 0;
  long long cycles = 0;
  bool timed = false;  // `energy` and `cycles` are the engine's
};

struct MapperResult {
  std::optional<Mapping> mapping;  // empty when nothing maps
  ModelResult model;               // of the chosen mapping
  std::string reason;              // why nothing maps
  long long candidates = 0;        // legal mappings evaluated
  double energy = 0;               // of the chosen mapping: its Candidate::energy
  long long cycles = 0;            // and Candidate::cycles
  bool engine_ranked = false;      // chosen by the engine's figures (rank_shortlist)
  // The analytical best `shortlist` mappings by the objective, best first, plus the
  // best by energy when it is not among them (so that the cycles choice can never be
  // slower than the energy choice): empty for the energy objective.
  std::vector<Candidate> shortlist;
  size_t energy_choice = 0;  // its index in the shortlist
  int timed = 0;             // shortlisted candidates the engine timed
};

// The value the objective minimizes: energy, cycles (the array's processing plus
// the DRAM waits) or their product.
double objective_score(double energy, long long cycles, Objective objective);
double objective_score(const ModelResult& model, Objective objective);

// How many analytical candidates the engine ranks (cycles and edp objectives).
constexpr int kShortlist = 4;

// Ranks every legal mapping by the objective on the model's figures, or on
// `estimate`'s when given (the energy choice in the shortlist stays the model's:
// the energy objective's own).
MapperResult search_mapping(const Dataflow& dataflow, const LayerShape& shape,
                            const ArchSpec& arch, Objective objective,
                            int shortlist = kShortlist, const FigureEstimate& estimate = {});

// What the caller knows of a candidate's figures: `bound`, cheap, never above what
// `engine` measures (either figure); `engine`, what the engine measures, costly.
struct CandidateMeasures {
  std::function<CandidateFigures(const Candidate&)> bound;
  std::function<CandidateFigures(const Candidate&)> engine;
};
// Candidates whose analytical score is more than this above the best's are not
// timed: the model is within a few percent of the engine on most layers (median
// 0-4%, dataflows/README.md), so they could only win where it errs by more, in
// opposite directions.
constexpr double kRankSlack = 0.05;
// Chooses from the shortlist by the objective with the engine's figures. Measures,
// in the search's order, the candidates within kRankSlack of the best and, for the
// cycles objective, the energy choice (so it is never slower than that), skipping
// any whose bound already scores no better than the best measured. The others keep
// their estimate and are not chosen. Ties: the analytically better. No-op without
// a shortlist.
void rank_shortlist(MapperResult& result, Objective objective, const CandidateMeasures& measures);

// Checks and evaluates a given mapping (an explicit one from the user).
MapperResult evaluate_mapping(const Dataflow& dataflow, const Mapping& mapping,
                              const LayerShape& shape, const ArchSpec& arch);

}  // namespace accelsim
