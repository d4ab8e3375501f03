"""The binary a user double-clicks: build it with PyInstaller and start it, headless and as a window."""

import importlib.util
import json

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.packaging

spec = importlib.util.spec_from_file_location("build", ROOT / "packaging" / "build.py")
build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build)


@pytest.fixture(scope="module")
def frozen():
    seconds = build.build()
    return {"build_seconds": seconds, "size_mb": build.folder_size(build.DIST / "wiretrace") / 1e6}


def test_the_frozen_binary_scans_and_opens_the_window(frozen, tmp_path):
    assert build.EXE.is_file()
    info = build.smoke({"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert info["scan_pairs"] == 1
    assert "5 articles, 1 pairs" in info["smoke"]
    bundled = build.DIST / "wiretrace" / "_internal" / "app" / "resources" / "nltk_data" / "tokenizers"
    assert (bundled / "punkt_tab" / "english" / "abbrev_types.txt").is_file()
    plugins = build.DIST / "wiretrace" / "_internal" / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert not (plugins / "platforms" / "libqvnc.so").exists()
    print(json.dumps({**frozen, **info}))


def test_the_frozen_binary_leaves_dask_out_and_says_so(frozen, tmp_path):
    import subprocess

    internal = build.DIST / "wiretrace" / "_internal"
    assert not [p for p in ("dask", "distributed", "tornado", "msgpack", "psutil", "yaml") if (internal / p).exists()]
    proc = subprocess.run([str(build.EXE), "scan", str(ROOT / "seeds"), "--scheduler", "local"], capture_output=True,
                          text=True, timeout=120, env={"XDG_CACHE_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 2
    assert proc.stderr.startswith("wiretrace: --scheduler needs Dask") and proc.stderr.count("\n") == 1


def test_the_frozen_binary_watches_a_folder_with_watchfiles(frozen, tmp_path):
    """`wiretrace watch` in the binary: watchfiles' Rust extension is bundled and sees a file land."""
    import shutil
    import signal
    import subprocess
    import time

    folder = tmp_path / "desk"
    folder.mkdir()
    shutil.copyfile(ROOT / "seeds" / "000_c60b7f276d80589e.txt", folder / "a.txt")
    assert list((build.DIST / "wiretrace" / "_internal" / "watchfiles").glob("_rust_notify*.so"))
    proc = subprocess.Popen([str(build.EXE), "watch", str(folder), "--jsonl", "-"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "QT_QPA_PLATFORM": "offscreen"})
    try:
        first = json.loads(proc.stdout.readline())
        assert first["event"] == "watching" and first["articles"] == 1
        time.sleep(0.5)
        shutil.copyfile(ROOT / "seeds" / "001_ca7edc91ef1df364.txt", folder / "b.txt")
        events = [json.loads(proc.stdout.readline())["event"] for _ in range(2)]
        assert events == ["article_added", "pair_found"]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    assert proc.returncode == 0, proc.stderr.read()
