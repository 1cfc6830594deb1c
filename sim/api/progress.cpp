#include "sim/api/progress.h"

#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>

#include "sim/api/child_process.h"

namespace accelsim {
namespace {

struct SharedCounts {
  std::atomic<long long> runs{0}, macs{0};
};
static_assert(std::atomic<long long>::is_always_lock_free, "counts shared across processes");

SharedCounts* shared_counts = nullptr;  // while a reporter lives

std::string duration(double seconds) {
  const long long s = (long long)std::llround(seconds);
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
  return std::to_string(s / 3600) + " h " + std::to_string(s / 60 % 60) + " min";
}

}  // namespace

void count_layer_run_done(long long macs) {
  if (!shared_counts) return;
  shared_counts->runs += 1;
  shared_counts->macs += macs;
}

bool progress_wanted(bool quiet) {
  const char* forced = std::getenv("ACCELSIM_PROGRESS");
  if (forced && std::string(forced) == "0") return false;
  if (forced && std::string(forced) == "1") return !quiet;
  return !quiet && isatty(STDERR_FILENO);
}

std::string progress_line(long long runs_done, long long runs, long long macs_done,
                          long long macs, double seconds) {
  std::string line = "accelsim: " + std::to_string(runs_done) + " of " + std::to_string(runs) +
                     " layer runs done";
  if (macs > 0) line += " (" + std::to_string(100 * macs_done / macs) + "% of the MACs)";
  line += ", " + duration(seconds);
  if (macs_done > 0 && macs_done < macs) {
    line += ", about " + duration(seconds * double(macs - macs_done) / double(macs_done)) + " left";
  }
  return line;
}

ProgressReporter::ProgressReporter(long long runs, long long macs, bool enabled,
                                   std::ostream& err)
    : runs_(runs), macs_(macs), err_(err) {
  if (!enabled || shared_counts) return;
  void* memory = mmap(nullptr, sizeof(SharedCounts), PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) return;
  shared_counts = new (memory) SharedCounts();
  terminal_ = isatty(STDERR_FILENO);
  if (!terminal_) delay_seconds_ = 0;  // forced (ACCELSIM_PROGRESS=1): from the start
  thread_ = std::thread([this] { report(); });
}

ProgressReporter::~ProgressReporter() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  stopped_.notify_all();
  thread_.join();
  SharedCounts* counts = shared_counts;
  shared_counts = nullptr;
  counts->~SharedCounts();
  munmap(counts, sizeof(SharedCounts));
}

// Once a second from the delay on; the last line stays when the run ends.
void ProgressReporter::report() {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  bool last = false;
  while (!last) {
    last = stopped_.wait_for(lock, std::chrono::seconds(printed_ ? 1 : 0) +
                                       std::chrono::milliseconds(printed_ ? 0 : 250),
                             [&] { return stop_; });
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds < delay_seconds_) continue;
    // No fork while this thread allocates and prints (child_process.h).
    std::lock_guard<std::mutex> no_fork(fork_mutex());
    const std::string line = progress_line(shared_counts->runs, runs_, shared_counts->macs,
                                           macs_, seconds);
    err_ << (terminal_ ? "\r\033[K" + line : line + "\n") << (terminal_ && last ? "\n" : "")
         << std::flush;
    printed_ = true;
  }
}

}  // namespace accelsim
