#include "sim/engine/exact/pass_memo.h"

#include <cstring>
#include <vector>

namespace accelsim {
namespace {

// Appends values to a key in their own sizes (the fields come in a fixed order, so
// the layout is unambiguous), without a library call per value: a key has several
// values per PE and is built for every pass. The values go into a buffer that keeps
// its size from key to key (a string resized to its capacity would be zero-filled
// first, for every pass) and are copied into the key once, at the end.
class KeyWriter {
 public:
  explicit KeyWriter(std::string& key) : key_(key) {
    if (buffer_.size() < 4096) buffer_.resize(4096);
    next_ = buffer_.data();
    end_ = next_ + buffer_.size();
  }
  ~KeyWriter() { key_.assign(buffer_.data(), size_t(next_ - buffer_.data())); }
  template <typename T>
  void put(T value) {
    if (sizeof value > size_t(end_ - next_)) grow();
    std::memcpy(next_, &value, sizeof value);
    next_ += sizeof value;
  }

 private:
  void grow() {
    const size_t used = size_t(next_ - buffer_.data());
    buffer_.resize(2 * buffer_.size());
    next_ = buffer_.data() + used;
    end_ = buffer_.data() + buffer_.size();
  }
  static thread_local std::vector<char> buffer_;
  std::string& key_;
  char* next_;  // the buffer's next free byte: kept here, not looked up per value
  char* end_;
};

thread_local std::vector<char> KeyWriter::buffer_;

// The chains' psum accesses as the GLB's ports see them. Every chain's addresses are
// affine, and the ports only compare banks (row mod banks) and rows, so shifting all
// addresses by a whole number of rows changes nothing (the banks are relabelled the
// same way everywhere). The key is therefore the chains' loops, their offsets from
// the first chain, and the first chain's offset within its row.
void put_psum_pattern(KeyWriter& key, const PassPlan& plan, const GlbCore& glb) {
  key.put(glb.psum_banks());
  if (plan.chains.empty()) return;
  const long long base0 = plan.chains.front().outputs.base;
  key.put(glb.psum_row_of(base0) * glb.psum_words_per_row() - base0);
  for (const auto& chain : plan.chains) {
    key.put(chain.outputs.base - base0);
    key.put((long long)chain.outputs.loops.size());
    for (const auto& loop : chain.outputs.loops) {
      key.put(loop.count);
      key.put(loop.stride);
    }
  }
}

void put_destinations(KeyWriter& key, const std::vector<int>& destinations) {
  key.put((long long)destinations.size());
  for (int pe : destinations) key.put(pe);
}

}  // namespace

// Ifmap and weight addresses are left out (they do not change timing: only psum
// accesses contend for GLB ports); the psum accesses' bank pattern is in.
void pass_shape_key(const PassPlan& plan, const GlbCore& glb, std::string& text) {
  KeyWriter key(text);
  key.put(plan.segments);
  key.put(plan.out_cols);
  key.put(plan.taps);
  key.put(plan.final_psums);
  key.put(plan.register_file);
  key.put(int(plan.op));
  key.put((long long)plan.columns.size());
  for (const auto& taps : plan.window) {
    for (int column : taps) key.put(column);
  }
  for (const auto& pe : plan.pes) {
    for (int field : {int(pe.mode), pe.filters, pe.channels, pe.row_stream, pe.filter_stream,
                      pe.tasks, pe.macs_per_task, pe.ifmap_stream, pe.weight_stream, pe.chain,
                      pe.level}) {
      key.put(field);
    }
  }
  for (const auto& stream : plan.row_streams) {
    key.put(stream.channels);
    key.put((long long)stream.segments.size());
    put_destinations(key, stream.destinations);
  }
  for (const auto& stream : plan.filter_streams) {
    key.put(stream.words());
    put_destinations(key, stream.destinations);
  }
  for (const auto* streams : {&plan.ifmap_streams, &plan.weight_streams}) {
    for (const auto& stream : *streams) {
      key.put(stream.addresses.size());
      put_destinations(key, stream.destinations);
    }
  }
  for (const auto& chain : plan.chains) {
    key.put(chain.psums_from_glb);
    put_destinations(key, chain.pes);
  }
  put_psum_pattern(key, plan, glb);
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
  const Entry* entry = find_entry(key);
  return entry ? &entry->second : nullptr;
}

const PassMemo::Entry* PassMemo::find_entry(const std::string& key) const {
  const auto found = results_.find(key);
  return found == results_.end() ? nullptr : &*found;
}

const PassMemo::Entry& PassMemo::store(const std::string& key, const PassResult& result) {
  PassResult stored = result;
  stored.stepped = false;
  stored.skipped_cycles = 0;
  return *results_.emplace(key, stored).first;
}

}  // namespace accelsim
