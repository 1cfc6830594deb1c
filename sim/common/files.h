#pragma once
// File-system helpers: where built-in data lives, whole-file reads of the user's inputs,
// and whole-file writes.

#include <cstdint>
#include <string>

namespace accelsim {

// The folder holding arch/ and workloads/nets/: $ACCELSIM_DATA_DIR if set, else
// <prefix>/share/accelsim next to an installed binary (<prefix>/bin) or Python module
// (<prefix>/lib/python3.X/dist-packages/accelsim), else the source tree.
std::string data_dir();

// The bytes of the regular file at `path`, for a parser. Anything else is an InputError
// naming the path: a missing or unreadable file, a symlink loop, a directory, a named
// pipe or a device (a pipe is never opened for blocking reads, so it cannot hang the
// run), a NUL byte in the path, or a file larger than `max_bytes`.
std::string read_input_file(const std::string& path, int64_t max_bytes);

// Writes `content` to a temporary file beside `path`, then renames it over `path`,
// so a reader never sees half a file. Creates missing parent folders.
// Throws std::runtime_error when the file system refuses.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace accelsim
