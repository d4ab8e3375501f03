"""The shape of the house: the engine never imports Qt, and resources are found from any install."""

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from app import resources_path
from tests.conftest import AP_A, AP_B, ROOT


def test_no_module_under_app_core_imports_qt():
    offenders = []
    for path in (ROOT / "app" / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "shiboken6", "app")
                          and (n.startswith(("PySide6", "shiboken6")) or n.startswith("app.gui"))]
    assert offenders == []


def test_engine_runs_without_qt_loaded():
    code = "import sys, app.core.scan, app.core.report, app.cli; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_punkt_models_are_bundled_and_found():
    english = resources_path("nltk_data", "tokenizers", "punkt_tab", "english")
    assert (english / "abbrev_types.txt").is_file()


def test_the_installed_wheel_scans_the_seeds(tmp_path):
    """What `pip install` gives a user: a wheel built from the checkout, installed into a fresh virtual
    environment outside it, imports every module and scans the seeds to the one AP pair.

    The third-party libraries come from the test's own environment through a path file (offline and fast),
    so `app` itself can only come from the wheel: the checkout is neither the working folder nor on the path.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"QT_QPA_PLATFORM": "offscreen"}
    # from a copy of the sources: setuptools keeps build/lib between builds, so a checkout's build would still
    # carry a module that has since been deleted
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "benchmarks", "tests"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path / "dist"), str(source)], check=True, capture_output=True, env=env)
    wheel = next((tmp_path / "dist").glob("wiretrace-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site_packages = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                        check=True, capture_output=True, text=True).stdout.strip())
    libraries = [p for p in sys.path if p.endswith("site-packages")]
    (site_packages / "libraries.pth").write_text("\n".join(libraries) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True, env=env)  # a checkout on PYTHONPATH would look installed
    every_module = ("import importlib, pkgutil, app; "
                    "names = [m.name for m in pkgutil.walk_packages(app.__path__, 'app.') if m.name != 'app.__main__']; "
                    "[importlib.import_module(n) for n in names]; print(app.__file__, len(names))")
    out = subprocess.run([str(python), "-c", every_module], check=True, capture_output=True, text=True,
                         cwd=tmp_path, env=env).stdout.split()
    assert Path(out[0]).is_relative_to(venv)
    assert int(out[1]) == len(list((ROOT / "app").rglob("*.py"))) - 2  # all but app/__init__ and app/__main__
    report = subprocess.run([str(venv / "bin" / "wiretrace"), "scan", str(ROOT / "seeds"), "--no-cache", "--json", "-"],
                            check=True, capture_output=True, text=True, cwd=tmp_path, env=env).stdout
    pairs = json.loads(report)["pairs"]
    assert [(Path(p["a"]).name, Path(p["b"]).name, p["relation"]) for p in pairs] == [
        (AP_A.name, AP_B.name, "copy")]
