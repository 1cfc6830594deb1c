#pragma once
// SystemC elaborates one design per process, so every test that runs the engine
// runs it in a forked child and reads back what the child printed.

#include <sys/wait.h>
#include <unistd.h>

#include <exception>
#include <string>

namespace accelsim::testing {

// Runs body() (returning text) in a child process; returns that text, or
// "EXCEPTION: ..." when the body threw.
template <typename Body>
std::string run_in_child(Body body) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return "EXCEPTION: pipe failed";
  const pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fds[0]);
    std::string text;
    try {
      text = body();
    } catch (const std::exception& error) {
      text = std::string("EXCEPTION: ") + error.what();
    }
    size_t written = 0;
    while (written < text.size()) {
      const ssize_t n = write(pipe_fds[1], text.data() + written, text.size() - written);
      if (n <= 0) break;
      written += size_t(n);
    }
    close(pipe_fds[1]);
    _exit(0);
  }
  close(pipe_fds[1]);
  std::string text;
  char buffer[65536];
  ssize_t n;
  while ((n = read(pipe_fds[0], buffer, sizeof buffer)) > 0) text.append(buffer, size_t(n));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status)) return "EXCEPTION: child crashed";
  return text;
}

}  // namespace accelsim::testing
