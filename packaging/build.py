"""Build the one-folder binary dist/wiretrace/ and report its size and cold start to the first window.

    python packaging/build.py [--check]

--check also starts the frozen binary headless twice (a scan report, and the window with --smoke).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
EXE = DIST / "wiretrace" / "wiretrace"


def build() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(ROOT / "build"),
                    str(ROOT / "packaging" / "wiretrace.spec")], check=True, cwd=ROOT)
    return time.perf_counter() - t0


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def smoke(env: dict | None = None) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    t0 = time.perf_counter()
    scan = subprocess.run([str(EXE), "scan", str(ROOT / "seeds"), "--json", "-", "--no-cache"],
                          capture_output=True, text=True, env=env, timeout=300)
    scan_seconds = time.perf_counter() - t0
    if scan.returncode != 0:
        raise SystemExit(f"frozen scan failed: {scan.stderr}")
    report = json.loads(scan.stdout)
    t0 = time.perf_counter()
    gui = subprocess.run([str(EXE), str(ROOT / "seeds"), "--smoke"], capture_output=True, text=True, env=env,
                         timeout=300)
    gui_seconds = time.perf_counter() - t0
    if gui.returncode != 0:
        raise SystemExit(f"frozen window failed ({gui.returncode}): {gui.stdout} {gui.stderr}")
    line = next(x for x in gui.stdout.splitlines() if x.startswith("smoke:"))
    first_window = float(line.split("first window ")[1].split("s")[0])
    return {"scan_pairs": len(report["pairs"]), "scan_seconds": round(scan_seconds, 2),
            "first_window_seconds": first_window, "smoke_seconds": round(gui_seconds, 2), "smoke": line}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="start the frozen binary after building it")
    args = parser.parse_args()
    seconds = build()
    info = {"build_seconds": round(seconds, 1), "size_mb": round(folder_size(DIST / "wiretrace") / 1e6, 1)}
    if args.check:
        info.update(smoke())
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
