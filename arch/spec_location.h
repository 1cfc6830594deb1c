#pragma once
// Where an `--arch` value points: one spec file, or a folder holding one spec per
// dataflow (<folder>/<dataflow>.yaml, e.g. arch/isca16/). The same names work in the
// CLI, sweeps and Python, from any folder.

#include <string>
#include <vector>

namespace accelsim {

struct SpecLocation {
  std::string path;     // the spec file or the spec folder to read
  bool folder = false;  // a folder of specs, one per dataflow
};

// Resolves, in order:
//  - an existing file or folder ("my_spec.yaml", "arch/isca16/" inside the repository);
//  - a built-in name, relative to <data_dir>/arch without .yaml: a spec file
//    ("eyeriss", "isca16/rs") or a spec folder ("isca16", "isca16/");
//  - a relative path starting with arch/ that does not exist here: the built-in of the
//    same path ("arch/isca16/", "arch/eyeriss.yaml" from any folder);
//  - any other name ending in .yaml: that path (the parser reports it missing).
// Throws InputError (key --arch, with a did-you-mean) for anything else.
SpecLocation locate_spec(const std::string& name_or_path);

// Built-in spec folders (folders under <data_dir>/arch holding specs named after
// dataflows, e.g. "isca16"), sorted.
std::vector<std::string> list_builtin_spec_folders();

// The dataflows a spec folder has a spec for (its *.yaml stems), sorted.
std::vector<std::string> spec_folder_dataflows(const std::string& folder);

}  // namespace accelsim
