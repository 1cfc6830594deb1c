#pragma once
// The files of one run, committed together: a crash, kill -9 or full disk leaves the
// folder as it was or with the whole new set, never a mix (issue 15).

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace accelsim {

// Writes `files` (name, content) into `folder`. They are first written and synced in a
// temporary folder beside `folder` (same parent, so the same file system), then:
// - `folder` missing: the temporary folder is renamed to it (atomic);
// - `folder` holding only files of this set (an earlier run's output): the two are
//   exchanged (renameat2 RENAME_EXCHANGE, atomic) and the old one removed;
// - `folder` holding anything else (`--out .`, a folder of the user's): each file is
//   renamed into it, whole, but the set is not atomic; nothing else is touched.
// Temporary folders left by a killed process (`.<name>.tmp.<pid>`, pid gone) are
// removed. A file-system error is an InputError naming `folder` and the OS reason:
// the folder is the user's choice (--out), not the program's fault.
void write_files_together(const std::string& folder,
                          const std::vector<std::pair<std::string, std::string>>& files);

// Checks, without writing anything, that write_files_together(folder) can start: not a
// file, reachable, its nearest existing ancestor a writable folder; returns the folder
// as an absolute path. Called before a run, so that a bad --out fails in a second,
// not after the simulation. The same InputErrors as write_files_together.
std::filesystem::path check_output_folder(const std::string& folder);

// Writes one file the user named (--trace FILE) whole: a temporary file beside it, then
// renamed over it. Errors are InputErrors naming `path`.
void write_file_whole(const std::string& path, const std::string& content);

}  // namespace accelsim
