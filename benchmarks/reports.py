"""How big the reports are and how fast they are written and opened, on a generated corpus of any size.

    .venv/bin/python benchmarks/reports.py [--size 600] [--real CORPORA] [--browser chromium]

Scans the corpus once in-process, then writes each report three times (medians): the JSON report streamed
item by item with orjson, beside the same report built whole and encoded by `json.dumps` (what the CLI did
before), the CSV and the HTML report. If a Chromium is on PATH, times it opening the HTML report to a
screenshot, beside opening an empty page (the browser's own start-up) in the same run.

With --real, the folder is real coverage as the README's screenshots were taken: the articles under CORPORA
(e.g. the shared corpora), the 51 synthetic chain articles of the tests, and --size generated ones. The HTML
report's size is then broken down: the summary's markup, the packed pair data, and what that data holds
before packing (the articles' text, each relation's pairs).
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
from rescan import folder  # noqa: E402

from app.core import report  # noqa: E402
from app.core.html_report import read_data  # noqa: E402
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


def breakdown(result, page: str) -> dict:
    """What the HTML report is made of, in MB: markup and packed data as written, then the data unpacked."""
    def mb(value) -> float:
        return round(len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()) / 1e6, 3)

    packed = len(page.split("id='wt-data'", 1)[1].split("</script>", 1)[0].encode())
    data = read_data(page)
    out = {"summary_markup_and_script": round((len(page.encode()) - packed) / 1e6, 3),
           "packed_pair_data": round(packed / 1e6, 3), "unpacked_pair_data": mb(data),
           "unpacked_article_text": round(sum(len(d[2].encode()) for d in data["docs"] if d) / 1e6, 3)}
    for relation in sorted({p.relation for p in result.pairs}):
        rows = [p for p, q in zip(data["pairs"], result.pairs, strict=True) if q.relation is relation]
        out[f"unpacked_rows_{relation.label.replace(' ', '_')}_pairs_{len(rows)}"] = mb(rows)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=600)
    parser.add_argument("--real", type=Path, help="folder of real articles to add, with the chain articles")
    parser.add_argument("--browser", default=next(filter(None, map(shutil.which, (
        "chromium", "chromium-browser", "chromium-headless-shell"))), None))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wiretrace-reports-"))
    try:
        if args.real:
            desk = folder(work, args.real, args.size)
            shutil.copytree(ROOT / "tests" / "fixtures" / "relations" / "chains", desk / "chains")
        else:
            desk = work / "corpus"
            corpus.generate(desk, args.size)
        t0 = time.perf_counter()
        result = run(scan([str(desk)], Settings(use_cache=False)))
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
        out["html_breakdown_mb"] = breakdown(result, (work / "r.html").read_text(encoding="utf-8"))
        if args.browser:
            (work / "empty.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
            out["browser_empty_page_s"] = open_time(args.browser, work / "empty.html", work)
            out["browser_html_report_s"] = open_time(args.browser, work / "r.html", work)
        print(json.dumps(out))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
