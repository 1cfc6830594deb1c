#pragma once
// File-system helpers: where built-in data lives, and whole-file writes.

#include <string>

namespace accelsim {

// The folder holding arch/ and workloads/nets/: $ACCELSIM_DATA_DIR if set, else
// <prefix>/share/accelsim next to an installed binary (<prefix>/bin) or Python module
// (<prefix>/lib/python3.X/dist-packages/accelsim), else the source tree.
std::string data_dir();

// Writes `content` to a temporary file beside `path`, then renames it over `path`,
// so a reader never sees half a file. Creates missing parent folders.
// Throws std::runtime_error when the file system refuses.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace accelsim
