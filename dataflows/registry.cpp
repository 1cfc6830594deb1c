// The one place dataflows are registered: adding one is a folder plus a line here
// (a new member of a family also goes into the family's line).

#include <memory>

#include "dataflows/dataflow.h"
#include "dataflows/no_local_reuse/no_local_reuse.h"
#include "dataflows/output_stationary/output_stationary.h"
#include "dataflows/row_stationary/row_stationary.h"
#include "dataflows/weight_stationary/weight_stationary.h"
#include "sim/common/input_error.h"
#include "sim/common/text.h"

namespace accelsim {
namespace {

struct Registered {
  std::unique_ptr<Dataflow> dataflow;
  std::string description;  // one line: what stays in a PE
};

// In the order of --help, of "all" and of the comparison table.
const std::vector<Registered>& registry() {
  static const auto dataflows = [] {
    std::vector<Registered> list;
    list.push_back({std::make_unique<RowStationary>(),
                    "a filter row and an ifmap row per PE, psums up a column (Eyeriss)"});
    list.push_back({std::make_unique<WeightStationary>(),
                    "one weight per PE, ifmaps broadcast, psums pass PE to PE (ISCA 2016's WS)"});
    list.push_back({std::make_unique<WeightStationary>(WsVariant::psum_buffer),
                    "variant of WS: p filters x q channels per PE, psums in a psum buffer"});
    list.push_back({std::make_unique<OutputStationary>(OsVariant::a),
                    "psums stay in the PE; one filter x many pixels (ShiDianNao)"});
    list.push_back({std::make_unique<OutputStationary>(OsVariant::b),
                    "psums stay in the PE; many filters x many pixels"});
    list.push_back({std::make_unique<OutputStationary>(OsVariant::c),
                    "psums stay in the PE; many filters x one pixel"});
    list.push_back({std::make_unique<NoLocalReuse>(),
                    "no register file: operands stream, psums add up across lanes (DianNao)"});
    return list;
  }();
  return dataflows;
}

// Words that stand for the best of several dataflows, chosen per layer by the
// mapper's objective.
struct Family {
  std::string name;
  std::string description;
  std::vector<std::string> members;
};
const std::vector<Family>& families() {
  static const std::vector<Family> list = {
      {"os", "the best output-stationary variant per layer", {"os-a", "os-b", "os-c"}},
  };
  return list;
}

const char* const kAll = "all";

std::string unknown_word(const std::string& word) {
  std::vector<std::string> names;
  for (const auto& each : dataflow_words()) names.push_back(each.name);
  return unknown_word_problem("value", word, names);
}

}  // namespace

std::vector<std::string> dataflow_names() {
  std::vector<std::string> names;
  for (const auto& entry : registry()) names.push_back(entry.dataflow->name());
  return names;
}

const Dataflow& find_dataflow(const std::string& name) {
  for (const auto& entry : registry()) {
    if (entry.dataflow->name() == name) return *entry.dataflow;
  }
  throw InputError({"--dataflow"}, "", unknown_word_problem("dataflow", name, dataflow_names()));
}

std::vector<DataflowWord> dataflow_words() {
  using Kind = DataflowWord::Kind;
  std::vector<DataflowWord> words;
  for (const auto& entry : registry()) {
    const Dataflow& dataflow = *entry.dataflow;
    words.push_back({dataflow.name(), Kind::dataflow,
                     dataflow.long_name() + ": " + entry.description, {dataflow.name()}});
  }
  for (const auto& family : families()) {
    words.push_back({family.name, Kind::family, family.description, family.members});
  }
  words.push_back({kAll, Kind::all, "every dataflow, each on its own", dataflow_names()});
  return words;
}

std::string dataflow_words_help() {
  std::vector<std::string> parts;
  for (const auto& word : dataflow_words()) {
    const bool plain = word.kind == DataflowWord::Kind::dataflow;
    parts.push_back(plain ? word.name : word.name + " (" + word.description + ")");
  }
  return join(parts, " | ");
}

std::vector<RequestedDataflow> request_dataflows(const std::vector<std::string>& words) {
  if (words.empty()) throw InputError({"--dataflow"}, "", unknown_word(""));
  std::vector<RequestedDataflow> requested;
  for (const auto& word : words) {
    bool known = false;
    for (const auto& entry : registry()) {
      const Dataflow* dataflow = entry.dataflow.get();
      if (word == kAll || word == dataflow->name()) {
        requested.push_back({dataflow->name(), {dataflow}, false});
        known = true;
      }
    }
    for (const auto& family : families()) {
      if (word != family.name) continue;
      RequestedDataflow entry{word, {}, true};
      for (const auto& member : family.members) entry.members.push_back(&find_dataflow(member));
      requested.push_back(entry);
      known = true;
    }
    if (!known) throw InputError({"--dataflow"}, "", unknown_word(word));
  }
  return requested;
}

}  // namespace accelsim
