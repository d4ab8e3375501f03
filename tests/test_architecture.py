"""The shape of the house: the engine never imports Qt, and resources are found from any install."""

import ast
import subprocess
import sys
import zipfile

from app import resources_path
from tests.conftest import ROOT


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


def test_the_wheel_carries_the_resources(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("wiretrace-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "app/resources/nltk_data/tokenizers/punkt_tab/english/abbrev_types.txt" in names
    assert "app/core/scan.py" in names
