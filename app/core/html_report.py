"""The HTML report: one self-contained page, a summary first, each pair's page drawn on demand from compact data.

Opening it costs the summary only: the pairs' rows travel as compact JSON (text once per document, styled runs
from `styling` as offsets), deflated and base64-encoded in an inert `<script type=application/octet-stream>`
block; the page's own script inflates it with the browser's `DecompressionStream` (no library) when a pair's
link is first followed, and draws that pair. A Content-Security-Policy lets nothing but that script and the
page's own style run or load: no network, no other script. Every piece of article text, title and file name is
escaped in the markup, and sits inside the data as base64, which can never end or change the block.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import zlib
from datetime import UTC, datetime
from typing import IO

import orjson

from app import __version__
from app.core.lineage import lineage_tree
from app.core.pair_model import PairModel
from app.core.records import PairRole, ScanResult
from app.core.revision import ENGINE_REVISION
from app.core.styling import LABELS, LEGEND, MARKS, PALETTES, Role
from app.core.triage import COLUMNS, Figures, Tier, figures, order

#: Block roles by their code in the embedded data; run roles by their bit.
BLOCK_CODES = (Role.SHARED, Role.CHANGED, Role.MOVED, Role.ONLY_A, Role.ONLY_B, Role.FLAGGED, Role.FILLER, Role.UPDATE)
RUN_BITS = (Role.DELETED, Role.INSERTED, Role.TYPOGRAPHY, Role.HIGH_RISK, Role.FLAGGED_TEXT, Role.STYLE)
#: Pairs shown in the summary's ranked table before the rest fold away.
RANKED_SHOWN = 50
#: Lineage depths indented in the families table; deeper copies line up with the last.
LINEAGE_DEPTHS = 8


def _css() -> str:
    def palette(p: dict[str, str]) -> str:
        blocks = "".join(f".{r}{{background:{p[r]}}}" for r in (Role.SHARED, Role.CHANGED, Role.MOVED,
                                                                   Role.ONLY_A, Role.ONLY_B, Role.UPDATE))
        return (f"body{{color:{p['text']};background:{'#fff' if p is PALETTES['light'] else '#1e1e1e'}}}{blocks}"
                f".flagged{{background:repeating-linear-gradient(135deg,{p['flagged']} 0 6px,{p['filler']} 6px 12px)}}"
                f".filler{{background:repeating-linear-gradient(135deg,transparent 0 6px,{p['filler']} 6px 12px)}}"
                f".deleted{{background:{p['deleted']};text-decoration-line:line-through}}"
                f".inserted{{background:{p['inserted']};text-decoration-line:underline}}"
                f".typography{{text-decoration:underline dotted {p['typography']}}}"
                f".high_risk{{font-weight:bold;text-decoration-line:underline;text-decoration-style:wavy;"
                f"text-decoration-color:{p['high_risk']}}}.deleted.high_risk{{text-decoration-line:line-through underline}}"
                f".flagged_text{{color:{p['flagged_text']};font-style:italic}}.risk{{color:{p['high_risk']}}}"
                f".style{{background:{p['style']};text-decoration-style:dotted;"
                f"text-decoration-color:{p['typography']}}}.legend .style{{text-decoration-line:underline}}")

    return ("body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1400px;padding:0 1em}"
            "h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin-top:1.8em;border-top:2px solid #8884;"
            "padding-top:.6em}table{border-collapse:collapse}td,th{padding:3px 8px;text-align:left;vertical-align:top;"
            "border-bottom:1px solid #8883}th{font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}"
            "code{font-size:12px}summary{cursor:pointer}details{margin:.4em 0}.muted{opacity:.7}"
            "table.pair{width:100%;table-layout:fixed}table.pair td{white-space:pre-wrap;padding:4px 8px}"
            "table.pair td.mark{width:2.6em;text-align:center;font-weight:bold;white-space:nowrap}"
            ".legend span{display:inline-block;margin:0 .4em .3em 0;padding:1px 6px;border-radius:3px}"
            "nav.pairnav a{margin-right:1.2em}"
            # the lineage's depth as classes: the CSP blocks style attributes
            + "".join(f"td.d{k}{{padding-left:{1.2 * k:.1f}em}}" for k in range(1, LINEAGE_DEPTHS + 1))
            + palette(PALETTES["light"])
            + "@media (prefers-color-scheme:dark){" + palette(PALETTES["dark"]) + "a{color:#8ab4ff}}")


# How the page inflates its data: base64 to bytes, then the browser's own DecompressionStream (zlib format).
# A function of its own so that a test can run these very lines (in Node) against the data Python wrote.
INFLATE_JS = """function inflate(b64){var b=atob(b64),u=new Uint8Array(b.length);for(var i=0;i<b.length;i++)u[i]=b.charCodeAt(i);
return new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("deflate"))).text();}"""

# The pair page, drawn from the embedded data. Text goes in with textContent only, never as markup.
_SCRIPT = """(function(){"use strict";
var D=null,P=null,sec=document.getElementById("pair"),home=document.getElementById("summary"),
src=document.getElementById("wt-data");
""" + INFLATE_JS + """
function load(){if(!P)P=(typeof DecompressionStream==="function"?inflate(src.textContent):
Promise.reject(new Error("this browser cannot inflate the report's data (DecompressionStream)")))
.then(function(t){D=JSON.parse(t);return D;});return P;}
function fail(e){sec.textContent="";sec.hidden=false;home.hidden=true;sec.appendChild(el("p",null,
"The pair cannot be drawn: "+e.message+". Chrome 80, Firefox 113, Safari 16.4 or later open it."));}
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
function fill(td,t,s,runs){if(!runs){td.textContent=t;return;}var S=D.strings,B=D.bits;
for(var k=0;k<runs.length;k+=4){var x=t.slice(runs[k]-s,runs[k+1]-s),bits=runs[k+2],tip=runs[k+3];
if(!bits&&!tip){td.appendChild(document.createTextNode(x));continue;}
var cls=[];for(var j=0;j<B.length;j++)if(bits&(1<<j))cls.push(B[j]);
var e=el(bits&1?"del":bits&2?"ins":"span",cls.join(" "),x);if(tip)e.title=S[tip];td.appendChild(e);}}
function link(href,label){var a=el("a",null,label);a.href=href;return a;}
function show(n){var d=D,p=d.pairs[n];if(!p){sec.hidden=true;home.hidden=false;return;}
var A=d.docs[p.a],Bd=d.docs[p.b];sec.textContent="";sec.hidden=false;
var nav=el("nav","pairnav");var at=d.order.indexOf(n);nav.appendChild(link("#summary","\\u2191 summary"));
if(at>0)nav.appendChild(link("#p"+d.order[at-1],"\\u2190 previous pair"));
if(at<d.order.length-1)nav.appendChild(link("#p"+d.order[at+1],"next pair \\u2192"));sec.appendChild(nav);
sec.appendChild(el("h2",null,"A: "+A[1]+"  \\u00b7  B: "+Bd[1]));
sec.appendChild(el("p","muted","A: "+A[0]+"   B: "+Bd[0]));
for(var i=0;i<p.h.length;i++)sec.appendChild(el("p",i?null:"lead",p.h[i]));
sec.appendChild(document.getElementById("legend").cloneNode(true));
var tb=el("table","pair"),R=d.blocks;
for(var r=0;r<p.rows.length;r++){var w=p.rows[r],tr=el("tr");
var l=el("td",R[w[1]]),m=el("td","mark"+(w[0].indexOf("!")>=0?" risk":""),w[0]),g=el("td",R[w[2]]);
if(w[4]>w[3])fill(l,A[2].slice(w[3],w[4]),w[3],w[7]);if(w[6]>w[5])fill(g,Bd[2].slice(w[5],w[6]),w[5],w[8]);
tr.appendChild(l);tr.appendChild(m);tr.appendChild(g);tb.appendChild(tr);}
sec.appendChild(tb);var fl=[[A,"A"],[Bd,"B"]],any=false,ft=el("table");
ft.appendChild(el("tr")).append(el("th",null,"side"),el("th",null,"kind"),el("th",null,"reason"),el("th",null,"text"));
for(var q=0;q<2;q++){var doc=fl[q][0],f=doc[3];for(var k=0;k<f.length;k+=4){any=true;var s=doc[2].slice(f[k],f[k+1]);
if(s.length>200)s=s.slice(0,197)+"\\u2026";ft.appendChild(el("tr")).append(el("td",null,fl[q][1]),
el("td",null,d.strings[f[k+2]]),el("td",null,d.strings[f[k+3]]),el("td","flagged_text",s));}}
sec.appendChild(el("h3",null,any?"Flagged in this pair: not part of the article":"Nothing flagged in this pair"));
if(any)sec.appendChild(ft);home.hidden=true;window.scrollTo(0,0);}
function route(){var m=/^#p(\\d+)$/.exec(location.hash),n=m?+m[1]:!location.hash&&src.dataset.one?0:-1;
if(n<0){sec.hidden=true;home.hidden=false;return;}load().then(function(){show(n);},fail);}
window.addEventListener("hashchange",route);route();})();"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


class _Strings:
    """A table of the distinct strings (tips, flag kinds and reasons) the data refers to by index."""

    def __init__(self):
        self.items: list[str] = [""]
        self.index: dict[str, int] = {"": 0}

    def __call__(self, text: str) -> int:
        n = self.index.get(text)
        if n is None:
            n = self.index[text] = len(self.items)
            self.items.append(text)
        return n


def _packed(value) -> str:
    """The data as the page's script reads it: compact JSON, deflated (zlib format), base64."""
    try:
        raw = orjson.dumps(value)
    except orjson.JSONEncodeError:  # a file name that is not UTF-8: written with replacement characters
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        raw = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").encode("utf-8")
    # level 6: within 2% of level 9 on real coverage, in half the time
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def read_data(page: str) -> dict:
    """The pair data a report carries, unpacked as its own script unpacks it (for tests and tools)."""
    packed = re.search(r"id='wt-data'[^>]*>([^<]*)</script>", page).group(1)
    return json.loads(zlib.decompress(base64.b64decode(packed)))


def _runs_data(model: PairModel, n: int, side: str, strings: _Strings) -> list[int] | int:
    runs = model.runs(n, side)
    if len(runs) == 1 and not runs[0].roles:
        return 0  # the common case, plain text: no runs to send
    flat: list[int] = []
    for run in runs:
        bits = sum(1 << n for n, role in enumerate(RUN_BITS) if role in run.roles)
        flat += (run.start, run.end, bits, strings(run.tip) if run.tip else 0)
    return flat


def _pair_data(model: PairModel, strings: _Strings) -> dict:
    p, a, b = model.pair, model.article_a, model.article_b
    rows = []
    for n, row in enumerate(model.rows):
        role_a, role_b, mark = model.row_look(n)
        sa, ea = (a.sentences[row.a[0]][0], a.sentences[row.a[-1]][1]) if row.a else (0, 0)
        sb, eb = (b.sentences[row.b[0]][0], b.sentences[row.b[-1]][1]) if row.b else (0, 0)
        rows.append([mark, BLOCK_CODES.index(role_a), BLOCK_CODES.index(role_b), sa, ea, sb, eb,
                     _runs_data(model, n, "a", strings) if row.a else 0,
                     _runs_data(model, n, "b", strings) if row.b else 0])
    t = figures(p)
    head = [f"{p.relation.label.capitalize()}: {p.relation.description}. {p.role.label.capitalize()}: "
            f"{p.role.description}. {t.summary()}",
            f"{p.fidelity.source_reason}. Overlap {p.score:.0%} (A in B {p.overlap.a_in_b:.0%}, "
            f"B in A {p.overlap.b_in_a:.0%})."]
    # the figures as the summary tables print them, so a pair's page and its row can never disagree
    return {"a": p.a, "b": p.b, "h": head, "f": list(t.cells()), "rows": rows}


def _name(art) -> str:
    return art.title or art.id


def write_html(result: ScanResult, out: IO[str], generated: str | None = None) -> None:
    esc = html.escape
    w = out.write
    arts = result.articles
    generated = generated or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    css = _css()
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(_SCRIPT)}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    w("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
      f"<meta http-equiv='Content-Security-Policy' content=\"{csp}\">"
      "<meta name='viewport' content='width=device-width'><title>Wiretrace report</title>"
      f"<style>{css}</style></head><body><main id='summary'>")

    ranked = order(result)
    one = _pair_only(result)
    relations: dict[str, int] = {}
    for p in result.pairs:
        relations[p.relation.label] = relations.get(p.relation.label, 0) + 1
    folders = sorted({os.path.dirname(a.path) for a in arts})
    where = os.path.commonpath(folders) if folders else ""
    if one:  # a pair's own report: that pair, never the scan it came from
        p = result.pairs[0]
        w(f"<h1>Wiretrace: one pair</h1><p>{esc(_name(arts[p.a]))} and {esc(_name(arts[p.b]))}, compared on "
          f"{esc(generated)} by Wiretrace {esc(__version__)} (engine {esc(ENGINE_REVISION[:12])}).</p>")
    else:
        w("<h1>Wiretrace report</h1>"
          f"<p>{len(arts)} articles read from <code>{esc(where)}</code> on {esc(generated)}, by Wiretrace {esc(__version__)} "
          f"(engine {esc(ENGINE_REVISION[:12])}). {len(result.pairs)} overlapping pairs"
          + (" (" + ", ".join(f"{n} {esc(k)}" for k, n in relations.items()) + ")" if relations else "")
          + f", {len(result.families)} story families, {len(result.skipped)} files skipped, "
          f"{sum(len(a.flags) for a in arts)} spans flagged as not part of an article.</p>")
    _legend(w)
    if result.warnings:
        w("<h2>Warnings</h2><ul>" + "".join(f"<li>{esc(x)}</li>" for x in result.warnings) + "</ul>")
    _ranked_pairs(w, result, ranked)
    if not one:
        _families(w, result)
    if result.skipped:
        w(f"<h2>Skipped files ({len(result.skipped)})</h2><table><tr><th>file</th><th>why</th></tr>"
          + "".join(f"<tr><td>{esc(s.path)}</td><td>{esc(s.reason)}</td></tr>" for s in result.skipped)
          + "</table>")
    _inputs(w, result)
    w("</main><section id='pair' hidden></section>")

    strings = _Strings()
    in_pairs = {i for p in result.pairs for i in (p.a, p.b)}
    pairs = [_pair_data(PairModel.of(result, n), strings) for n in range(len(result.pairs))]
    docs = []
    for i, a in enumerate(arts):
        if i not in in_pairs:
            docs.append(0)
            continue
        flags: list[int] = []
        for f in a.flags:
            flags += (f.start, f.end, strings(f.kind), strings(f.reason))
        docs.append([a.id, _name(a), a.text, flags])
    data = {"docs": docs, "pairs": pairs, "order": ranked, "strings": strings.items,
            "blocks": [str(r) for r in BLOCK_CODES], "bits": [str(r) for r in RUN_BITS]}
    # a pair's own report opens on the pair: said outside the packed data, so the summary never waits for it
    w(f"<script type='application/octet-stream' id='wt-data'{' data-one=1' if one else ''}>")
    w(_packed(data))
    w(f"</script><script>{_SCRIPT}</script></body></html>\n")


def _pair_only(result: ScanResult) -> bool:
    """A pair's own report (the pair shown, exported): that pair and its two articles, nothing else listed."""
    return result.pair_only and len(result.pairs) == 1


def _legend(w) -> None:
    parts = []
    for role in LEGEND:
        label = f"{MARKS.get(role, '')} {LABELS[role]}".strip()
        if role is Role.DELETED:
            parts.append(f"<span><del class='deleted'>{html.escape(label)}</del></span>")
        elif role is Role.INSERTED:
            parts.append(f"<span><ins class='inserted'>{html.escape(label)}</ins></span>")
        elif role is Role.HIGH_RISK:
            parts.append(f"<span class='high_risk'>{html.escape(label)}: a number, name, quotation, negation, "
                         "hedging or attribution</span>")
        else:
            parts.append(f"<span class='{role}'>{html.escape(label)}</span>")
    w("<p class='legend' id='legend'>" + "".join(parts) + "</p>")


def _figure_cells(t: Figures) -> str:
    return "".join(f"<td class='n{' risk' if c is COLUMNS[-1] and t.high_risk else ''}"
                   f"{' update' if c is COLUMNS[-1] and t.tier is Tier.UPDATE else ''}'>{text}</td>"
                   for c, text in zip(COLUMNS, t.cells(), strict=True))


def _figure_heads(a: str = "A", b: str = "B") -> str:
    return "".join(f"<th title='{html.escape(c.tooltip(a, b))}'>{html.escape(c.header(a, b))}</th>" for c in COLUMNS)


def _pair_row(result: ScanResult, n: int, rank: int | None = None) -> str:
    esc = html.escape
    p = result.pairs[n]
    a, b = result.articles[p.a], result.articles[p.b]
    first = f"<td class='n'>{rank}</td>" if rank is not None else ""
    return (f"<tr>{first}<td>{esc(p.relation.label)}</td>"
            f"<td><a href='#p{n}'>{esc(_name(a))}</a><br><span class='muted'>{esc(a.id)}</span></td>"
            f"<td>{esc(_name(b))}<br><span class='muted'>{esc(b.id)}</span></td>{_figure_cells(figures(p))}</tr>")


_PAIR_HEAD = "<th>relation</th><th>A (open the pair)</th><th>B</th>" + _figure_heads()


def _ranked_pairs(w, result: ScanResult, ranked: list[int]) -> None:
    pairs = result.pairs
    tier = {n: figures(pairs[n]).tier for n in ranked}
    source = [n for n in ranked if pairs[n].role is PairRole.SOURCE and tier[n] is not Tier.IDENTICAL]
    need = [n for n in source if tier[n] is Tier.NEEDS_EDITOR]
    edited = [n for n in source if tier[n] is not Tier.NEEDS_EDITOR]
    siblings = [n for n in ranked if pairs[n].role is PairRole.COPIES and tier[n] is not Tier.IDENTICAL]
    updates = [n for n in ranked if pairs[n].role is PairRole.UPDATE and tier[n] is not Tier.IDENTICAL]
    other = [n for n in ranked if pairs[n].role is PairRole.OTHER and tier[n] is not Tier.IDENTICAL]
    same = [n for n in ranked if tier[n] is Tier.IDENTICAL]
    w(f"<h2>Copies that need an editor ({len(need)})</h2>")
    if need:
        w("<p>Each copy against the copy or version it was taken from (its source, A) where the outlet changed a fact "
          "or its meaning (a number, name, quotation, negation, hedging or attribution; style edits are counted "
          "apart), most high-risk edits first, then by how much differs. Kept, changed and dropped are shares of "
          "A's text (together 100%); added is a share of B's.</p>"
          f"<table><tr><th>#</th>{_PAIR_HEAD}</tr>")
        w("".join(_pair_row(result, n, k + 1) for k, n in enumerate(need[:RANKED_SHOWN])))
        w("</table>")
        if len(need) > RANKED_SHOWN:
            w(f"<details><summary>{len(need) - RANKED_SHOWN} more copies</summary><table><tr><th>#</th>{_PAIR_HEAD}</tr>")
            w("".join(_pair_row(result, n, k + 1) for k, n in enumerate(need) if k >= RANKED_SHOWN))
            w("</table></details>")
    else:
        w("<p>None: no copy changes a fact or its meaning.</p>")
    if edited:
        w(f"<details><summary>{len(edited)} copies edited with nothing high-risk (wording, style, order, trims)"
          f"</summary><table><tr>{_PAIR_HEAD}</tr>" + "".join(_pair_row(result, n) for n in edited) + "</table></details>")
    if siblings:
        w(f"<details><summary>{len(siblings)} pairs of copies of one version, neither taken from the other: two "
          f"outlets' edits at once</summary><table><tr>{_PAIR_HEAD}</tr>"
          + "".join(_pair_row(result, n) for n in siblings) + "</table></details>")
    if updates:
        w(f"<details><summary>{len(updates)} pairs of two versions of one report: the wire's own update, not an "
          f"outlet's edit</summary><table><tr>{_PAIR_HEAD}</tr>"
          + "".join(_pair_row(result, n) for n in updates) + "</table></details>")
    if other:
        w(f"<details><summary>{len(other)} pairs that share a block of text or only quotes: different reports"
          f"</summary><table><tr>{_PAIR_HEAD}</tr>" + "".join(_pair_row(result, n) for n in other) + "</table></details>")
    if same:
        w(f"<details><summary>{len(same)} identical copies: nothing to check</summary>"
          f"<table><tr>{_PAIR_HEAD}</tr>" + "".join(_pair_row(result, n) for n in same) + "</table></details>")


def _families(w, result: ScanResult) -> None:
    esc = html.escape
    arts = result.articles
    pair_of = {frozenset((p.a, p.b)): n for n, p in enumerate(result.pairs)}
    w(f"<h2>Story families ({len(result.families)})</h2>")
    if not result.families:
        w("<p>No two articles are copies of one report.</p>")
        return
    w("<p>Copies and versions of one report. Each family's lineage is a tree: the first version, the versions "
      "after it (the wire's updates), the outlets' copies of each and copies of those copies. Each member's "
      "fidelity is against the copy or version it most likely came from, with the evidence.</p>")
    for fam in result.families:
        ref = arts[fam.reference]
        links = ", ".join(f"{esc(str(rel))} family {other}" for other, rel in fam.links)
        versions = f", {len(fam.versions)} versions" if len(fam.versions) > 1 else ""
        w(f"<details><summary><b>{esc(fam.title or _name(ref))}</b>: {len(fam.members)} copies{versions}, reference "
          f"{esc(ref.id)}{f'; linked: {links}' if links else ''}</summary>"
          f"<p class='muted'>Family {fam.id}. Reference chosen because {esc(fam.reference_reason)}.</p>"
          f"<table><tr><th>member, under its source</th>{_figure_heads('the source', 'the member')}</tr>")
        for node in lineage_tree(fam):
            src = node.source
            n = None if src.source is None else pair_of.get(frozenset((src.source, src.copy)))
            name = esc(_name(arts[src.copy]))
            cell = f"<a href='#p{n}'>{name}</a>" if n is not None else name
            pad = f" class='d{min(node.depth, LINEAGE_DEPTHS)}'" if node.depth else ""
            what = "the first version" if src.source is None else ("a version after" if src.update else "taken from")
            note = "" if src.source is None else f" {esc(arts[src.source].id)}"
            evidence = f"<br><span class='muted'>{what}{note}: {esc('; '.join(src.evidence))}</span>"
            if src.fidelity is None:
                w(f"<tr><td{pad}>{cell}{evidence}</td><td colspan='5'></td></tr>")
                continue
            w(f"<tr><td{pad}>{'└ ' if node.depth else ''}{cell}{evidence}</td>"
              f"{_figure_cells(Figures.of(src.fidelity, update=src.update))}</tr>")
        w("</table></details>")


def _inputs(w, result: ScanResult) -> None:
    esc = html.escape
    settings = result.settings_dict()
    digest = hashlib.sha256(orjson.dumps(settings, option=orjson.OPT_SORT_KEYS)).hexdigest()
    w("<h2>Settings and inputs</h2><table>"
      + "".join(f"<tr><th>{esc(k)}</th><td>{esc(str(v))}</td></tr>" for k, v in settings.items())
      + f"<tr><th>settings SHA-256</th><td><code>{digest}</code></td></tr></table>")
    shown = ([result.articles[i] for i in (result.pairs[0].a, result.pairs[0].b)] if _pair_only(result)
             else result.articles)
    w(f"<details><summary>{len(shown)} files read, with the SHA-256 of each</summary><table><tr><th>file"
      "</th><th>title</th><th>encoding</th><th>language</th><th>flags</th><th>SHA-256</th></tr>")
    w("".join(_input_row(a) for a in shown))
    w("</table></details>")


def _input_row(a) -> str:
    esc = html.escape
    return (f"<tr><td>{esc(a.id)}</td><td>{esc(a.title)}</td><td>{esc(a.encoding)}</td><td>{esc(a.language)}</td>"
            f"<td class='n'>{len(a.flags)}</td><td><code>{a.sha256}</code></td></tr>")
