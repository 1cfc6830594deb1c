// The JSON in which a child process hands its results to its parent: every field by
// name, and back to the same result.

#include <gtest/gtest.h>

#include "sim/api/result_json.h"

namespace accelsim {
namespace {

// A layer result whose every number differs, so a field read from the wrong name
// (or a swap) shows.
LayerResult sample_layer() {
  LayerResult l;
  l.layer = "conv2";
  l.dataflow = "os-b";
  l.arch = "tiny";
  l.array_pes = 12;
  l.clock_mhz = 200.5;
  l.batch = 3;
  l.macs = 1001;
  l.mapped = true;
  l.mapping = {"os-b", {{"m", 4}, {"n", 1}, {"e", 2}, {"c", 3}, {"t", 2}, {"x", 6}}};
  l.mapping_given = true;
  l.mapper_candidates = 77;
  l.mapper_seconds = 0.25;
  l.model.counts.at(Level::glb, DataType::ifmap, Action::read) = 5;
  l.model.estimated_cycles = 1234;
  l.model.energy = 98.5;
  LayerRun& r = l.run;
  r.cycles = 2001, r.processing_cycles = 2002, r.dram_wait_cycles = 2003;
  r.ramp_up_cycles = 2004, r.glb_port_conflicts = 2005, r.passes = 2006;
  r.stepped_passes = 2007, r.skipped_cycles = 2008;
  r.counts.at(Level::dram, DataType::psum, Action::write) = 9;
  r.counts.macs_issued = 990, r.counts.macs_gated = 11;
  r.stalls = {31, 32, 33, 34, 35};
  l.active_pes = 10;
  l.output_verified = true;
  for (size_t level = 0; level < l.energy.per_level.size(); ++level) {
    l.energy.per_level[level] = 1.5 * double(level + 1);
  }
  return l;
}

TEST(ResultJson, NamesEveryFieldOfARun) {
  const nlohmann::json json = result_json(SimulationResult{{sample_layer()}, 4.5});
  const nlohmann::json& layer = json.at("layers").at(0);
  EXPECT_EQ(layer.at("run").at("cycles"), 2001);
  EXPECT_EQ(layer.at("run").at("glb_port_conflicts"), 2005);
  EXPECT_EQ(layer.at("run").at("skipped_cycles"), 2008);
  EXPECT_EQ(layer.at("run").at("stall_pe_cycles").at("output"), 34);
  EXPECT_EQ(layer.at("run").at("counts").at("dram").at("psum").at("write"), 9);
  EXPECT_EQ(layer.at("model").at("estimated_cycles"), 1234);
  EXPECT_EQ(layer.at("mapping").at("params").at(5), nlohmann::json::array({"x", 6}));
  EXPECT_EQ(layer.at("energy").at("glb"), 1.5 * (int(Level::glb) + 1));
}

TEST(ResultJson, ReadsBackTheSameResult) {
  const LayerResult in = sample_layer();
  const SimulationResult back =
      result_from_json(nlohmann::json::parse(result_json({{in}, 4.5}).dump()));
  ASSERT_EQ(back.layers.size(), 1u);
  EXPECT_EQ(back.engine_seconds, 4.5);
  const LayerResult& out = back.layers[0];
  EXPECT_EQ(result_json({{out}, 4.5}), result_json({{in}, 4.5}));
  EXPECT_EQ(out.mapping.describe(), in.mapping.describe());  // parameters in order
  EXPECT_TRUE(out.run.counts == in.run.counts);
  EXPECT_TRUE(out.model.counts == in.model.counts);
  EXPECT_EQ(out.run.stalls.idle, 35);
  EXPECT_EQ(out.run.stepped_passes, 2007);
  EXPECT_EQ(out.energy.per_level, in.energy.per_level);
  EXPECT_EQ(out.clock_mhz, 200.5);
}

}  // namespace
}  // namespace accelsim
