// The controller's core without the kernel: the order of a layer's steps, and the
// filter prefetch's staging and filter buffer room (sim/engine/control/).

#include <gtest/gtest.h>

#include <string>

#include "sim/engine/control/controller_core.h"

namespace accelsim {
namespace {

// Plans a pass as one filter stream of `filters` words (one word per filter), with
// out_cols = 1 to tell a full plan from a filters-only one; counts its calls.
class WordsPlanner : public PassPlanner {
 public:
  PassPlan plan(const Tile&, const ChannelBlock&, const PassSlice& pass) const override {
    ++calls;
    PassPlan plan;
    plan.out_cols = 1;
    plan.pes.resize(size_t(pes));
    FilterStream stream;
    stream.filters = pass.filters;
    stream.channels = 1;
    stream.taps = 1;
    plan.filter_streams.push_back(stream);
    return plan;
  }
  mutable int calls = 0;
  int pes = 0;  // per plan
};

// One tile per entry of `blocks`; each block a list of passes, each pass its
// filter words, or -1 for a pass that reuses the weights of the pass before it.
Schedule schedule_of(const std::vector<std::vector<std::vector<int>>>& blocks,
                     std::shared_ptr<WordsPlanner> planner) {
  Schedule schedule;
  for (const auto& tile_blocks : blocks) {
    Tile tile;
    for (const auto& passes : tile_blocks) {
      ChannelBlock block;
      for (int words : passes) {
        PassSlice slice;
        slice.reuses_filters = words < 0;
        slice.filters = words < 0 ? 0 : words;
        block.passes.push_back(slice);
      }
      tile.blocks.push_back(block);
    }
    schedule.tiles.push_back(tile);
  }
  schedule.planner = planner;
  return schedule;
}

// Pass p of the layer (counted over every tile and block) as "p<index>".
std::string pass_name(const Schedule& schedule, const StagedPass* pass) {
  int index = 0;
  for (const auto& tile : schedule.tiles) {
    for (const auto& block : tile.blocks) {
      for (const auto& slice : block.passes) {
        if (&slice == pass->slice) return "p" + std::to_string(index);
        ++index;
      }
    }
  }
  return "p?";
}

using Kind = ControllerStep::Kind;

// One step as text; a run_pass step releases the pass's filters at once and says
// how many words that freed.
std::string step_text(ControllerCore& core, const Schedule& schedule,
                      const ControllerStep& step) {
  const auto tile = [&] { return std::to_string(step.tile - &schedule.tiles[0]); };
  switch (step.kind) {
    case Kind::start_tile: return "tile " + tile();
    case Kind::load_ifmaps:
      return "ifmaps " + tile() + "." + std::to_string(step.block - &step.tile->blocks[0]);
    case Kind::fetch_filters: return "fetch " + pass_name(schedule, step.pass);
    case Kind::run_pass: {
      const std::string name = pass_name(schedule, step.pass);
      return "run " + name + " (frees " + std::to_string(core.filters_released()) + ")";
    }
    case Kind::finish_pass: return "end " + pass_name(schedule, step.pass);
    case Kind::store_ofmaps: return "ofmaps " + tile();
    case Kind::done: break;
  }
  return "done";
}

// Every step of the layer, in order, as one line of text.
std::string trace(ControllerCore& core, const Schedule& schedule) {
  std::string text;
  for (ControllerStep step = core.next(); step.kind != Kind::done; step = core.next()) {
    text += (text.empty() ? "" : ", ") + step_text(core, schedule, step);
  }
  return text;
}

TEST(ControllerCore, RunsTilesBlocksAndPassesInOrderWithFetchesAsEarlyAsTheyFit) {
  auto planner = std::make_shared<WordsPlanner>();
  const Schedule schedule = schedule_of({{{4, 4}, {4}}, {{4}}}, planner);
  ControllerCore core(schedule, 100);
  EXPECT_EQ(trace(core, schedule),
            "fetch p0, fetch p1, fetch p2, fetch p3, tile 0, ifmaps 0.0, "
            "run p0 (frees 4), end p0, run p1 (frees 4), end p1, ifmaps 0.1, "
            "run p2 (frees 4), end p2, ofmaps 0, tile 1, ifmaps 1.0, "
            "run p3 (frees 4), end p3, ofmaps 1");
  EXPECT_EQ(core.prefetcher().free_words(), 100);
  EXPECT_EQ(core.next().kind, Kind::done);
}

TEST(ControllerCore, PrefetchStopsWhenTheBufferIsFullAndResumesWhenFiltersAreReleased) {
  auto planner = std::make_shared<WordsPlanner>();
  const Schedule schedule = schedule_of({{{6, 4, 5, 3, 2}}}, planner);
  ControllerCore core(schedule, 10);
  EXPECT_EQ(trace(core, schedule),
            "fetch p0, fetch p1, tile 0, ifmaps 0.0, "
            "run p0 (frees 6), fetch p2, end p0, "
            "run p1 (frees 4), fetch p3, fetch p4, end p1, "
            "run p2 (frees 5), end p2, run p3 (frees 3), end p3, run p4 (frees 2), end p4, "
            "ofmaps 0");
}

TEST(ControllerCore, FreeWordsFollowEachStage) {
  auto planner = std::make_shared<WordsPlanner>();
  const Schedule schedule = schedule_of({{{6, 4, 5}}}, planner);
  FilterPrefetcher prefetcher(schedule, 10);
  ASSERT_NE(prefetcher.stage_next_fetch(), nullptr);
  EXPECT_EQ(prefetcher.free_words(), 4);
  ASSERT_NE(prefetcher.stage_next_fetch(), nullptr);
  EXPECT_EQ(prefetcher.free_words(), 0);
  EXPECT_EQ(prefetcher.stage_next_fetch(), nullptr);  // 5 words do not fit
  EXPECT_EQ(prefetcher.staged().size(), 2u);
  const auto first = prefetcher.take();
  EXPECT_EQ(prefetcher.stage_next_fetch(), nullptr);  // taken, not yet released
  EXPECT_EQ(prefetcher.release(*first), 6);
  EXPECT_EQ(prefetcher.free_words(), 6);
  ASSERT_NE(prefetcher.stage_next_fetch(), nullptr);
  EXPECT_EQ(prefetcher.free_words(), 1);
}

TEST(ControllerCore, PassesThatReuseFiltersFetchNothingAndKeepTheStagedWordsAlive) {
  auto planner = std::make_shared<WordsPlanner>();
  // p0 fetches 8 words, p1 and p2 read them, p3 needs 5 of a 10-word buffer.
  const Schedule schedule = schedule_of({{{8, -1, -1, 5}}}, planner);
  ControllerCore core(schedule, 10);
  EXPECT_EQ(trace(core, schedule),
            "fetch p0, tile 0, ifmaps 0.0, "
            "run p0 (frees 0), end p0, run p1 (frees 0), end p1, "
            "run p2 (frees 8), fetch p3, end p2, run p3 (frees 5), end p3, ofmaps 0");
}

TEST(ControllerCore, ReusingPassesReadTheWordsTheirSourceFetched) {
  auto planner = std::make_shared<WordsPlanner>();
  const Schedule schedule = schedule_of({{{8, -1, -1, 5}}}, planner);
  FilterPrefetcher prefetcher(schedule, 10);
  StagedPass* fetching = prefetcher.stage_next_fetch();
  ASSERT_NE(fetching, nullptr);
  EXPECT_EQ(prefetcher.stage_next_fetch(), nullptr);
  ASSERT_EQ(prefetcher.staged().size(), 3u);  // p0, p1, p2: p3's 5 words do not fit in 2
  EXPECT_EQ(prefetcher.free_words(), 2);
  EXPECT_EQ(prefetcher.staged()[1]->words, 0);
  EXPECT_EQ(prefetcher.staged()[2]->source.get(), fetching);  // the fetching pass, not p1
  fetching->filters = {1, 2, 3};
  EXPECT_EQ(&prefetcher.staged()[2]->staged_filters(), &fetching->filters);
  const auto p0 = prefetcher.take();
  EXPECT_EQ(prefetcher.release(*p0), 0);
  EXPECT_EQ(prefetcher.staged()[0]->words, 8);  // p1 now holds p0's words
  EXPECT_EQ(prefetcher.free_words(), 2);
  const auto p1 = prefetcher.take();
  EXPECT_EQ(prefetcher.release(*p1), 0);
  const auto p2 = prefetcher.take();
  EXPECT_EQ(prefetcher.release(*p2), 8);
  EXPECT_EQ(prefetcher.free_words(), 10);
}

TEST(ControllerCore, WithoutAFilterBufferOneFetchingPassIsStagedAtATime) {
  auto planner = std::make_shared<WordsPlanner>();
  const Schedule schedule = schedule_of({{{6, -1, 4}, {3}}}, planner);
  ControllerCore core(schedule, 0);
  EXPECT_EQ(trace(core, schedule),
            "fetch p0, tile 0, ifmaps 0.0, "
            "run p0 (frees 0), end p0, run p1 (frees 0), fetch p2, end p1, "
            "run p2 (frees 0), fetch p3, end p2, ifmaps 0.1, run p3 (frees 0), end p3, "
            "ofmaps 0");
  EXPECT_EQ(core.prefetcher().free_words(), 0);
}

TEST(ControllerCore, OnlyTheFirstStagedPassesKeepTheirWholePlan) {
  auto planner = std::make_shared<WordsPlanner>();
  planner->pes = int(kPlanPesKept / 4);  // four plans fill the budget
  const size_t kept = 4;
  const Schedule schedule = schedule_of({{{1, 1, 1, 1, 1, -1, 1}}}, planner);
  FilterPrefetcher prefetcher(schedule, 100);
  while (prefetcher.stage_next_fetch() != nullptr) {
  }
  EXPECT_EQ(planner->calls, 7);
  const auto& staged = prefetcher.staged();
  ASSERT_EQ(staged.size(), 7u);
  for (size_t i = 0; i < staged.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(staged[i]->planned, i < kept);
    if (i == 5) {
      EXPECT_EQ(staged[i]->plan, nullptr);  // reuses p4's weights: nothing to fetch
      continue;
    }
    ASSERT_NE(staged[i]->plan, nullptr);
    EXPECT_EQ(staged[i]->plan->out_cols, i < kept ? 1 : 0);
    EXPECT_EQ(staged[i]->plan->filter_words(), 1);
  }
  for (int taken = 0; taken < 7; ++taken) {
    const auto pass = prefetcher.take();
    EXPECT_TRUE(pass->planned);
    EXPECT_EQ(pass->plan->out_cols, 1);
  }
  EXPECT_EQ(planner->calls, 10);  // passes 4, 5 and 6 planned again to run
}

TEST(ControllerCore, SmallPlansAreAllKeptAndPlannedOnce) {
  auto planner = std::make_shared<WordsPlanner>();
  planner->pes = 168;
  const Schedule schedule = schedule_of({{{1, 1, 1, 1, 1, -1, 1}}}, planner);
  FilterPrefetcher prefetcher(schedule, 100);
  while (prefetcher.stage_next_fetch() != nullptr) {
  }
  for (const auto& pass : prefetcher.staged()) EXPECT_TRUE(pass->planned);
  for (int taken = 0; taken < 7; ++taken) EXPECT_EQ(prefetcher.take()->plan->pes.size(), 168u);
  EXPECT_EQ(planner->calls, 7);
}

TEST(ControllerCore, AskingForTheNextStepBeforeTheFiltersAreReleasedIsAnError) {
  auto planner = std::make_shared<WordsPlanner>();
  const Schedule schedule = schedule_of({{{1}}}, planner);
  ControllerCore core(schedule, 10);
  EXPECT_EQ(core.next().kind, Kind::fetch_filters);
  EXPECT_THROW(core.filters_released(), std::logic_error);
  EXPECT_EQ(core.next().kind, Kind::start_tile);
  EXPECT_EQ(core.next().kind, Kind::load_ifmaps);
  EXPECT_EQ(core.next().kind, Kind::run_pass);
  EXPECT_THROW(core.next(), std::logic_error);
}

}  // namespace
}  // namespace accelsim
