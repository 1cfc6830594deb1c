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
#include <string>

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
  // Children forked at once by several threads must not hold each other's pipes
  // open (a reader would wait for the wrong child): keep only stdio and our pipe.
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

// Runs body() (returning text) in a forked child and returns what it produced.
// While waiting, a signal, and every 100 ms without output, call `interrupted()`;
// when that returns true the child is killed and the outcome is Kind::interrupted.
template <typename Body>
ChildOutcome run_in_child(Body body, const std::function<bool()>& interrupted = {}) {
  int fds[2];
  if (pipe(fds) != 0) return {ChildOutcome::Kind::error, "pipe() failed"};
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return {ChildOutcome::Kind::error, "fork() failed"};
  }
  if (pid == 0) {
    close(fds[0]);
    child_detail::run_child(fds[1], parent, body);
  }
  close(fds[1]);
  std::string text;
  char buffer[65536];
  for (;;) {
    // A signal that arrives before the read blocks interrupts nothing: the wait
    // wakes every 100 ms to ask again.
    pollfd readable{fds[0], POLLIN, 0};
    const int ready = poll(&readable, 1, interrupted ? 100 : -1);
    const ssize_t n = ready > 0 ? read(fds[0], buffer, sizeof buffer) : -1;
    if (n > 0) {
      text.append(buffer, size_t(n));
    } else if (n == 0 || (ready != 0 && errno != EINTR)) {
      break;
    } else if (interrupted && interrupted()) {
      kill(pid, SIGKILL);
      close(fds[0]);
      waitpid(pid, nullptr, 0);
      return {ChildOutcome::Kind::interrupted, "interrupted"};
    }
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return child_detail::outcome_of(status, std::move(text));
}

}  // namespace accelsim
