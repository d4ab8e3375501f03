"""Reports of a scan: the JSON document `wiretrace.scan/3` (streamed), CSV of the pairs, and the HTML page.

Every writer takes a binary stream (a file opened "wb", `sys.stdout.buffer`) or a text stream, and writes
document by document: a report of 100,000 articles is never one string in memory.
"""

from __future__ import annotations

import csv
import gc
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

import orjson

from app import __version__
from app.core.records import ScanResult

SCHEMA = "wiretrace.scan/3"


def _document_json(a) -> dict:
    return {"id": a.id, "path": a.path, "sha256": a.sha256, "encoding": a.encoding, "language": a.language,
            "title": a.title, "text": a.text,
            "sentences": [{"start": s, "end": e} for s, e in a.sentences],
            "flags": [f.as_dict() for f in a.flags],
            "headline": _span(a.headline), "deck": _span(a.deck)}


def _span(span: tuple[int, int] | None) -> dict | None:
    return None if span is None else {"start": span[0], "end": span[1]}


def _pair_json(p, arts) -> dict:
    return {"a": arts[p.a].id, "b": arts[p.b].id, "score": round(p.score, 4),
            "a_in_b": round(p.overlap.a_in_b, 4), "b_in_a": round(p.overlap.b_in_a, 4),
            "shared_shingles": p.overlap.shared, "relation": str(p.relation), "figures": p.figures.as_dict(),
            "role": str(p.role), "outlet_high_risk": p.outlet_high_risk,
            "fidelity": p.fidelity.as_dict(), "rows": [r.as_dict() for r in p.rows]}


def _family_json(f, arts) -> dict:
    return {"id": f.id, "title": f.title, "members": [arts[i].id for i in f.members],
            "reference": arts[f.reference].id, "reference_reason": f.reference_reason,
            "member_fidelity": [{"id": arts[i].id, **fid.as_dict()} for i, fid in f.member_fidelity],
            "links": [{"family": other, "relation": str(rel)} for other, rel in f.links],
            "versions": [{"members": [arts[i].id for i in v.members], "reference": arts[v.reference].id}
                         for v in f.versions],
            "lineage": [_source_json(s, arts) for s in f.lineage]}


def _source_json(s, arts) -> dict:
    return {"copy": arts[s.copy].id, "source": None if s.source is None else arts[s.source].id,
            "update": s.update, "evidence": list(s.evidence),
            "fidelity": None if s.fidelity is None else s.fidelity.as_dict()}


def _json_parts(result: ScanResult) -> Iterator[tuple[str, object]]:
    """The report's top-level fields in order; lists come as iterators, so they can be written one by one."""
    arts = result.articles
    yield "schema", SCHEMA
    yield "generator", {"name": "wiretrace", "version": __version__}
    yield "settings", result.settings_dict()
    yield "documents", (_document_json(a) for a in arts)
    yield "skipped", ({"path": s.path, "reason": s.reason} for s in result.skipped)
    yield "pairs", (_pair_json(p, arts) for p in result.pairs)
    yield "families", (_family_json(f, arts) for f in result.families)
    yield "clusters", ([arts[i].id for i in sorted(fam.members)] for fam in result.families)
    yield "warnings", list(result.warnings)


def to_json_dict(result: ScanResult) -> dict:
    """The whole report as one dict: for small results and tests; `write_json` streams the same thing."""
    return {key: list(value) if isinstance(value, Iterator) else value for key, value in _json_parts(result)}


def _dumps(value) -> bytes:
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:  # a lone surrogate from an undecodable file name: escaped, never lost
        return json.dumps(value).encode("ascii")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic GC off while a report is written: its short-lived dicts form no cycles, and every full
    collection they trigger would walk the whole scan result again (seconds at 10,000 articles)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def write_json(result: ScanResult, out: IO) -> None:
    """Write the JSON report item by item (orjson): memory stays that of one document or pair."""
    with _collector_paused():
        _write_json(result, out)


def _write_json(result: ScanResult, out: IO) -> None:
    put = _byte_writer(out)
    sep = b"{"
    for key, value in _json_parts(result):
        put(sep + _dumps(key) + b":")
        sep = b","
        if isinstance(value, Iterator):
            put(b"[")
            first = True
            for item in value:
                put(_dumps(item) if first else b"," + _dumps(item))
                first = False
            put(b"]")
        else:
            put(_dumps(value))
    put(b"}\n")


def _byte_writer(out: IO) -> Callable[[bytes], object]:
    if isinstance(out, io.TextIOBase):
        return lambda data: out.write(data.decode("utf-8"))
    return out.write


@contextmanager
def text_stream(out: IO) -> Iterator[IO[str]]:
    """`out` as a UTF-8 text stream, whether it was opened as text or as bytes (left open either way)."""
    from app.core.documents import REPLACE_NAMES

    if isinstance(out, io.TextIOBase):
        yield _Shown(out)
        return

    wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="", errors=REPLACE_NAMES)  # non-UTF-8 names: �
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()


class _Shown:
    """A text stream that writes names that are not UTF-8 (surrogate escapes) with replacement characters."""

    def __init__(self, out: IO[str]):
        self.out = out

    def write(self, text: str) -> int:
        try:
            text.encode("utf-8")  # in C: the common case costs next to nothing
        except UnicodeEncodeError:
            from app.core.documents import display_path

            text = display_path(text)
        return self.out.write(text)


CSV_FIELDS = ["a", "b", "score", "a_in_b", "b_in_a", "relation", "shared_sentences", "narrative_a_in_b",
              "narrative_b_in_a", "longest_run", "verbatim", "changed", "moved", "dropped", "added", "high_risk",
              "likely_source", "summary", "title_a", "title_b", "kept", "typography_only", "style"]

#: A spreadsheet runs a cell that starts with one of these as a formula (`=1+1.txt`, `@SUM(...)`, `-2+3`).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    """A text cell that a spreadsheet would run as a formula, quoted with a leading apostrophe (OWASP)."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def write_csv(result: ScanResult, out: IO) -> None:
    arts = result.articles
    with text_stream(out) as text:
        writer = csv.writer(text)
        writer.writerow(CSV_FIELDS)
        for p in result.pairs:
            f, g, a, b = p.fidelity, p.figures, arts[p.a], arts[p.b]
            writer.writerow([spreadsheet_safe(c) for c in (
                a.id, b.id, f"{p.score:.4f}", f"{p.overlap.a_in_b:.4f}", f"{p.overlap.b_in_a:.4f}",
                str(p.relation), g.shared_sentences, g.narrative_a_in_b, g.narrative_b_in_a, g.longest_run,
                f.verbatim, f.changed, f.moved, f.dropped, f.added, f.high_risk, f.likely_source or "", f.summary,
                a.title, b.title, f.kept, f.typography_only, f.style)])


# ---------------------------------------------------------------- HTML

def write_html(result: ScanResult, out: IO, generated: str | None = None) -> None:
    """The self-contained HTML report: a summary first, pair pages drawn on demand (see html_report)."""
    from app.core.html_report import write_html as write

    with text_stream(out) as text, _collector_paused():
        write(result, text, generated)
