#include "sim/engine/array/pass_simulator.h"

namespace accelsim {
namespace {

// The configuration of PE `pe_index` for the pass.
PeConfig pe_config(const ArchSpec& arch, const PassPlan& plan, size_t pe_index,
                   const PassOptions& options) {
  const PePlan& pe = plan.pes[pe_index];
  PeConfig config;
  config.streamed = pe.mode == PeMode::stream;
  config.filters = pe.filters;
  config.channels = pe.channels;
  config.taps = plan.taps;
  config.segments = plan.segments;
  config.out_cols = plan.out_cols;
  config.columns = int(plan.columns.size());
  config.window = &plan.window;
  config.ifmap_spad_words = arch.pe.ifmap_spad_words;
  config.tasks = pe.tasks;
  config.macs_per_task = pe.macs_per_task;
  config.psum_input = pe.level > 0 || plan.chains[size_t(pe.chain)].psums_from_glb;
  config.register_file = plan.register_file;
  config.fifo_words = arch.pe.input_fifo_words;
  config.output_fifo_words = arch.pe.output_fifo_words;
  config.pipeline_stages = arch.pe.mac_pipeline_stages;
  config.op = plan.op;
  config.product_shift = options.product_shift;
  config.zero_gating = arch.pe.zero_gating && options.move_values && plan.op == PeOp::mac;
  config.compute_values = options.move_values;
  return config;
}

// Per word stream, the bus slots it takes: its words, times its destinations
// without multicast.
std::vector<long long> stream_words_total(const std::vector<WordStream>& streams,
                                          bool multicast) {
  std::vector<long long> words;
  for (const auto& stream : streams) {
    words.push_back(stream.addresses.size() *
                    (multicast ? 1 : (long long)stream.destinations.size()));
  }
  return words;
}

}  // namespace

PassSimulator::PassSimulator(const ArchSpec& arch, const PassPlan& plan, GlbCore& glb,
                             const std::vector<int16_t>& filter_words, PassOptions options)
    : arch_(arch), plan_(plan), glb_(glb), filter_words_(filter_words), options_(options),
      pes_(plan.pes.size()),
      staging_(arch.glb.filter_buffer_kb > 0 ? Level::filter_buffer : Level::glb) {
  for (size_t i = 0; i < plan.pes.size(); ++i) pes_[i].start(pe_config(arch, plan, i, options));
  result_.active_pes = int(plan.pes.size());
  psums_fed_.assign(plan.chains.size(), 0);
  psums_out_.assign(plan.chains.size(), 0);
  drain_blocked_.assign(plan.chains.size(), -1);
  feed_blocked_.assign(plan.chains.size(), -1);
  for (const auto& chain : plan.chains) {
    chain_outputs_.push_back(chain.outputs.size());
    outputs_left_ += chain.outputs.size();
    drain_cursors_.emplace_back(chain.outputs);
    feed_cursors_.emplace_back(chain.outputs);
  }
  for (const auto& stream : plan.filter_streams) {
    if (!stream.destinations.empty()) stationary_left_ += stream.words();
  }
  for (const auto& stream : plan.weight_streams) weight_streams_left_ += stream.addresses.size();
  ifmap_words_sent_.assign(plan.ifmap_streams.size(), 0);
  weight_words_sent_.assign(plan.weight_streams.size(), 0);
  ifmap_words_total_ = stream_words_total(plan.ifmap_streams, arch.noc.ifmap.multicast);
  weight_words_total_ = stream_words_total(plan.weight_streams, arch.noc.filter.multicast);
  rows_done_ = plan.row_streams.empty() || plan.segments == 0;
  start_networks();
  start_steady_state();
}

// Who passes psums to whom, and which PEs and chains have something to move.
void PassSimulator::start_networks() {
  above_.assign(pes_.size(), nullptr);
  top_chain_.assign(pes_.size(), -1);
  fed_chain_.assign(pes_.size(), -1);
  for (size_t i = 0; i < plan_.chains.size(); ++i) {
    const Chain& chain = plan_.chains[i];
    for (size_t level = 0; level + 1 < chain.pes.size(); ++level) {
      above_[size_t(chain.pes[level])] = &pes_[size_t(chain.pes[level + 1])];
    }
    tops_.push_back(&pes_[size_t(chain.pes.back())]);
    bottoms_.push_back(&pes_[size_t(chain.pes.front())]);
    top_chain_[size_t(chain.pes.back())] = int(i);
    if (chain.psums_from_glb) fed_chain_[size_t(chain.pes.front())] = int(i);
  }
  refresh_ready_sets();
}

void PassSimulator::refresh_ready_sets() {
  linked_outputs_.reset_all(pes_.size());
  for (size_t pe = 0; pe < pes_.size(); ++pe) {
    linked_outputs_.assign(pe, above_[pe] && pes_[pe].has_output());
  }
  top_outputs_.reset_all(plan_.chains.size());
  feedable_.reset_all(plan_.chains.size());
  for (size_t i = 0; i < plan_.chains.size(); ++i) {
    top_outputs_.assign(i, tops_[i]->has_output());
    update_feedable(i);
  }
}

// Keeps the ready sets exact after a PE's step (the only other changes to a PE's
// FIFOs are the networks' own pushes and pops, which update the sets themselves).
void PassSimulator::note_events(size_t pe, unsigned events) {
  if (events & PeCore::kOutputReady) {
    if (above_[pe]) linked_outputs_.set(pe);
    if (top_chain_[pe] >= 0) top_outputs_.set(size_t(top_chain_[pe]));
  }
  if ((events & PeCore::kPsumTaken) && fed_chain_[pe] >= 0) update_feedable(size_t(fed_chain_[pe]));
}

void PassSimulator::update_feedable(size_t chain) {
  feedable_.assign(chain, plan_.chains[chain].psums_from_glb &&
                              psums_fed_[chain] < chain_outputs_[chain] &&
                              bottoms_[chain]->psum_room());
}

bool PassSimulator::step() {
  if (finished_) return false;
  if (anchor_) consider_skipping();
  glb_.start_cycle();
  for (size_t i = 0; i < pes_.size(); ++i) {
    const unsigned events = pes_[i].step(cycle_);
    if (events) note_events(i, events);
  }
  move_local_psums();
  drain_outputs();
  feed_psums();
  int ifmap_words = 0;
  feed_row_streams(ifmap_words);
  feed_word_streams(plan_.ifmap_streams, ifmap_words_total_, ifmap_words_sent_, ifmap_turn_,
                    ifmap_words, arch_.noc.ifmap.bus_width_words, false);
  int filter_words = 0;
  feed_filters(filter_words);
  feed_word_streams(plan_.weight_streams, weight_words_total_, weight_words_sent_,
                    weight_turn_, filter_words, arch_.noc.filter.bus_width_words, true);
  ++cycle_;
  if (outputs_left_ == 0) {
    bool all_done = true;
    for (const auto& pe : pes_) all_done = all_done && pe.done();
    finished_ = all_done;
  }
  return !finished_;
}

// Each link is the only way into its upper PE's psum FIFO, so links go in any order.
void PassSimulator::move_local_psums() {
  const int width = arch_.noc.local_psum_link_words;
  long long moved_words = 0;
  const size_t count_pes = pes_.size();
  for (size_t pe = linked_outputs_.next(0, count_pes); pe < count_pes;
       pe = linked_outputs_.next(pe + 1, count_pes)) {
    PeCore& below = pes_[pe];
    PeCore& above = *above_[pe];
    for (int moved = 0; moved < width && below.has_output() && above.psum_room(); ++moved) {
      above.push_psum(below.pop_output());
      ++moved_words;
    }
    if (!below.has_output()) linked_outputs_.reset(pe);
  }
  count(Level::array, DataType::psum, Action::write, moved_words);
}

// Round robin over the chains whose top has an output, until the bus is full or
// a sweep moves nothing. A chain whose bank was busy this cycle is counted once
// and not retried: within a cycle ports only fill up.
void PassSimulator::drain_outputs() {
  const DataType type = plan_.final_psums ? DataType::ofmap : DataType::psum;
  const int width = arch_.noc.output_bus_width_words;
  const size_t chains = plan_.chains.size();
  int words = 0;
  bool progress = true;
  while (words < width && progress) {
    progress = false;
    top_outputs_.visit_from(drain_turn_, [&](size_t index) {
      if (drain_blocked_[index] == cycle_) return true;
      if (!claim_psum_port(index, psums_out_[index], true)) {
        drain_blocked_[index] = cycle_;
        return true;
      }
      PeCore& top = *tops_[index];
      const int16_t value = top.pop_output();
      if (!top.has_output()) top_outputs_.reset(index);
      if (options_.move_values) glb_.psum(drain_cursors_[index].address()) = value;
      ++psums_out_[index];
      drain_cursors_[index].next();
      --outputs_left_;
      ++words;
      progress = true;
      count(Level::array, type, Action::write);
      count(Level::glb, type, Action::write);
      drain_turn_ = index + 1 == chains ? 0 : index + 1;
      return words < width;
    });
  }
}

// Round robin over the chains that can take a psum from the GLB (feedable_).
void PassSimulator::feed_psums() {
  const int width = arch_.noc.psum.bus_width_words;
  const size_t chains = plan_.chains.size();
  int words = 0;
  bool progress = true;
  while (words < width && progress) {
    progress = false;
    feedable_.visit_from(feed_turn_, [&](size_t index) {
      if (feed_blocked_[index] == cycle_) return true;
      if (!claim_psum_port(index, psums_fed_[index], false)) {
        feed_blocked_[index] = cycle_;
        return true;
      }
      bottoms_[index]->push_psum(options_.move_values ? glb_.psum(feed_cursors_[index].address())
                                                      : 0);
      ++psums_fed_[index];
      update_feedable(index);
      feed_cursors_[index].next();
      ++words;
      progress = true;
      count(Level::glb, DataType::psum, Action::read);
      count(Level::array, DataType::psum, Action::write);
      feed_turn_ = index + 1 == chains ? 0 : index + 1;
      return words < width;
    });
  }
}

bool PassSimulator::claim_psum_port(size_t chain, long long index, bool write) {
  const AffineCursor& cursor = write ? drain_cursors_[chain] : feed_cursors_[chain];
  const bool granted = glb_.claim_psum_port(cursor.address(), write);
  if (!granted) ++result_.glb_port_conflicts;
  if (steady_) steady_->record_claim({cycle_, int(chain), write, index, granted});
  return granted;
}

// Window-mode ifmap rows: segment, then column, then row stream, then channel.
// Without multicast a word takes one bus slot (and one GLB read) per destination.
void PassSimulator::feed_row_streams(int& words) {
  const bool multicast = arch_.noc.ifmap.multicast;
  for (; words < arch_.noc.ifmap.bus_width_words && !rows_done_; ++words) {
    const RowStream& stream = plan_.row_streams[size_t(row_stream_)];
    const auto first = stream.destinations.begin() + (multicast ? 0 : row_destination_);
    const auto last = multicast ? stream.destinations.end() : first + 1;
    for (auto pe = first; pe != last; ++pe) {
      if (!pes_[size_t(*pe)].ifmap_room()) return;  // in order: the bus waits
    }
    const RowSegment& segment = stream.segments[size_t(row_segment_)];
    const int16_t value =
        options_.move_values
            ? glb_.ifmap(segment.image, stream.channel0 + row_channel_, segment.row,
                         plan_.columns[size_t(row_column_)] + stream.col_offset)
            : 0;
    for (auto pe = first; pe != last; ++pe) pes_[size_t(*pe)].push_ifmap(value);
    count(Level::glb, DataType::ifmap, Action::read);
    count(Level::array, DataType::ifmap, Action::write, last - first);
    if (!multicast && ++row_destination_ < int(stream.destinations.size())) continue;
    row_destination_ = 0;
    if (++row_channel_ < stream.channels) continue;
    row_channel_ = 0;
    if (++row_stream_ < int(plan_.row_streams.size())) continue;
    row_stream_ = 0;
    if (++row_column_ < int(plan_.columns.size())) continue;
    row_column_ = 0;
    rows_done_ = ++row_segment_ == plan_.segments;
  }
}

// Stream-mode operands: each stream in order, the streams round robin; a stream
// whose destinations cannot all take its next word waits while others go.
void PassSimulator::feed_word_streams(const std::vector<WordStream>& streams,
                                      const std::vector<long long>& total,
                                      std::vector<long long>& sent, size_t& turn, int& words,
                                      int width, bool weights) {
  const bool multicast = weights ? arch_.noc.filter.multicast : arch_.noc.ifmap.multicast;
  const size_t count_streams = streams.size();
  bool progress = true;
  while (words < width && progress) {
    progress = false;
    const size_t first = turn;
    for (size_t visited = 0; visited < count_streams && words < width; ++visited) {
      const size_t index = (first + visited) % count_streams;
      const WordStream& stream = streams[index];
      if (sent[index] == total[index]) continue;
      const long long fanout = multicast ? 1 : (long long)stream.destinations.size();
      const auto first_pe = stream.destinations.begin() + (multicast ? 0 : sent[index] % fanout);
      const auto last_pe = multicast ? stream.destinations.end() : first_pe + 1;
      bool room = true;
      for (auto pe = first_pe; pe != last_pe && room; ++pe) {
        room = weights ? pes_[size_t(*pe)].weight_room() : pes_[size_t(*pe)].ifmap_room();
      }
      if (!room) continue;
      int16_t value = 0;
      if (options_.move_values) {
        const long long address = stream.addresses.at(sent[index] / fanout);
        value = weights ? filter_words_[size_t(address)] : glb_.ifmap_at(address);
      }
      for (auto pe = first_pe; pe != last_pe; ++pe) {
        if (weights) {
          pes_[size_t(*pe)].push_streamed_weight(value);
        } else {
          pes_[size_t(*pe)].push_ifmap(value);
        }
      }
      ++sent[index];
      ++words;
      progress = true;
      turn = (index + 1) % count_streams;
      count_stream_word(weights, last_pe - first_pe, sent[index], fanout);
    }
  }
}

// One word of a stream-mode network read (from the GLB or the staged filters) and
// delivered to `deliveries` PEs; `sent`: the bus slots its stream has taken, `fanout` per
// word. The weight streams' last word releases the staged filters.
void PassSimulator::count_stream_word(bool weights, long long deliveries, long long sent,
                                      long long fanout) {
  if (weights) {
    count(staging_, DataType::filter, Action::read);
    count(Level::array, DataType::filter, Action::write, deliveries);
    if (sent % fanout == 0 && --weight_streams_left_ == 0) {
      result_.filter_release_cycles = cycle_ + 1;
    }
  } else {
    count(Level::glb, DataType::ifmap, Action::read);
    count(Level::array, DataType::ifmap, Action::write, deliveries);
  }
}

// Stationary weights: the staged filters in order into the scratchpads of their
// destinations (streams without destinations are staged for word streams only).
void PassSimulator::feed_filters(int& words) {
  const bool multicast = arch_.noc.filter.multicast;
  while (words < arch_.noc.filter.bus_width_words && stationary_left_ > 0) {
    const FilterStream& stream = plan_.filter_streams[size_t(filter_stream_)];
    if (stream.destinations.empty()) {
      filter_word_ += size_t(stream.words());
      ++filter_stream_;
      continue;
    }
    const int16_t value = filter_words_[filter_word_];
    const auto first = stream.destinations.begin() + (multicast ? 0 : filter_destination_);
    const auto last = multicast ? stream.destinations.end() : first + 1;
    for (auto pe = first; pe != last; ++pe) pes_[size_t(*pe)].push_weight(value);
    count(staging_, DataType::filter, Action::read);
    count(Level::array, DataType::filter, Action::write, last - first);
    ++words;
    if (!multicast && ++filter_destination_ < int(stream.destinations.size())) continue;
    filter_destination_ = 0;
    ++filter_word_;
    --stationary_left_;
    if (++filter_offset_ == stream.words()) {
      filter_offset_ = 0;
      ++filter_stream_;
    }
    if (stationary_left_ == 0) result_.filter_load_cycles = cycle_ + 1;
  }
}

PassResult PassSimulator::result() const {
  PassResult result = result_;
  result.cycles = cycle_;
  result.stepped = true;
  result.skipped_cycles = skipped_cycles_;
  if (plan_.weight_streams.empty()) result.filter_release_cycles = result.filter_load_cycles;
  for (size_t i = 0; i < pes_.size(); ++i) {
    const PeCore& pe = pes_[i];
    const PeCounters& c = pe.counters();
    result.gating.macs += c.gated_macs;
    if (plan_.pes[i].mode == PeMode::window) result.gating.weight_reads += c.gated_macs;
    if (plan_.register_file) result.gating.psum_accesses += c.gated_macs;
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
