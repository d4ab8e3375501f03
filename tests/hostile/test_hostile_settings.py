"""Settings from a hand-edited file and options from the command line are checked, never trusted (issue 13)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from zoo import write_story

from app.core.settings import Settings
from tests.conftest import ROOT


@pytest.mark.parametrize("value", ["banana", "nan", "inf", "5", "-0.3", ""])
def test_a_bad_threshold_in_the_settings_file_falls_back_with_one_warning(value, monkeypatch):
    from app.gui import settings as opts

    monkeypatch.setattr(opts, "PROBLEMS", [])
    opts.settings_path().parent.mkdir(parents=True, exist_ok=True)
    opts.settings_path().write_text(f"[scan]\nmin_overlap={value}\nuse_cache=perhaps\n")
    assert opts.get(opts.MIN_OVERLAP) == opts.MIN_OVERLAP.default
    assert opts.get(opts.MIN_OVERLAP) == opts.MIN_OVERLAP.default  # read twice, said once
    assert opts.get(opts.USE_CACHE) is True
    assert len([p for p in opts.PROBLEMS if "scan/min_overlap" in p]) == 1
    assert any("scan/use_cache" in p for p in opts.PROBLEMS)
    Settings(min_overlap=opts.get(opts.MIN_OVERLAP))  # what the window builds from it is valid


def test_good_settings_are_read_as_written(monkeypatch):
    from app.gui import settings as opts

    monkeypatch.setattr(opts, "PROBLEMS", [])
    opts.put(opts.MIN_OVERLAP, 0.35)
    opts.put(opts.USE_CACHE, False)
    assert opts.get(opts.MIN_OVERLAP) == 0.35 and opts.get(opts.USE_CACHE) is False and opts.PROBLEMS == []


@pytest.mark.parametrize("field, value", [("min_overlap", "banana"), ("min_overlap", float("nan")),
                                          ("min_overlap", 5), ("min_shared", 0), ("max_bytes", -1),
                                          ("workers", 1.5), ("use_cache", "yes")])
def test_the_engine_refuses_settings_out_of_range_with_the_reason(field, value):
    with pytest.raises(ValueError, match=field):
        Settings(**{field: value})


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("value", ["banana", "nan", "5"])
def test_a_bad_option_on_the_command_line_is_one_clear_line(tmp_path, value):
    write_story(tmp_path, "a.txt")
    proc = _cli("scan", str(tmp_path), "--min-overlap", value)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "min-overlap" in proc.stderr.strip().splitlines()[-1]  # the reason is the last line (after usage)


def test_an_unwritable_output_is_one_clear_line_and_the_folder_is_unchanged(tmp_path, unchanged):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_story(docs, "a.txt")
    with unchanged(docs):
        proc = _cli("scan", str(docs), "--no-cache", "--json", str(tmp_path / "no" / "such" / "dir" / "r.json"))
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().startswith("wiretrace:"), proc.stderr
