"""The install rule (`cmake --install`, what tools/setup.sh runs): the Python package
lands where Debian's python3 finds it, with its compiled core, and reads the built-in
specs and networks installed beside it, from any folder and without the source tree."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from simulation_helpers import BUILD


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    """The build installed into a temporary prefix."""
    if shutil.which("cmake") is None:
        pytest.skip("cmake not installed")
    root = tmp_path_factory.mktemp("install")
    completed = subprocess.run(["cmake", "--install", str(BUILD), "--prefix", str(root)],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    return root


def site_packages(root):
    return root / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / \
        "dist-packages"


def run_python(code, root, cwd):
    """/usr/bin/python3 -c CODE with only the installed package on its path."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "ACCELSIM_DATA_DIR")}
    env.update(PYTHONPATH=str(site_packages(root)), SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1")
    return subprocess.run(["/usr/bin/python3", "-c", code], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_package_is_installed_where_debians_python_looks(prefix):
    package = site_packages(prefix) / "accelsim"
    assert sorted(p.name for p in package.glob("*.py")) == sorted(
        p.name for p in (BUILD / "python" / "accelsim").glob("*.py"))
    assert len(list(package.glob("_core*.so"))) == 1
    # With the prefix /usr/local this is a folder on /usr/bin/python3's sys.path.
    paths = subprocess.run(["/usr/bin/python3", "-c", "import sys; print('\\n'.join(sys.path))"],
                           capture_output=True, text=True, check=True).stdout.split()
    local = str(site_packages(prefix)).replace(str(prefix), "/usr/local", 1)
    assert local in paths


def test_the_installed_package_reads_the_installed_specs_from_any_folder(prefix, tmp_path):
    data = prefix / "share" / "accelsim" / "arch"
    shutil.copy(data / "tiny.yaml", data / "only-installed.yaml")
    completed = run_python(
        "import json, accelsim\n"
        "r = accelsim.simulate('only-installed', 'lenet5', layers='f6')\n"
        "print(json.dumps([accelsim.__file__, accelsim.list_archs(), r.arch,"
        " r.run['arch']['file']]))", prefix, tmp_path)
    assert completed.returncode == 0, completed.stderr
    module, archs, arch, arch_file = json.loads(completed.stdout)
    assert module == str(site_packages(prefix) / "accelsim" / "__init__.py")
    assert "only-installed" in archs and "isca16/rs" in archs
    assert arch == "tiny"  # the copy keeps tiny's name
    assert arch_file == str(data / "only-installed.yaml")
