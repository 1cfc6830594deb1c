#include "sim/engine/control/filter_prefetcher.h"

#include <algorithm>
#include <stdexcept>

namespace accelsim {

FilterPrefetcher::FilterPrefetcher(const Schedule& schedule, long long capacity_words)
    : planner_(*schedule.planner), capacity_(capacity_words), free_words_(capacity_words) {
  for (const auto& tile : schedule.tiles) {
    for (const auto& block : tile.blocks) {
      for (const auto& pass : block.passes) steps_.push_back({&tile, &block, &pass});
    }
  }
}

// The next pass of the schedule, planned; only its filter streams (or, reusing,
// nothing) kept when the staged passes' plans hold kPlanPesKept PEs already.
std::shared_ptr<StagedPass> FilterPrefetcher::plan_next() {
  const Step& step = steps_[planned_++];
  auto pass = std::make_shared<StagedPass>();
  pass->tile = step.tile;
  pass->block = step.block;
  pass->slice = step.slice;
  pass->plan = fresh_plan();
  planner_.plan_into(*step.tile, *step.block, *step.slice, *pass->plan);
  if (step.slice->reuses_filters) {
    if (!last_staged_) throw std::logic_error("a layer's first pass reuses filters");
    pass->source = last_staged_->source ? last_staged_->source : last_staged_;
  }
  pass->words = pass->source ? 0 : pass->plan->filter_words();
  const long long pes = std::max<long long>(1, (long long)pass->plan->pes.size());
  if (kept_pes_ + pes <= kPlanPesKept) {
    pass->kept_pes = pes;
    kept_pes_ += pes;
  } else {
    auto filters_only = std::make_unique<PassPlan>();
    filters_only->filter_streams = std::move(pass->plan->filter_streams);
    spare_plans_.push_back(std::move(pass->plan));
    if (!pass->source) pass->plan = std::move(filters_only);
    pass->planned = false;
  }
  return pass;
}

StagedPass* FilterPrefetcher::stage_next_fetch() {
  while (true) {
    if (!next_) {
      if (planned_ == steps_.size()) return nullptr;
      next_ = plan_next();
    }
    if (!(staged_.empty() || next_->words <= free_words_)) return nullptr;
    if (capacity_ > 0) free_words_ -= next_->words;
    last_staged_ = next_;
    staged_.push_back(std::move(next_));
    if (!last_staged_->source) return last_staged_.get();
  }
}

std::shared_ptr<StagedPass> FilterPrefetcher::take() {
  if (staged_.empty()) throw std::logic_error("the filter prefetcher has no staged pass to run");
  std::shared_ptr<StagedPass> pass = std::move(staged_.front());
  staged_.pop_front();
  kept_pes_ -= pass->kept_pes;
  pass->kept_pes = 0;
  if (!pass->planned) {
    if (!pass->plan) pass->plan = fresh_plan();
    planner_.plan_into(*pass->tile, *pass->block, *pass->slice, *pass->plan);
    pass->planned = true;
  }
  return pass;
}

void FilterPrefetcher::recycle(StagedPass& pass) {
  if (pass.plan) spare_plans_.push_back(std::move(pass.plan));
}

std::unique_ptr<PassPlan> FilterPrefetcher::fresh_plan() {
  if (spare_plans_.empty()) return std::make_unique<PassPlan>();
  std::unique_ptr<PassPlan> plan = std::move(spare_plans_.back());
  spare_plans_.pop_back();
  return plan;
}

long long FilterPrefetcher::release(const StagedPass& pass) {
  const StagedPass* fetched_by = pass.source ? pass.source.get() : &pass;
  if (!staged_.empty() && staged_.front()->source.get() == fetched_by) {
    staged_.front()->words = pass.words;
    return 0;
  }
  if (capacity_ == 0) return 0;
  free_words_ += pass.words;
  return pass.words;
}

}  // namespace accelsim
