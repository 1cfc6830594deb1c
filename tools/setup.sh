#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages), configures, builds and installs
# accelsim so that `accelsim` and `accelsim-import` are on PATH (/usr/local/bin) and
# `import accelsim` works in Debian's /usr/bin/python3 (/usr/local/lib/python3.X/dist-packages),
# with the built-in specs and networks under /usr/local/share/accelsim (the importers need
# python3-torch, python3-torchvision and python3-onnx). Safe to run again:
# it installs nothing that is already there and rebuilds only what changed.
#   tools/setup.sh            # Release-like build in build/
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake make pkg-config libsystemc-dev libyaml-cpp-dev libboost-program-options-dev
          nlohmann-json3-dev libgtest-dev pybind11-dev python3 python3-yaml python3-numpy
          python3-pandas python3-matplotlib python3-pytest python3-pybind11 python3-dask
          python3-distributed chromium python3-torch python3-torchvision python3-onnx
          clang libclang-rt-14-dev)  # clang: tools/fuzz.sh
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

jobs="${ACCELSIM_BUILD_JOBS:-2}"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
if [ "$(id -u)" -eq 0 ]; then
  cmake --install build >/dev/null
  /usr/bin/python3 -c "import accelsim" ||
    { echo "setup: the installed Python package does not import" >&2; exit 1; }
else
  echo "setup: built only (not root): run build/accelsim, and PYTHONPATH=$PWD/build/python" \
       "for the Python package"
fi
