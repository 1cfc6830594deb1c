// run_children (sim/api/parallel.h): `-j N` and spec folders run their parts in
// forked children, at most N at once, forked and waited for by one thread.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "sim/api/parallel.h"
#include "sim/common/input_error.h"

namespace accelsim {
namespace {

// Counts shared by the parent and its children (fork copies ordinary memory).
struct Concurrency {
  std::atomic<int> running{0}, most{0};
};

Concurrency* shared_concurrency() {
  void* memory = mmap(nullptr, sizeof(Concurrency), PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  return new (memory) Concurrency();
}

std::vector<std::function<std::string()>> sleeping_bodies(int count, Concurrency* counts) {
  std::vector<std::function<std::string()>> bodies;
  for (int i = 0; i < count; ++i) {
    bodies.push_back([i, count, counts] {
      const int now = ++counts->running;
      int most = counts->most;
      while (now > most && !counts->most.compare_exchange_weak(most, now)) {
      }
      // The first bodies take longest, so later ones finish first.
      std::this_thread::sleep_for(std::chrono::milliseconds(40 * (count - i)));
      --counts->running;
      return "body " + std::to_string(i);
    });
  }
  return bodies;
}

TEST(RunChildren, ReturnsTextsInOrderAndRunsAtMostJobsAtOnce) {
  Concurrency* counts = shared_concurrency();
  const auto texts = run_children(sleeping_bodies(7, counts), 3);
  ASSERT_EQ(texts.size(), 7u);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(texts[size_t(i)], "body " + std::to_string(i));
  EXPECT_LE(counts->most.load(), 3);
  EXPECT_GE(counts->most.load(), 2);  // they did run side by side
  EXPECT_EQ(counts->running.load(), 0);
  munmap(counts, sizeof(Concurrency));
}

TEST(RunChildren, OneJobRunsOneAtATime) {
  Concurrency* counts = shared_concurrency();
  EXPECT_EQ(run_children(sleeping_bodies(3, counts), 1).size(), 3u);
  EXPECT_EQ(counts->most.load(), 1);
  munmap(counts, sizeof(Concurrency));
}

TEST(RunChildren, AnInputErrorInAChildIsRethrownAsOne) {
  std::vector<std::function<std::string()>> bodies = {
      [] { return std::string("fine"); },
      []() -> std::string { throw InputError("spec.yaml:3: pe_array.rows: found 0"); }};
  try {
    run_children(bodies, 2);
    FAIL() << "no exception";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "spec.yaml:3: pe_array.rows: found 0");
  }
}

TEST(RunChildren, AChildKilledBySignalIsAnError) {
  std::vector<std::function<std::string()>> bodies = {
      []() -> std::string {
        raise(SIGKILL);
        return "unreachable";
      },
      [] { return std::string("fine"); }};
  try {
    run_children(bodies, 2);
    FAIL() << "no exception";
  } catch (const InputError&) {
    FAIL() << "a crash is not an input error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("signal 9"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace accelsim
