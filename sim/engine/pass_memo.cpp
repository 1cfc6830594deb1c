#include "sim/engine/pass_memo.h"

namespace accelsim {
namespace {

void put(std::string& key, long long value) {
  key.append(reinterpret_cast<const char*>(&value), sizeof value);
}

}  // namespace

std::string pass_shape_key(const PassPlan& plan, const GlbCore& glb) {
  std::string key;
  put(key, plan.images);
  put(key, plan.out_cols);
  put(key, plan.taps);
  put(key, plan.final_psums);
  put(key, (long long)plan.columns.size());
  for (const auto& taps : plan.window) {
    for (int column : taps) put(key, column);
  }
  for (const auto& pe : plan.pes) {
    put(key, pe.filters);
    put(key, pe.channels);
    put(key, pe.row_stream);
    put(key, pe.filter_stream);
    put(key, pe.chain);
    put(key, pe.level);
  }
  for (const auto& stream : plan.row_streams) {
    put(key, stream.channels);
    put(key, (long long)stream.destinations.size());
    for (int pe : stream.destinations) put(key, pe);
  }
  for (const auto& stream : plan.filter_streams) {
    put(key, stream.filters);
    put(key, stream.channels);
    put(key, (long long)stream.destinations.size());
    for (int pe : stream.destinations) put(key, pe);
  }
  // Psum addresses: the chain's place in the tile and the tile's layout.
  put(key, glb.psum_rows());
  put(key, glb.psum_cols());
  put(key, glb.psum_filters());
  for (const auto& chain : plan.chains) {
    put(key, chain.out_row);
    put(key, chain.filter0);
    put(key, chain.filters);
    put(key, chain.psums_from_glb);
    put(key, (long long)chain.pes.size());
    for (int pe : chain.pes) put(key, pe);
  }
  return key;
}

PassResult without_gating(PassResult result) {
  return with_gating(result, -result.counts.macs_gated);
}

PassResult with_gating(PassResult result, long long gated_macs) {
  AccessCounts& c = result.counts;
  // A gated MAC reads the ifmap spad only: no weight read, no psum read or write.
  c.macs_issued -= gated_macs;
  c.macs_gated += gated_macs;
  c.at(Level::rf_filter, DataType::filter, Action::read) -= gated_macs;
  c.at(Level::rf_psum, DataType::psum, Action::read) -= gated_macs;
  c.at(Level::rf_psum, DataType::psum, Action::write) -= gated_macs;
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
