// Can exact mode find a pass's timing by what its planner was given instead of by
// its plan (PassPlanner::timing_inputs, sim/engine/exact/pass_inputs_index.h)?
// Only if passes with equal inputs have equal plan keys: checked here on random
// layer shapes, on two specs, for a sample of every dataflow's mappings. And does
// a plan filled in place over another (PassPlanner::plan_into) equal a fresh one?

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "arch/arch_parser.h"
#include "dataflows/dataflow.h"
#include "sim/engine/exact/pass_inputs_index.h"
#include "sim/engine/exact/pass_memo.h"

namespace accelsim {
namespace {

// Every field of a plan, as text.
std::string describe(const PassPlan& plan) {
  std::ostringstream out;
  const auto list = [&](const std::vector<int>& values) {
    out << '[';
    for (int v : values) out << v << ' ';
    out << ']';
  };
  const auto affine = [&](const AffineStream& stream) {
    out << stream.base << '{';
    for (const auto& loop : stream.loops) out << loop.count << 'x' << loop.stride << ' ';
    out << '}';
  };
  out << plan.segments << ' ' << plan.out_cols << ' ' << plan.taps << ' ' << plan.final_psums
      << ' ' << plan.register_file << " columns";
  list(plan.columns);
  for (const auto& taps : plan.window) list(taps);
  for (const auto& pe : plan.pes) {
    out << "\npe " << pe.row << ' ' << pe.col << ' ' << pe.chain << ' ' << pe.level << ' '
        << int(pe.mode) << ' ' << pe.filters << ' ' << pe.channels << ' ' << pe.row_stream << ' '
        << pe.filter_stream << ' ' << pe.tasks << ' ' << pe.macs_per_task << ' '
        << pe.ifmap_stream << ' ' << pe.weight_stream;
  }
  for (const auto& row : plan.row_streams) {
    out << "\nrow " << row.channel0 << ' ' << row.channels << ' ' << row.col_offset;
    for (const auto& segment : row.segments) out << ' ' << segment.image << ':' << segment.row;
    list(row.destinations);
  }
  for (const auto& f : plan.filter_streams) {
    out << "\nfilters " << f.filter0 << ' ' << f.filters << ' ' << f.channel0 << ' ' << f.channels
        << ' ' << f.row0 << ' ' << f.rows << ' ' << f.tap0 << ' ' << f.taps;
    list(f.destinations);
  }
  for (const auto* streams : {&plan.ifmap_streams, &plan.weight_streams}) {
    for (const auto& stream : *streams) {
      out << "\nwords ";
      affine(stream.addresses);
      list(stream.destinations);
    }
  }
  for (const auto& chain : plan.chains) {
    out << "\nchain " << chain.psums_from_glb << ' ';
    affine(chain.outputs);
    list(chain.pes);
  }
  return out.str();
}

// A small conv or FC layer, reproducible from `random`.
LayerShape random_shape(std::mt19937& random) {
  const auto pick = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  LayerShape s;
  s.batch = pick(1, 3);
  s.C = pick(1, 24);
  s.M = pick(1, 24);
  const bool fc = pick(0, 3) == 0;
  s.R = fc ? 1 : pick(1, 3);
  s.S = fc ? 1 : pick(1, 3);
  s.stride_h = s.stride_w = fc ? 1 : pick(1, 2);
  s.E = fc ? 1 : pick(1, 9);
  s.F = fc ? 1 : pick(1, 9);
  s.H = (s.E - 1) * s.stride_h + s.R;
  s.W = (s.F - 1) * s.stride_w + s.S;
  return s;
}

struct Tally {
  long long passes = 0, found_by_inputs = 0;
};

// Walks a schedule's passes as exact mode does (pass_memo.h, pass_inputs_index.h),
// checking each pass found by its inputs against its plan's key.
void walk(const ArchSpec& arch, const Schedule& schedule, const std::string& what, Tally& tally) {
  GlbCore glb(arch);
  glb.configure_banks(schedule.glb_ifmap_banks, schedule.glb_psum_banks);
  PassMemo memo;
  PassInputsIndex inputs;
  inputs.start(schedule.planner);
  PassPlan reused;
  std::string key;
  for (const Tile& tile : schedule.tiles) {
    for (const ChannelBlock& block : tile.blocks) {
      for (const PassSlice& pass : block.passes) {
        const PassPlan fresh = schedule.planner->plan(tile, block, pass);
        schedule.planner->plan_into(tile, block, pass, reused);
        ASSERT_EQ(describe(reused), describe(fresh)) << what;
        pass_shape_key(fresh, glb, key);
        ++tally.passes;
        if (!inputs.make_key(tile, block, pass, glb)) continue;
        if (const PassMemo::Entry* known = inputs.find()) {
          ASSERT_EQ(known->first, key) << what << ": equal inputs, other plans";
          ++tally.found_by_inputs;
          continue;
        }
        const PassMemo::Entry* entry = memo.find_entry(key);
        inputs.link(entry ? *entry : memo.store(key, PassResult{}));
      }
    }
  }
}

TEST(PassInputs, EqualInputsGiveEqualPlanKeysOnRandomShapes) {
  std::mt19937 random(2026);
  for (const char* spec : {"arch/tiny.yaml", "arch/eyeriss.yaml"}) {
    const ArchSpec arch = parse_arch_file(spec);
    for (const std::string& name : dataflow_names()) {
      const Dataflow& flow = find_dataflow(name);
      Tally tally;
      for (int layer = 0; layer < 6; ++layer) {
        const LayerShape shape = random_shape(random);
        std::vector<Mapping> mappings;
        flow.enumerate(shape, arch, [&](const Mapping& m) { mappings.push_back(m); });
        const size_t step = std::max<size_t>(1, mappings.size() / 5);  // about 5 of them
        for (size_t i = 0; i < mappings.size(); i += step) {
          walk(arch, flow.lower(mappings[i], shape, arch), name + " on " + spec, tally);
        }
      }
      EXPECT_GT(tally.passes, 0) << name << " on " << spec;
      // The streamed and weight-stationary dataflows' passes repeat their inputs.
      if (name != "rs") {
        EXPECT_GT(tally.found_by_inputs, 0) << name << " on " << spec;
      }
    }
  }
}

}  // namespace
}  // namespace accelsim
