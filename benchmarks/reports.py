"""How big the reports are and how fast they are written and opened, on a generated corpus of any size.

    .venv/bin/python benchmarks/reports.py [--size 600] [--browser chromium]

Scans the corpus once in-process, then writes each report three times (medians): the JSON report streamed
item by item with orjson, beside the same report built whole and encoded by `json.dumps` (what the CLI did
before), the CSV and the HTML report. If a Chromium is on PATH, times it opening the HTML report to a
screenshot, beside opening an empty page (the browser's own start-up) in the same run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402

from app.core import report  # noqa: E402
from app.core.scan import run, scan  # noqa: E402
from app.core.settings import Settings  # noqa: E402


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times), 3)


def open_time(browser: str, page: Path, work: Path, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={work / 'shot.png'}",
                        "--window-size=1280,900", page.as_uri()], capture_output=True, timeout=120, check=True)
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=600)
    parser.add_argument("--browser", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wiretrace-reports-"))
    try:
        corpus.generate(work / "corpus", args.size)
        t0 = time.perf_counter()
        result = run(scan([str(work / "corpus")], Settings(use_cache=False)))
        out: dict = {"articles": len(result.articles), "pairs": len(result.pairs),
                     "scan_seconds": round(time.perf_counter() - t0, 2),
                     "text_mb": round(sum(len(a.text.encode()) for a in result.articles) / 1e6, 2)}

        def streamed() -> None:
            with open(work / "r.json", "wb") as fh:
                report.write_json(result, fh)

        def whole() -> None:
            with open(work / "whole.json", "w", encoding="utf-8") as fh:
                fh.write(json.dumps(report.to_json_dict(result), ensure_ascii=False))

        def write(kind: str):
            def go() -> None:
                with open(work / f"r.{kind}", "wb") as fh:
                    getattr(report, f"write_{kind}")(result, fh)
            return go

        # alternated, so that a change in the machine's load falls on both alike
        pairs = [(timed(streamed, 1), timed(whole, 1)) for _ in range(3)]
        out["json_streamed_s"] = statistics.median(p[0] for p in pairs)
        out["json_whole_dumps_s"] = statistics.median(p[1] for p in pairs)
        out["json_mb"] = round((work / "r.json").stat().st_size / 1e6, 2)
        out["csv_s"] = timed(write("csv"))
        out["html_s"] = timed(write("html"))
        out["html_mb"] = round((work / "r.html").stat().st_size / 1e6, 2)
        if args.browser:
            (work / "empty.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
            out["browser_empty_page_s"] = open_time(args.browser, work / "empty.html", work)
            out["browser_html_report_s"] = open_time(args.browser, work / "r.html", work)
        print(json.dumps(out))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
