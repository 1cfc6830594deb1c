#pragma once
// SystemC 2.3.4 elaborates one design per process, so whoever runs more than one
// simulation in a process (the engine tests, the Python bindings) runs each in a
// forked child and reads back the text the child produced.
//
// Contract: the child runs body() and nothing else (it never returns into the
// caller's code, never flushes the parent's buffers: it ends with _exit), so it is
// safe to fork from a process that embeds an interpreter. The child dies with its
// parent (PR_SET_PDEATHSIG), so killing a sweep leaves no simulation running.

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <utility>

#include "sim/common/input_error.h"

namespace accelsim {

struct ChildOutcome {
  enum class Kind { ok, input_error, error, crashed, interrupted };
  Kind kind = Kind::crashed;
  std::string text;  // body's text (ok), the exception's what(), or a description
};

namespace child_detail {

// Exit codes the child uses to say how body() ended.
constexpr int kExitOk = 0, kExitInputError = 2, kExitError = 1;

inline void write_all(int fd, const std::string& text) {
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    written += size_t(n);
  }
}

template <typename Body>
[[noreturn]] void run_child(int fd, pid_t parent, Body& body) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(kExitError);  // the parent died before prctl
  // Ctrl-C reaches the parent, which kills the child (or dies, and PDEATHSIG does).
  signal(SIGINT, SIG_IGN);
  signal(SIGTERM, SIG_DFL);
  // Children running at once must not hold each other's pipes open (the parent
  // would wait for the wrong child's end of output): keep only stdio and our pipe.
  for (int other = 3; other < 1024; ++other) {
    if (other != fd) close(other);
  }
  int code = kExitOk;
  std::string text;
  try {
    text = body();
  } catch (const InputError& error) {
    code = kExitInputError;
    text = error.what();
  } catch (const std::exception& error) {
    code = kExitError;
    text = error.what();
  }
  write_all(fd, text);
  close(fd);
  _exit(code);
}

inline ChildOutcome outcome_of(int status, std::string text) {
  if (WIFSIGNALED(status)) {
    return {ChildOutcome::Kind::crashed,
            "the simulation's child process died with signal " +
                std::to_string(WTERMSIG(status))};
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == kExitOk) return {ChildOutcome::Kind::ok, std::move(text)};
  if (code == kExitInputError) return {ChildOutcome::Kind::input_error, std::move(text)};
  if (code == kExitError) return {ChildOutcome::Kind::error, std::move(text)};
  return {ChildOutcome::Kind::crashed,
          "the simulation's child process exited with code " + std::to_string(code)};
}

}  // namespace child_detail

// The lock every fork() of ours holds: a thread that allocates or prints while
// another forks (the progress reporter) takes it first, so no child starts with a
// lock (malloc's, ASan's, a stream's) held by a thread it does not have.
inline std::mutex& fork_mutex() {
  static std::mutex mutex;
  return mutex;
}

// A child forked to run body(): its pid, the read end of its pipe and the text
// read so far. Started by start_child; finish() reaps it (the destructor kills and
// reaps one that was not finished).
class ForkedChild {
 public:
  ForkedChild(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
  ForkedChild(ForkedChild&& other) noexcept
      : pid_(std::exchange(other.pid_, -1)), fd_(std::exchange(other.fd_, -1)),
        text_(std::move(other.text_)) {}
  ForkedChild(const ForkedChild&) = delete;
  ForkedChild& operator=(const ForkedChild&) = delete;
  ForkedChild& operator=(ForkedChild&& other) noexcept {
    if (this != &other) {
      if (pid_ > 0) kill_now();
      pid_ = std::exchange(other.pid_, -1);
      fd_ = std::exchange(other.fd_, -1);
      text_ = std::move(other.text_);
    }
    return *this;
  }
  ~ForkedChild() {
    if (pid_ > 0) kill_now();
  }

  bool started() const { return pid_ > 0; }
  int fd() const { return fd_; }

  // Reads what the pipe holds now; false once the child's output has ended.
  bool read_available() {
    char buffer[65536];
    const ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n > 0) text_.append(buffer, size_t(n));
    return n > 0 || (n < 0 && errno == EINTR);
  }

  // After the output ended: waits for the child and says how body() ended.
  ChildOutcome finish() {
    close(fd_);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = fd_ = -1;
    return child_detail::outcome_of(status, std::move(text_));
  }

  void kill_now() {
    kill(pid_, SIGKILL);
    close(fd_);
    waitpid(pid_, nullptr, 0);
    pid_ = fd_ = -1;
  }

 private:
  pid_t pid_;
  int fd_;
  std::string text_;
};

// Forks a child that runs body(); !started() when pipe() or fork() failed.
template <typename Body>
ForkedChild start_child(Body& body) {
  int fds[2];
  if (pipe(fds) != 0) return {-1, -1};
  const pid_t parent = getpid();
  fork_mutex().lock();
  const pid_t pid = fork();
  fork_mutex().unlock();  // in both processes: the child's copy was locked by its one thread
  if (pid == 0) {
    close(fds[0]);
    child_detail::run_child(fds[1], parent, body);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return {-1, -1};
  }
  return {pid, fds[0]};
}

// Runs body() (returning text) in a forked child and returns what it produced.
// While waiting, a signal, and every 100 ms without output, call `interrupted()`;
// when that returns true the child is killed and the outcome is Kind::interrupted.
template <typename Body>
ChildOutcome run_in_child(Body body, const std::function<bool()>& interrupted = {}) {
  ForkedChild child = start_child(body);
  if (!child.started()) return {ChildOutcome::Kind::error, "pipe() or fork() failed"};
  for (;;) {
    // A signal that arrives before the wait blocks interrupts nothing: the wait
    // wakes every 100 ms to ask again.
    pollfd readable{child.fd(), POLLIN, 0};
    const int ready = poll(&readable, 1, interrupted ? 100 : -1);
    if (ready > 0) {
      if (!child.read_available()) return child.finish();
    } else if (ready < 0 && errno != EINTR) {
      return child.finish();
    } else if (interrupted && interrupted()) {
      child.kill_now();
      return {ChildOutcome::Kind::interrupted, "interrupted"};
    }
  }
}

}  // namespace accelsim
