#include "sim/engine/pass_memo.h"

namespace accelsim {
namespace {

void put(std::string& key, long long value) {
  key.append(reinterpret_cast<const char*>(&value), sizeof value);
}

// The chains' psum accesses as the GLB's ports see them: which accesses share a
// bank, and which share a bank row. Banks and rows are renamed in order of first
// use, so passes whose psum tiles are shifted by whole rows, or whose banks are
// permuted, get the same key (the ports behave the same).
void put_psum_pattern(std::string& key, const PassPlan& plan, const GlbCore& glb) {
  std::unordered_map<long long, long long> banks, rows;
  for (const auto& chain : plan.chains) {
    const long long accesses = chain.outputs.size();
    put(key, accesses);
    AffineCursor cursor(chain.outputs);
    for (long long i = 0; i < accesses; ++i, cursor.next()) {
      const long long address = cursor.address();
      put(key, banks.emplace(glb.psum_bank_of(address), (long long)banks.size()).first->second);
      put(key, rows.emplace(glb.psum_row_of(address), (long long)rows.size()).first->second);
    }
  }
}

void put_destinations(std::string& key, const std::vector<int>& destinations) {
  put(key, (long long)destinations.size());
  for (int pe : destinations) put(key, pe);
}

}  // namespace

// Ifmap and weight addresses are left out (they do not change timing: only psum
// accesses contend for GLB ports); the psum accesses' bank pattern is in.
std::string pass_shape_key(const PassPlan& plan, const GlbCore& glb) {
  std::string key;
  put(key, plan.segments);
  put(key, plan.out_cols);
  put(key, plan.taps);
  put(key, plan.final_psums);
  put(key, plan.register_file);
  put(key, (long long)plan.columns.size());
  for (const auto& taps : plan.window) {
    for (int column : taps) put(key, column);
  }
  for (const auto& pe : plan.pes) {
    for (int field : {int(pe.mode), pe.filters, pe.channels, pe.row_stream, pe.filter_stream,
                      pe.tasks, pe.macs_per_task, pe.ifmap_stream, pe.weight_stream, pe.chain,
                      pe.level}) {
      put(key, field);
    }
  }
  for (const auto& stream : plan.row_streams) {
    put(key, stream.channels);
    put(key, (long long)stream.segments.size());
    put_destinations(key, stream.destinations);
  }
  for (const auto& stream : plan.filter_streams) {
    put(key, stream.words());
    put_destinations(key, stream.destinations);
  }
  for (const auto* streams : {&plan.ifmap_streams, &plan.weight_streams}) {
    for (const auto& stream : *streams) {
      put(key, stream.addresses.size());
      put_destinations(key, stream.destinations);
    }
  }
  for (const auto& chain : plan.chains) {
    put(key, chain.psums_from_glb);
    put_destinations(key, chain.pes);
  }
  put_psum_pattern(key, plan, glb);
  return key;
}

PassResult without_gating(PassResult result) {
  const Gating gated = result.gating;
  result = with_gating(result, Gating{-gated.macs, -gated.weight_reads, -gated.psum_accesses});
  result.gating = Gating{};
  return result;
}

PassResult with_gating(PassResult result, const Gating& gating) {
  AccessCounts& c = result.counts;
  c.macs_issued -= gating.macs;
  c.macs_gated += gating.macs;
  c.at(Level::rf_filter, DataType::filter, Action::read) -= gating.weight_reads;
  c.at(Level::rf_psum, DataType::psum, Action::read) -= gating.psum_accesses;
  c.at(Level::rf_psum, DataType::psum, Action::write) -= gating.psum_accesses;
  result.gating = gating;
  return result;
}

const PassResult* PassMemo::find(const std::string& key) const {
  const auto found = results_.find(key);
  if (found == results_.end()) return nullptr;
  ++hits_;
  return &found->second;
}

void PassMemo::store(const std::string& key, const PassResult& result) {
  PassResult stored = result;
  stored.stepped = false;
  results_.emplace(key, stored);
}

}  // namespace accelsim
