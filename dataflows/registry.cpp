// The one place dataflows are registered: adding one is a folder plus a line here.

#include <algorithm>
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

const std::vector<std::unique_ptr<Dataflow>>& registry() {
  static const auto dataflows = [] {
    std::vector<std::unique_ptr<Dataflow>> list;
    list.push_back(std::make_unique<RowStationary>());
    list.push_back(std::make_unique<WeightStationary>());
    list.push_back(std::make_unique<WeightStationary>(WsVariant::psum_buffer));
    list.push_back(std::make_unique<OutputStationary>(OsVariant::a));
    list.push_back(std::make_unique<OutputStationary>(OsVariant::b));
    list.push_back(std::make_unique<OutputStationary>(OsVariant::c));
    list.push_back(std::make_unique<NoLocalReuse>());
    return list;
  }();
  return dataflows;
}

}  // namespace

std::vector<std::string> dataflow_names() {
  std::vector<std::string> names;
  for (const auto& dataflow : registry()) names.push_back(dataflow->name());
  return names;
}

const Dataflow& find_dataflow(const std::string& name) {
  for (const auto& dataflow : registry()) {
    if (dataflow->name() == name) return *dataflow;
  }
  throw InputError({"--dataflow"}, "", unknown_word_problem("dataflow", name, dataflow_names()));
}

}  // namespace accelsim
