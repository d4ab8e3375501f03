"""Reports of a scan: the JSON document `wiretrace.scan/2`, CSV of the pairs, and a self-contained HTML page."""

from __future__ import annotations

import csv
import html
import io
import json

from app import __version__
from app.core.documents import has_escaped_bytes
from app.core.records import RowKind, ScanResult

SCHEMA = "wiretrace.scan/2"


def _span(span: tuple[int, int] | None) -> dict | None:
    return None if span is None else {"start": span[0], "end": span[1]}


def to_json_dict(result: ScanResult) -> dict:
    arts = result.articles
    return {
        "schema": SCHEMA,
        "generator": {"name": "wiretrace", "version": __version__},
        "settings": result.settings_dict(),
        "documents": [
            {"id": a.id, "path": a.path, "sha256": a.sha256, "encoding": a.encoding, "language": a.language,
             "title": a.title, "text": a.text,
             "sentences": [{"start": s, "end": e} for s, e in a.sentences],
             "flags": [f.as_dict() for f in a.flags],
             "headline": _span(a.headline), "deck": _span(a.deck)}
            for a in arts
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "pairs": [
            {"a": arts[p.a].id, "b": arts[p.b].id, "score": round(p.score, 4),
             "a_in_b": round(p.overlap.a_in_b, 4), "b_in_a": round(p.overlap.b_in_a, 4),
             "shared_shingles": p.overlap.shared, "relation": str(p.relation), "figures": p.figures.as_dict(),
             "fidelity": p.fidelity.as_dict(), "rows": [r.as_dict() for r in p.rows]}
            for p in result.pairs
        ],
        "families": [
            {"id": f.id, "title": f.title, "members": [arts[i].id for i in f.members],
             "reference": arts[f.reference].id, "reference_reason": f.reference_reason,
             "member_fidelity": [{"id": arts[i].id, **fid.as_dict()} for i, fid in f.member_fidelity],
             "links": [{"family": other, "relation": str(rel)} for other, rel in f.links]}
            for f in result.families
        ],
        "clusters": [[arts[i].id for i in sorted(fam.members)] for fam in result.families],
        "warnings": list(result.warnings),
    }


def write_json(result: ScanResult, out: io.TextIOBase) -> None:
    text = json.dumps(to_json_dict(result), ensure_ascii=False)  # one C-encoded string: far faster than dump
    paths = [a.path for a in result.articles] + [k.path for k in result.skipped]
    if any(map(has_escaped_bytes, paths)):
        # a file name that is not UTF-8 stays lossless as a JSON escape (\udcXX), and the file stays valid UTF-8
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    out.write(text)
    out.write("\n")


CSV_FIELDS = ["a", "b", "score", "a_in_b", "b_in_a", "relation", "shared_sentences", "narrative_a_in_b",
              "narrative_b_in_a", "longest_run", "verbatim", "changed", "moved", "dropped", "added", "high_risk",
              "likely_source", "summary"]


def write_csv(result: ScanResult, out: io.TextIOBase) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    arts = result.articles
    for p in result.pairs:
        f, g = p.fidelity, p.figures
        writer.writerow([arts[p.a].id, arts[p.b].id, f"{p.score:.4f}", f"{p.overlap.a_in_b:.4f}",
                         f"{p.overlap.b_in_a:.4f}", p.relation, g.shared_sentences, g.narrative_a_in_b,
                         g.narrative_b_in_a, g.longest_run, f.verbatim, f.changed, f.moved, f.dropped,
                         f.added, f.high_risk, f.likely_source or "", f.summary])


# ---------------------------------------------------------------- HTML

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1400px;color:#1d1d1f;background:#fff}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2.5em;border-top:2px solid #ccc;padding-top:.8em}
table.meta{border-collapse:collapse;font-size:13px}table.meta td,table.meta th{border:1px solid #ddd;padding:3px 8px;
text-align:left}code{font-size:12px}
table.pair{border-collapse:collapse;width:100%;table-layout:fixed}table.pair td{vertical-align:top;padding:4px 8px;
border-bottom:1px solid #eee}td.mark{width:2.2em;text-align:center;font-weight:bold;color:#555}
.same{background:#f6f6f6}.changed{background:#fff6d6}.moved{background:#e8ecff}.only{background:#e3f5e6}
.filler{background:repeating-linear-gradient(135deg,#fafafa 0 6px,#f0f0f0 6px 12px)}
del{background:#ffc9c9;text-decoration:line-through}ins{background:#b9f0c2;text-decoration:none;
border-bottom:2px solid #2c8a3c}.risk{outline:2px solid #d00;border-radius:2px}
.flag{color:#888;font-style:italic}.flag::before{content:"⚑ ";color:#b35c00;font-style:normal}
.legend span{display:inline-block;margin-right:1.2em}.high{color:#b00;font-weight:bold}
"""


def write_html(result: ScanResult, out: io.TextIOBase) -> None:
    arts = result.articles
    esc = html.escape
    w = out.write
    w(f"<!doctype html><html><head><meta charset='utf-8'><title>Wiretrace report</title><style>{_CSS}</style>"
      "</head><body>")
    w(f"<h1>Wiretrace report</h1><p>{len(arts)} articles, {len(result.pairs)} overlapping pairs, "
      f"{len(result.families)} story families, {len(result.skipped)} files skipped. Wiretrace {__version__}.</p>")
    w("<p class='legend'><span>= same</span><span>≈ changed (<del>removed</del> <ins>added</ins>, "
      "<span class='risk'>high risk</span>)</span><span>↕ moved</span><span>− only in A</span>"
      "<span>+ only in B</span><span class='flag'>flagged: not part of the article</span></p>")
    w("<h2>Settings</h2><table class='meta'>")
    for k, v in result.settings_dict().items():
        w(f"<tr><th>{esc(k)}</th><td>{esc(str(v))}</td></tr>")
    w("</table><h2>Files</h2><table class='meta'><tr><th>id</th><th>encoding</th><th>language</th>"
      "<th>flags</th><th>SHA-256</th></tr>")
    for a in arts:
        w(f"<tr><td>{esc(a.id)}</td><td>{esc(a.encoding)}</td><td>{esc(a.language)}</td><td>{len(a.flags)}</td>"
          f"<td><code>{a.sha256}</code></td></tr>")
    w("</table>")
    flagged = [a for a in arts if a.flags]
    if flagged:
        w("<h2>What does not belong</h2><p>Text flagged in each document, with the reason.</p>")
        for a in flagged:
            w(f"<h3>{esc(a.id)}</h3><table class='meta'><tr><th>kind</th><th>reason</th><th>text</th></tr>")
            for f in a.flags:
                snippet = a.text[f.start:f.end]
                snippet = snippet if len(snippet) <= 160 else snippet[:157] + "…"
                w(f"<tr><td>{esc(f.kind)}</td><td>{esc(f.reason)}</td><td class='flag'>{esc(snippet)}</td></tr>")
            w("</table>")
    if result.skipped:
        w("<h2>Skipped</h2><ul>" + "".join(f"<li>{esc(s.path)}: {esc(s.reason)}</li>" for s in result.skipped)
          + "</ul>")
    for p in result.pairs:
        a, b = arts[p.a], arts[p.b]
        w(f"<h2>A: {esc(a.id)} &nbsp;·&nbsp; B: {esc(b.id)}</h2><p>Overlap {p.score:.0%} "
          f"(A in B {p.overlap.a_in_b:.0%}, B in A {p.overlap.b_in_a:.0%}). {esc(p.fidelity.summary)} "
          f"{esc(p.fidelity.source_reason)}.</p><table class='pair'>")
        for row in p.rows:
            cls = {"only_a": "only", "only_b": "only"}.get(row.kind, row.kind)
            left = _side_html(a, row.a, row, "a") if row.a else ""
            right = _side_html(b, row.b, row, "b") if row.b else ""
            mark = RowKind(row.kind).mark + ("!" if row.severity == "high" else "")
            lc = cls if row.a else "filler"
            rc = cls if row.b else "filler"
            title = "high-risk change" if row.severity == "high" else row.kind.replace("_", " ")
            w(f"<tr><td class='{lc}'>{left}</td><td class='mark' title='{title}'>{esc(mark)}</td>"
              f"<td class='{rc}'>{right}</td></tr>")
        w("</table>")
    w("</body></html>\n")


def _side_html(article, idx: list[int], row, side: str) -> str:
    start, end = article.sentences[idx[0]][0], article.sentences[idx[-1]][1]
    text = article.text
    marks: list[tuple[int, int, str, str]] = []  # (start, end, open tag, close tag)
    for e in row.edits:
        span = e.a if side == "a" else e.b
        if span is None or e.op in ("equal", "typography"):
            continue
        tag = "del" if e.op == "delete" else "ins"
        risk = f" class='risk' title='{e.risk}'" if e.risk else ""
        marks.append((span[0], span[1], f"<{tag}{risk}>", f"</{tag}>"))
    for f in article.flags:
        s, t = max(start, f.start), min(end, f.end)
        if s < t:
            marks.append((s, t, f"<span class='flag' title='{html.escape(f.kind + ': ' + f.reason, quote=True)}'>",
                          "</span>"))
    marks.sort()
    out, pos = [], start
    for s, t, open_tag, close_tag in marks:
        if s < pos:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(open_tag + html.escape(text[s:t]) + close_tag)
        pos = t
    out.append(html.escape(text[pos:end]))
    return "".join(out).replace("\n", "<br>")
