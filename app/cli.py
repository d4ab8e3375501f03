"""The `wiretrace` command: the window by default; `scan`, `compare` and `watch` for the headless engine."""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections import Counter
from pathlib import Path

from app import __version__
from app.core.settings import MIN_OVERLAP, FileDelivery


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="wiretrace",
        description="Reprint fidelity for news editors. With no command, opens the window.",
        epilog="Commands: `wiretrace scan PATH...` and `wiretrace compare FILE_A FILE_B` "
        "(see `wiretrace scan --help`).",
    )
    p.add_argument("paths", nargs="*", metavar="FOLDER_OR_FILE", help="folders or files to open")
    p.add_argument("--smoke", action="store_true",
                   help="open the folders, show the first pair, then quit (a start-up check)")
    p.add_argument("--version", action="version", version=f"wiretrace {__version__}")
    return p


def _scan_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wiretrace scan", description="Find reprints among articles and report them.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="folders (read recursively) or files")
    _report_options(p)
    p.add_argument("--csv", metavar="FILE", help="write the pairs as CSV (- for standard output)")
    p.add_argument("--min-overlap", type=float, default=MIN_OVERLAP, metavar="X",
                   help="report pairs where one article has at least this share of its text in the other "
                   f"(0-1, default {MIN_OVERLAP})")
    p.add_argument("--no-cache", action="store_true", help="analyse every file again; do not use the cache")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the scan on a Dask cluster: tcp://HOST:PORT of its scheduler, or `local` for two "
                   "worker processes started here (needs the `cluster` extra: pip install 'wiretrace[cluster]')")
    p.add_argument("--files", choices=[f.value for f in FileDelivery], default=FileDelivery.SEND.value,
                   help="with --scheduler: `send` the files' bytes from here to the workers (default; any cluster) "
                   "or let the workers read the same paths from a `shared` folder they all mount")
    return p


def _compare_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wiretrace compare", description="Compare two articles sentence by sentence.")
    p.add_argument("file_a")
    p.add_argument("file_b")
    _report_options(p)
    p.add_argument("--csv", metavar="FILE", help="write the pair as CSV (- for standard output)")
    p.add_argument("--pdf", metavar="FILE", help="write the pair side by side as a PDF to print or send")
    return p


def _watch_parser() -> argparse.ArgumentParser:
    from app.core.live.watcher import QUIET

    p = argparse.ArgumentParser(
        prog="wiretrace watch",
        description="Scan a folder, then follow it: one JSON line for each article added or removed, pair found "
        "or lost, family changed, or file skipped, as files land. Ctrl-C stops.")
    p.add_argument("folder", metavar="FOLDER")
    p.add_argument("--jsonl", metavar="FILE", default="-",
                   help="append the JSON lines to FILE (default -: standard output); never inside FOLDER")
    p.add_argument("--poll", action="store_true",
                   help="look for changes every 0.2 s instead of waiting for the system's events "
                   "(network shares, where no events come)")
    p.add_argument("--quiet", type=float, default=QUIET, metavar="S",
                   help=f"seconds a file's size and time must hold still before it is read (default {QUIET})")
    p.add_argument("--no-cache", action="store_true", help="analyse every file again; do not use the cache")
    return p


def _report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", metavar="FILE", help="write the wiretrace.scan/3 report (- for standard output)")
    p.add_argument("--html", metavar="FILE", help="write a self-contained HTML report")


def _fail(message: str) -> int:
    print(f"wiretrace: {message}", file=sys.stderr)
    return 2


REPORTS = ("json", "csv", "html")
#: Reports up to this size are kept in the cache for an unchanged rescan; larger ones are written again.
#: The JSON of a 10,000-article folder is about 80 MB: kept, so that its unchanged rescan stays under a second.
CACHED_REPORT_MAX = 128 * 1024 * 1024


def _write_reports(result, args) -> dict[str, str]:
    """Stream each requested report straight to its file (or standard output).

    Returns those small enough to keep in the cache, read back from their files, and the summary.
    """
    from app.core import report

    writers = {"json": report.write_json, "csv": report.write_csv, "html": report.write_html}
    kept = {}
    for kind in REPORTS:
        target = getattr(args, kind, None)
        if not target:
            continue
        if target == "-":
            writers[kind](result, sys.stdout.buffer)
            sys.stdout.flush()
            continue
        with open(target, "wb") as fh:
            writers[kind](result, fh)
        path = Path(target)
        if path.is_file() and path.stat().st_size <= CACHED_REPORT_MAX:
            with open(path, encoding="utf-8", errors="surrogateescape", newline="") as fh:  # CSV keeps its \r\n
                kept[kind] = fh.read()
    kept["summary"] = _summary(result)
    _print_summary(kept["summary"], args)
    return kept


def _emit_cached(outputs: dict[str, str], args) -> None:
    for kind in REPORTS:
        target = getattr(args, kind, None)
        if target == "-":
            sys.stdout.write(outputs[kind])
            sys.stdout.flush()
        elif target:
            with open(target, "w", encoding="utf-8", errors="surrogateescape", newline="") as fh:
                fh.write(outputs[kind])
    _print_summary(outputs["summary"], args)


def _print_summary(summary: str, args) -> None:
    quiet = any(getattr(args, k, None) == "-" for k in REPORTS)
    (sys.stderr if quiet else sys.stdout).write(summary)


def _summary(result) -> str:
    from app.core import triage
    from app.core.lineage import lineage_lines
    from app.core.records import Relation

    arts = result.articles
    lines = [f"{len(arts)} articles, {len(result.pairs)} overlapping pairs, {len(result.families)} story families, "
             f"{len(result.skipped)} skipped"]
    counts = Counter(p.relation for p in result.pairs)
    if result.pairs:
        lines.append("relations: " + ", ".join(f"{counts[r]} {r.label}" for r in Relation))
        tiers = Counter(triage.figures(p).tier for p in result.pairs)
        lines.append("triage: " + ", ".join(f"{tiers[t]} {t.label}" for t in triage.Tier))
    for f in result.families[:30]:
        lines.append(f"  family {f.id}: {f.title[:70]!r}, {len(f.members)} articles, reference {arts[f.reference].id}"
                     + (f", {len(f.versions)} versions" if len(f.versions) > 1 else ""))
        lines += [f"    {line}" for line in lineage_lines(f, arts)]
    if len(result.families) > 30:
        lines.append(f"  ... and {len(result.families) - 30} more families (see the reports)")
    for n in triage.order(result)[:50]:  # the pairs that most need an editor first
        p = result.pairs[n]
        lines.append(f"  {p.relation:<7} {p.score:4.0%}  {arts[p.a].id}  ~  {arts[p.b].id}: "
                     f"{triage.figures(p).summary()}")
    if len(result.pairs) > 50:
        lines.append(f"  ... and {len(result.pairs) - 50} more pairs (see the reports)")
    lines += [f"  skipped {s.path}: {s.reason}" for s in result.skipped]
    lines += [f"  warning: {w}" for w in result.warnings]
    from app.core.documents import display_path

    return display_path("\n".join(lines) + "\n")  # names that are not UTF-8 print with �


def _open_cache():
    """The analysis cache, or None with one line on stderr: a cache that cannot open must not stop a scan."""
    from app.core.cache import AnalysisCache

    try:
        return AnalysisCache()
    except Exception as err:
        print(f"wiretrace: cache unavailable ({err}); scanning without it", file=sys.stderr)
        return None


def _progress(tty: bool):
    """A scan's progress on one line of a terminal; nothing where stderr is not one."""

    def show(p) -> None:
        if tty:
            print(f"\r{p.stage:>6}: {p.message[:70]:<70}", end="" if p.stage != "done" else "\n",
                  file=sys.stderr, flush=True)

    return show


def cmd_scan(argv: list[str]) -> int:
    args = _scan_parser().parse_args(argv)
    from app.core.settings import Settings

    if not 0 <= args.min_overlap <= 1:
        return _fail("--min-overlap must be between 0 and 1")
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        return _fail(f"no such file or folder: {missing[0]}")
    settings = Settings(min_overlap=args.min_overlap, use_cache=not args.no_cache)
    if args.scheduler:
        try:
            from app.core import cluster as dask_cluster
        except ImportError as err:  # not installed, or the frozen binary, which leaves Dask out
            return _fail(f"--scheduler needs Dask ({err}): pip install 'wiretrace[cluster]'")
    wanted = [k for k in REPORTS if getattr(args, k)]
    cache = signature = found = None
    if settings.use_cache:
        from app.core.documents import collect_files
        from app.core.revision import scan_signature

        cache = _open_cache()
    try:
        if cache is not None:
            found = collect_files(args.paths)  # once: the scan reads what the signature describes
            signature = scan_signature(found, settings)
            outputs = cache.get_outputs(signature)
            if all(k in outputs for k in [*wanted, "summary"]):  # nothing changed since the last scan
                _emit_cached(outputs, args)
                return 0
        from app.core.scan import run, scan

        progress = _progress(sys.stderr.isatty())
        if args.scheduler:
            try:
                with dask_cluster.connect(args.scheduler, FileDelivery(args.files)) as workers:
                    result = run(scan(args.paths, settings, cache, found, workers), progress)
            except dask_cluster.ClusterError as err:
                return _fail(str(err))
        else:
            result = run(scan(args.paths, settings, cache, found), progress)
        outputs = _write_reports(result, args)
        if cache is not None:
            cache.put_outputs(signature, outputs)
    finally:
        if cache is not None:
            cache.close()
    return 0


def cmd_compare(argv: list[str]) -> int:
    args = _compare_parser().parse_args(argv)
    from app.core.documents import Unreadable
    from app.core.scan import compare_files

    for path in (args.file_a, args.file_b):
        if not Path(path).exists():
            return _fail(f"no such file: {path}")
        if not Path(path).is_file():
            return _fail(f"not a file: {path}")
    try:
        result = compare_files(args.file_a, args.file_b)
    except Unreadable as err:
        return _fail(f"cannot read an article: {err}")
    _write_reports(result, args)
    if args.pdf:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a command needs no screen
        from app.core.pair_model import PairModel
        from app.gui.pdf import write_pair_pdf

        write_pair_pdf(PairModel.of(result), args.pdf)
    return 0


def cmd_watch(argv: list[str]) -> int:
    args = _watch_parser().parse_args(argv)
    folder = Path(args.folder)
    if not folder.is_dir():
        return _fail(f"not a folder: {args.folder}")
    if args.jsonl != "-" and Path(args.jsonl).resolve().is_relative_to(folder.resolve()):
        return _fail("the events file must not be inside the watched folder (Wiretrace never writes there)")
    if not args.quiet >= 0:
        return _fail("--quiet must be a number of seconds, 0 or more")
    import signal
    import threading

    from app.core.live.desk import follow
    from app.core.live.engine import LiveScan
    from app.core.live.stream import event_line
    from app.core.live.watcher import FolderWatcher
    from app.core.scan import run
    from app.core.settings import Settings

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())  # a service manager's stop ends it as cleanly as Ctrl-C
    out = sys.stdout if args.jsonl == "-" else open(args.jsonl, "a", encoding="utf-8")  # noqa: SIM115
    settings = Settings(use_cache=not args.no_cache)
    cache = _open_cache() if settings.use_cache else None

    def emit(events) -> None:
        for event in events:
            out.write(event_line(event))
        out.flush()

    try:
        live = LiveScan(str(folder), settings, cache)
        run(live.start(), _progress(sys.stderr.isatty()))
        for events in follow(live, FolderWatcher(str(folder), args.quiet, poll=True if args.poll else None), stop):
            emit(events)
    except KeyboardInterrupt:
        return 130
    finally:
        if out is not sys.stdout:
            out.close()
        if cache is not None:
            cache.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "scan":
            return cmd_scan(argv[1:])
        if argv and argv[0] == "compare":
            return cmd_compare(argv[1:])
        if argv and argv[0] == "watch":
            return cmd_watch(argv[1:])
        args = _gui_parser().parse_args(argv)
        from app.gui.application import run_gui

        return run_gui(args.paths, smoke=args.smoke)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`| head`): the rest is for no one. Standard output now points at the null
        # device, so that Python's own flush at exit cannot fail on the pipe again (a traceback, exit 120)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:
        return _fail(str(err))
