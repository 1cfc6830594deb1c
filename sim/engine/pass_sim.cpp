#include "sim/engine/pass_sim.h"

namespace accelsim {

PassSimulator::PassSimulator(const ArchSpec& arch, const PassPlan& plan, GlbCore& glb,
                             const std::vector<int16_t>& filter_words)
    : arch_(arch), plan_(plan), glb_(glb), filter_words_(filter_words), pes_(plan.pes.size()) {
  for (size_t i = 0; i < plan.pes.size(); ++i) {
    const PePlan& pe = plan.pes[i];
    const Chain& chain = plan.chains[size_t(pe.chain)];
    PeConfig config;
    config.filters = pe.filters;
    config.channels = pe.channels;
    config.taps = plan.taps;
    config.images = plan.images;
    config.out_cols = plan.out_cols;
    config.columns = int(plan.columns.size());
    config.window = &plan.window;
    config.psum_input = pe.level > 0 || chain.psums_from_glb;
    config.ifmap_spad_words = arch.pe.ifmap_spad_words;
    config.fifo_words = arch.pe.input_fifo_words;
    config.output_fifo_words = arch.pe.output_fifo_words;
    config.pipeline_stages = arch.pe.mac_pipeline_stages;
    config.zero_gating = arch.pe.zero_gating;
    pes_[i].start(config);
  }
  result_.active_pes = int(plan.pes.size());
  psums_per_chain_ = 0;
  psums_fed_.assign(plan.chains.size(), 0);
  psums_out_.assign(plan.chains.size(), 0);
  drain_blocked_.assign(plan.chains.size(), 0);
  feed_blocked_.assign(plan.chains.size(), 0);
  for (const auto& chain : plan.chains) {
    outputs_left_ += 1LL * plan.images * plan.out_cols * chain.filters;
  }
  ifmap_done_ = plan.row_streams.empty() || plan.images == 0;
}

long long PassSimulator::chain_address(const Chain& chain, long long index) const {
  const long long per_image = 1LL * plan_.out_cols * chain.filters;
  const int image = int(index / per_image);
  const int column = int(index % per_image / chain.filters);
  const int filter = int(index % chain.filters);
  return glb_.psum_address(image, chain.out_row, column, chain.filter0 + filter);
}

bool PassSimulator::step() {
  if (finished_) return false;
  glb_.start_cycle();
  for (auto& pe : pes_) pe.step(cycle_);
  move_local_psums();
  drain_outputs();
  feed_psums();
  feed_ifmaps();
  feed_filters();
  ++cycle_;
  if (outputs_left_ == 0) {
    bool all_done = true;
    for (const auto& pe : pes_) all_done = all_done && pe.done();
    finished_ = all_done;
  }
  return !finished_;
}

void PassSimulator::move_local_psums() {
  const int width = arch_.noc.local_psum_link_words;
  for (const auto& chain : plan_.chains) {
    for (size_t level = 0; level + 1 < chain.pes.size(); ++level) {
      PeCore& below = pes_[size_t(chain.pes[level])];
      PeCore& above = pes_[size_t(chain.pes[level + 1])];
      for (int moved = 0; moved < width && below.has_output() && above.psum_room(); ++moved) {
        above.push_psum(below.pop_output());
        count(Level::array, DataType::psum, Action::write);
      }
    }
  }
}

void PassSimulator::drain_outputs() {
  const DataType type = plan_.final_psums ? DataType::ofmap : DataType::psum;
  int words = 0;
  const size_t chains = plan_.chains.size();
  bool progress = true;
  while (words < arch_.noc.output_bus_width_words && progress) {
    progress = false;
    const size_t first = drain_turn_;
    for (size_t visited = 0; visited < chains && words < arch_.noc.output_bus_width_words;
         ++visited) {
      const size_t index = (first + visited) % chains;
      const Chain& chain = plan_.chains[index];
      PeCore& top = pes_[size_t(chain.pes.back())];
      if (!top.has_output() || drain_blocked_[index] == cycle_ + 1) continue;
      const long long address = chain_address(chain, psums_out_[index]);
      if (!glb_.claim_psum_port(address, true)) {
        drain_blocked_[index] = cycle_ + 1;
        ++result_.glb_port_conflicts;
        continue;
      }
      glb_.psum(address) = top.pop_output();
      ++psums_out_[index];
      --outputs_left_;
      ++words;
      progress = true;
      count(Level::array, type, Action::write);
      count(Level::glb, type, Action::write);
      drain_turn_ = (index + 1) % chains;
    }
  }
}

void PassSimulator::feed_psums() {
  int words = 0;
  const size_t chains = plan_.chains.size();
  bool progress = true;
  while (words < arch_.noc.psum.bus_width_words && progress) {
    progress = false;
    const size_t first = feed_turn_;
    for (size_t visited = 0; visited < chains && words < arch_.noc.psum.bus_width_words;
         ++visited) {
      const size_t index = (first + visited) % chains;
      const Chain& chain = plan_.chains[index];
      if (!chain.psums_from_glb) continue;
      const long long total = 1LL * plan_.images * plan_.out_cols * chain.filters;
      PeCore& bottom = pes_[size_t(chain.pes.front())];
      if (psums_fed_[index] == total || !bottom.psum_room()) continue;
      if (feed_blocked_[index] == cycle_ + 1) continue;
      const long long address = chain_address(chain, psums_fed_[index]);
      if (!glb_.claim_psum_port(address, false)) {
        feed_blocked_[index] = cycle_ + 1;
        ++result_.glb_port_conflicts;
        continue;
      }
      bottom.push_psum(glb_.psum(address));
      ++psums_fed_[index];
      ++words;
      progress = true;
      count(Level::glb, DataType::psum, Action::read);
      count(Level::array, DataType::psum, Action::write);
      feed_turn_ = (index + 1) % chains;
    }
  }
}

// Without multicast a word takes one bus slot (and one GLB read) per destination.
void PassSimulator::feed_ifmaps() {
  const bool multicast = arch_.noc.ifmap.multicast;
  for (int words = 0; words < arch_.noc.ifmap.bus_width_words && !ifmap_done_; ++words) {
    const RowStream& stream = plan_.row_streams[size_t(ifmap_stream_)];
    const auto first = stream.destinations.begin() + (multicast ? 0 : ifmap_destination_);
    const auto last = multicast ? stream.destinations.end() : first + 1;
    for (auto pe = first; pe != last; ++pe) {
      if (!pes_[size_t(*pe)].ifmap_room()) return;  // in order: the bus waits
    }
    const int16_t value = glb_.ifmap(ifmap_image_, stream.channel0 + ifmap_channel_, stream.row,
                                     plan_.columns[size_t(ifmap_column_)]);
    for (auto pe = first; pe != last; ++pe) pes_[size_t(*pe)].push_ifmap(value);
    count(Level::glb, DataType::ifmap, Action::read);
    count(Level::array, DataType::ifmap, Action::write, last - first);
    if (!multicast && ++ifmap_destination_ < int(stream.destinations.size())) continue;
    ifmap_destination_ = 0;
    // Next word: channel, then row stream, then column, then image.
    if (++ifmap_channel_ < stream.channels) continue;
    ifmap_channel_ = 0;
    if (++ifmap_stream_ < int(plan_.row_streams.size())) continue;
    ifmap_stream_ = 0;
    if (++ifmap_column_ < int(plan_.columns.size())) continue;
    ifmap_column_ = 0;
    ifmap_done_ = ++ifmap_image_ == plan_.images;
  }
}

void PassSimulator::feed_filters() {
  const Level staging = arch_.glb.filter_buffer_kb > 0 ? Level::filter_buffer : Level::glb;
  const bool multicast = arch_.noc.filter.multicast;
  for (int words = 0; words < arch_.noc.filter.bus_width_words &&
                      filter_word_ < filter_words_.size();
       ++words) {
    const FilterStream& stream = plan_.filter_streams[size_t(filter_stream_)];
    const int16_t value = filter_words_[filter_word_];
    const auto first = stream.destinations.begin() + (multicast ? 0 : filter_destination_);
    const auto last = multicast ? stream.destinations.end() : first + 1;
    for (auto pe = first; pe != last; ++pe) pes_[size_t(*pe)].push_weight(value);
    count(staging, DataType::filter, Action::read);
    count(Level::array, DataType::filter, Action::write, last - first);
    if (!multicast && ++filter_destination_ < int(stream.destinations.size())) continue;
    filter_destination_ = 0;
    ++filter_word_;
    if (++filter_offset_ == stream.filters * stream.channels * plan_.taps) {
      filter_offset_ = 0;
      ++filter_stream_;
    }
    if (filter_word_ == filter_words_.size()) result_.filter_load_cycles = cycle_ + 1;
  }
}

PassResult PassSimulator::result() const {
  PassResult result = result_;
  result.cycles = cycle_;
  result.stepped = true;
  for (const auto& pe : pes_) {
    const PeCounters& c = pe.counters();
    AccessCounts& counts = result.counts;
    counts.at(Level::rf_ifmap, DataType::ifmap, Action::read) += c.rf_ifmap_reads;
    counts.at(Level::rf_ifmap, DataType::ifmap, Action::write) += c.rf_ifmap_writes;
    counts.at(Level::rf_filter, DataType::filter, Action::read) += c.rf_filter_reads;
    counts.at(Level::rf_filter, DataType::filter, Action::write) += c.rf_filter_writes;
    counts.at(Level::rf_psum, DataType::psum, Action::read) += c.rf_psum_reads;
    counts.at(Level::rf_psum, DataType::psum, Action::write) += c.rf_psum_writes;
    counts.macs_issued += c.macs;
    counts.macs_gated += c.gated_macs;
    result.stalls += pe.stalls();
  }
  return result;
}

}  // namespace accelsim
