#pragma once
// File-system helpers: where built-in data lives and whole-file reads of the user's
// inputs (the files of a run are written by output_folder.h).

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

}  // namespace accelsim
