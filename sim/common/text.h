#pragma once
// Small string helpers shared by the parsers and the CLI.

#include <string>
#include <vector>

namespace accelsim {

// Edit distance (insertions, deletions, substitutions) between two words.
int edit_distance(const std::string& a, const std::string& b);

// The candidate closest to `word`, or "" when none is close enough to be a typo.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

// "unknown X 'word'; did you mean 'y'? expected one of: a, b, c"
std::string unknown_word_problem(const std::string& what, const std::string& word,
                                 const std::vector<std::string>& candidates);

// A spec's or network's `name` becomes part of a path (results/<arch>_<net>): "" when
// `name` is safe there, else what it must be. Rejects what could leave the folder or
// break the path: a slash or backslash, a leading dot, a control character (NUL), an
// empty name, more than 128 bytes.
std::string path_name_problem(const std::string& name);

std::string join(const std::vector<std::string>& parts, const std::string& separator);
std::vector<std::string> split(const std::string& text, char separator);

}  // namespace accelsim
