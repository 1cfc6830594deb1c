#include "sim/engine/pass_memo.h"

namespace accelsim {
namespace {

void put(std::string& key, long long value) {
  key.append(reinterpret_cast<const char*>(&value), sizeof value);
}

// The chains' psum accesses as the GLB's ports see them. Every chain's addresses are
// affine, and the ports only compare banks (row mod banks) and rows, so shifting all
// addresses by a whole number of rows changes nothing (the banks are relabelled the
// same way everywhere). The key is therefore the chains' loops, their offsets from
// the first chain, and the first chain's offset within its row.
void put_psum_pattern(std::string& key, const PassPlan& plan, const GlbCore& glb) {
  put(key, glb.psum_banks());
  if (plan.chains.empty()) return;
  const long long base0 = plan.chains.front().outputs.base;
  put(key, glb.psum_row_of(base0) * glb.psum_words_per_row() - base0);
  for (const auto& chain : plan.chains) {
    put(key, chain.outputs.base - base0);
    put(key, (long long)chain.outputs.loops.size());
    for (const auto& loop : chain.outputs.loops) {
      put(key, loop.count);
      put(key, loop.stride);
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
  stored.skipped_cycles = 0;
  results_.emplace(key, stored);
}

}  // namespace accelsim
