"""The reports people send on: `compare` with every option, streamed JSON, spreadsheet-safe CSV, the HTML page."""

import csv
import html
import io
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app.core.html_report import read_data
from app.core.report import spreadsheet_safe, to_json_dict, write_html, write_json
from app.core.scan import compare_files, run, scan
from app.core.settings import Settings
from app.core.styling import PALETTES, Role
from tests.conftest import AP_A, AP_B, FIXTURES, ROOT, SEEDS


def wiretrace(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


# ---------------------------------------------------------------- compare


def test_compare_writes_json_html_and_csv_files(tmp_path):
    out = {k: tmp_path / f"pair.{k}" for k in ("json", "html", "csv")}
    proc = wiretrace("compare", str(AP_A), str(AP_B), "--json", str(out["json"]), "--html", str(out["html"]),
                     "--csv", str(out["csv"]))
    assert proc.returncode == 0, proc.stderr
    assert "1 overlapping pairs" in proc.stdout
    doc = json.loads(out["json"].read_text(encoding="utf-8"))
    assert doc["schema"] == "wiretrace.scan/3" and len(doc["pairs"]) == 1
    assert doc["pairs"][0]["relation"] == "copy"
    rows = list(csv.DictReader(out["csv"].open(encoding="utf-8", newline="")))
    assert [(r["a"], r["b"], r["relation"]) for r in rows] == [(AP_A.name, AP_B.name, "copy")]
    assert float(rows[0]["verbatim"]) > 0.5 and rows[0]["summary"].startswith("B keeps")
    page = out["html"].read_text(encoding="utf-8")
    assert "Copies that need an editor" in page
    assert any("Bennett visited Moscow" in d[2] for d in read_data(page)["docs"] if d)


def test_compare_json_to_standard_output_keeps_the_summary_off_it():
    proc = wiretrace("compare", str(AP_A), str(AP_B), "--json", "-")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["pairs"][0]["a"] == AP_A.name
    assert "overlapping pairs" in proc.stderr


def test_compare_without_options_prints_the_summary():
    proc = wiretrace("compare", str(AP_A), str(AP_B))
    assert proc.returncode == 0, proc.stderr
    assert "copy" in proc.stdout and "B keeps" in proc.stdout


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.txt", None, "no such file: "),
    ("folder", "dir", "not a file: "),
    ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "not text"),
    ("empty.txt", b"", "empty file"),
])
def test_compare_refuses_a_bad_file_in_one_line(tmp_path, name, content, message):
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    proc = wiretrace("compare", str(AP_A), str(path), "--json", str(tmp_path / "out.json"))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("wiretrace: ") and message in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "out.json").exists()


@pytest.mark.skipif(not hasattr(sys, "getuid") or sys.platform == "win32" or __import__("os").getuid() == 0,
                    reason="permissions do not stop root")
def test_compare_refuses_an_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    shutil.copy(AP_B, path)
    path.chmod(0)
    proc = wiretrace("compare", str(AP_A), str(path))
    assert proc.returncode == 2 and proc.stderr.strip() == f"wiretrace: cannot read an article: {path}: permission denied"


def test_compare_to_an_unwritable_place_is_one_line(tmp_path):
    proc = wiretrace("compare", str(AP_A), str(AP_B), "--html", str(tmp_path / "no" / "such" / "r.html"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "No such file or directory" in proc.stderr


# ---------------------------------------------------------------- JSON


class _Chunks(io.BytesIO):
    def __init__(self):
        super().__init__()
        self.largest = 0

    def write(self, data):
        self.largest = max(self.largest, len(data))
        return super().write(data)


def test_json_is_streamed_item_by_item_and_equals_the_documented_dict():
    result = run(scan([str(SEEDS)], Settings(use_cache=False)))
    sink = _Chunks()
    write_json(result, sink)
    whole = sink.getvalue()
    assert json.loads(whole) == json.loads(json.dumps(to_json_dict(result)))
    biggest_item = max(len(json.dumps(d, ensure_ascii=False).encode()) for d in to_json_dict(result)["documents"])
    assert sink.largest <= biggest_item * 1.2 < len(whole) / 2  # never the whole report in one piece


def test_json_to_a_text_stream_is_the_same_report():
    result = compare_files(str(AP_A), str(AP_B))
    text, raw = io.StringIO(), io.BytesIO()
    write_json(result, text)
    write_json(result, raw)
    assert text.getvalue().encode("utf-8") == raw.getvalue()


# ---------------------------------------------------------------- CSV


@pytest.mark.parametrize("cell", ["=1+1.txt", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"])
def test_cells_a_spreadsheet_would_run_are_neutralised(cell):
    assert spreadsheet_safe(cell) == "'" + cell
    assert spreadsheet_safe("a=1") == "a=1" and spreadsheet_safe(0.5) == 0.5


def test_file_names_that_look_like_formulas_are_inert_in_the_csv(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(AP_A, folder / "=1+1.txt")
    shutil.copy(AP_B, folder / "@SUM(A1).txt")
    out = tmp_path / "pairs.csv"
    proc = wiretrace("scan", str(folder), "--csv", str(out), "--no-cache")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == 2
    assert {rows[1][0], rows[1][1]} == {"'=1+1.txt", "'@SUM(A1).txt"}
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


# ---------------------------------------------------------------- HTML


class _Page(HTMLParser):
    """What a browser would build: elements with their attributes, and the text of each script."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _html(result) -> str:
    out = io.StringIO()
    write_html(result, out, generated="2026-01-02 03:04 UTC")
    return out.getvalue()


def test_html_report_on_the_seeds_has_its_summary_first(seeds):
    result = run(scan([str(seeds)], Settings(use_cache=False)))
    page = _html(result)
    summary = page.index("Copies that need an editor")
    assert page.index("5 articles read from") < summary < page.index("Story families") < page.index("wt-data")
    assert "2026-01-02 03:04 UTC" in page and "Wiretrace 0." in page
    for art in result.articles:  # every input's SHA-256
        assert art.sha256 in page
    assert "settings SHA-256" in page and "min_overlap" in page
    assert f"<a href='#p0'>{result.articles[result.pairs[0].a].title}</a>" in page


def test_html_report_loads_nothing_from_outside_and_runs_only_its_own_script(seeds):
    page = _html(run(scan([str(seeds)], Settings(use_cache=False))))
    parsed = _Page(page)
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp
    import base64
    import hashlib

    code = [s for (t, a), s in zip([x for x in parsed.tags if x[0] == "script"], parsed.scripts, strict=True)
            if a.get("type") != "application/octet-stream"]
    assert len(code) == 1
    assert "'sha256-" + base64.b64encode(hashlib.sha256(code[0].encode()).digest()).decode() + "'" in csp
    for _tag, attrs in parsed.tags:
        for name in ("src", "href", "action"):
            assert not attrs.get(name, "#").startswith(("http", "//")), attrs


def test_html_report_colours_are_the_palette():
    page = _html(compare_files(str(AP_A), str(AP_B)))
    light, dark = page.split("@media (prefers-color-scheme:dark)")
    for role in (Role.SHARED, Role.CHANGED, Role.MOVED, Role.ONLY_A, Role.ONLY_B):
        assert f".{role}{{background:{PALETTES['light'][role]}}}" in light
        assert f".{role}{{background:{PALETTES['dark'][role]}}}" in dark
    assert PALETTES["light"]["flagged"] in light and PALETTES["light"]["only_a"] != PALETTES["light"]["only_b"]


XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_payloads_in_text_titles_and_file_names_stay_inert(tmp_path):
    name = "<img src=x onerror=alert(3)>.txt"
    a, b = tmp_path / "a.txt", tmp_path / name
    headline, body = AP_A.read_text(encoding="utf-8").split("\n", 1)
    # the payload inside the article's own headline, so that it is the title
    a.write_text(f"{headline} {XSS}\n{body}\nThe mayor said </script><!-- {XSS} in May.\n", encoding="utf-8")
    b.write_text(f"{headline} {XSS}\n{body}\nThe mayor said </script><!-- {XSS} in June.\n", encoding="utf-8")
    result = compare_files(str(a), str(b))
    assert XSS in result.articles[0].title
    page = _html(result)
    parsed = _Page(page)
    assert [t for t, _ in parsed.tags].count("script") == 2  # the data block and the report's own script
    assert not any(t == "img" for t, _ in parsed.tags)
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    assert "<!--" not in page and "</script><img" not in page
    data = read_data(page)
    docs = [d for d in data["docs"] if d]
    assert {d[0] for d in docs} == {"a.txt", name}  # the text is all there, as data
    assert all(XSS in d[1] and "</script><!--" in d[2] for d in docs)
    assert "&lt;img src=x onerror=alert(3)&gt;.txt" in page  # the file name in the summary, escaped


def test_a_word_edit_inside_flagged_text_reaches_the_html(tmp_path):
    # a changed figure in text the engine flags must still be marked as changed (the one overlap rule): an AP
    # reprint and a copy whose flagged photo caption gives another date
    story = (FIXTURES / "flags" / "ap_census_centurylink.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(story, encoding="utf-8")
    (tmp_path / "b.txt").write_text(story.replace("In this May 1, 2018, file photo", "In this May 2, 2018, file photo"),
                                    encoding="utf-8")
    result = compare_files(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    data = read_data(_html(result))
    bits = data["bits"]
    flagged, deleted, inserted = (1 << bits.index(r) for r in ("flagged_text", "deleted", "inserted"))
    runs = [r[k:k + 4] for row in data["pairs"][0]["rows"] for r in (row[7], row[8]) if r
            for k in range(0, len(r), 4)]
    both = [r for r in runs if r[2] & flagged and r[2] & (deleted | inserted)]
    assert both, "the pair has an edit inside flagged text"
    assert all(data["strings"][r[3]].count("\n") == 1 for r in both)  # the tip names the flag and the edit


def test_html_report_of_a_generated_folder_stays_small(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import generate

    generate(tmp_path / "corpus", 200)
    result = run(scan([str(tmp_path / "corpus")], Settings(use_cache=False)))
    assert len(result.pairs) > 50
    page = _html(result)
    text = sum(len(a.text) for a in result.articles)
    # the text once, the rows as compact offsets, deflated: under the articles' own text (42.6 MB for 600 when
    # every pair was inlined, 1.6x the text when the data was plain JSON)
    assert len(page.encode()) < 0.6 * text  # 0.44x on this corpus
    assert page.count("<tr>") < 3 * len(result.pairs) + 2 * len(result.articles) + 50  # no pair inlined


@pytest.mark.skipif(sys.platform != "linux", reason="names that are not UTF-8 are a Linux thing")
def test_a_file_name_that_is_not_utf8_reaches_every_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(AP_A, bytes(folder) + b"/caf\xe9.txt")
    shutil.copy(AP_B, folder / "b.txt")
    result = run(scan([str(folder)], Settings(use_cache=False)))
    raw = {}
    for kind, writer in (("json", write_json), ("csv", __import__("app.core.report").core.report.write_csv),
                         ("html", write_html)):
        sink = io.BytesIO()
        writer(result, sink)
        raw[kind] = sink.getvalue().decode("utf-8")  # valid UTF-8 throughout
    assert {d["id"] for d in json.loads(raw["json"])["documents"]} == {"b.txt", "caf\udce9.txt"}  # lossless
    assert "caf\ufffd.txt" in raw["csv"] and "caf\ufffd.txt" in raw["html"]  # shown as a person reads it


def test_copies_against_their_source_come_first_ranked_by_high_risk_edits_then_other_relations(tmp_path):
    import shutil

    from app.core.records import PairRole, Relation
    from app.core.triage import figures
    from app.core.triage import order as triage_order

    articles = ROOT / "tests" / "fixtures" / "relations" / "articles"
    shutil.copytree(articles, tmp_path / "desk")
    ap = (articles / "15231_nytimes.com.txt").read_text(encoding="utf-8")
    # two outlets' copies of the AP story: one changes a year, the other a year and a name
    one = ap.replace("acquitted in 2008", "acquitted in 2009")
    (tmp_path / "desk" / "outlet1.txt").write_text(one, encoding="utf-8")
    (tmp_path / "desk" / "outlet2.txt").write_text(ap.replace("Daniel Ek said", "Dan Eck said"), encoding="utf-8")
    result = run(scan([str(tmp_path / "desk")], Settings(use_cache=False)))
    order = [result.pairs[n] for n in triage_order(result)]
    kinds = [(figures(p).identical, p.role is not PairRole.SOURCE, p.relation is not Relation.COPY) for p in order]
    assert kinds == sorted(kinds)
    assert {p.relation for p in order} >= {Relation.COPY, Relation.VERSION, Relation.PARTIAL}
    copies = [p.fidelity.high_risk for p in order if p.role is PairRole.SOURCE and not figures(p).identical]
    assert copies == sorted(copies, reverse=True) and copies[0] > 0
    page = _html(result)
    first = order[0]
    assert page.index(f"<a href='#p{result.pairs.index(first)}'>") < page.index("share a block of text or only quotes")


def test_an_unchanged_rescan_writes_the_same_reports_from_the_cache(tmp_path):
    outputs = []
    for n in (1, 2):
        paths = {k: tmp_path / f"run{n}.{k}" for k in ("json", "csv", "html")}
        proc = wiretrace("scan", str(SEEDS), *[x for k, p in paths.items() for x in (f"--{k}", str(p))])
        assert proc.returncode == 0, proc.stderr
        outputs.append((proc.stdout, *(p.read_bytes() for p in paths.values())))
    assert outputs[0] == outputs[1]
    assert b"\r\n" in outputs[1][2]  # the CSV's own line ends survive the cache


def test_a_report_too_large_to_keep_is_written_whole_and_again_on_an_unchanged_rescan(tmp_path, monkeypatch):
    from app import cli

    monkeypatch.setattr(cli, "CACHED_REPORT_MAX", 4096)  # the JSON of the seeds is larger, their CSV smaller
    reports = []
    for n in (1, 2):
        paths = {k: tmp_path / f"run{n}.{k}" for k in ("json", "csv")}
        assert cli.cmd_scan([str(SEEDS), "--json", str(paths["json"]), "--csv", str(paths["csv"])]) == 0
        reports.append([p.read_bytes() for p in paths.values()])
    assert reports[0] == reports[1] and len(reports[0][0]) > 4096 >= len(reports[0][1])
    json.loads(reports[1][0])  # whole, not cut where the copy for the cache stopped


def _report_of_the_relations_fixtures() -> tuple:
    result = run(scan([str(FIXTURES / "relations" / "articles")], Settings(use_cache=False)))
    assert len({p.relation for p in result.pairs}) >= 3  # copies, versions and looser relations
    return result, _html(result)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the page's own inflate code")
def test_the_pages_own_inflate_code_reads_back_the_data_python_packed(tmp_path):
    from app.core.html_report import INFLATE_JS

    result, page = _report_of_the_relations_fixtures()
    packed = re.search(r"id='wt-data'>([^<]*)</script>", page).group(1)
    (tmp_path / "packed.b64").write_text(packed, encoding="ascii")
    # Node has atob, Blob, Response and DecompressionStream as a browser does
    code = INFLATE_JS + "inflate(require('fs').readFileSync(process.argv[1],'latin1')).then(t=>process.stdout.write(t))"
    proc = subprocess.run(["node", "-e", code, str(tmp_path / "packed.b64")], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data == read_data(page)
    texts = {d[0]: d[2] for d in data["docs"] if d}
    assert all(texts[a.id] == a.text for a in result.articles if a.id in texts)  # every article's text, intact


def _chromium() -> str | None:
    return next((b for b in ("chromium", "chromium-browser", "chromium-headless-shell") if shutil.which(b)), None)


def _dom(browser: str, page: Path, fragment: str) -> str:
    proc = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
                           "--dump-dom", page.as_uri() + fragment], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.decode("utf-8")


@pytest.mark.skipif(_chromium() is None, reason="needs a Chromium to open the page")
def test_chromium_opens_each_kind_of_pair_from_the_packed_data(tmp_path):
    result, page = _report_of_the_relations_fixtures()
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    data = read_data(page)
    summary = _dom(_chromium(), path, "")
    assert "<section id=\"pair\" hidden=\"\"></section>" in summary  # opening costs the summary only
    by_relation = {}
    for n, p in enumerate(result.pairs):
        by_relation.setdefault(p.relation, n)
    for n in by_relation.values():
        p = result.pairs[n]
        drawn = _dom(_chromium(), path, f"#p{n}")
        section = drawn[drawn.index("<section id=\"pair\">"):]
        a, b = result.articles[p.a], result.articles[p.b]
        assert f"A: {html.escape(a.title or a.id)}  ·  B: {html.escape(b.title or b.id)}" in section
        rows = section[section.index("<table class=\"pair\">"):].split("</table>")[0]
        assert rows.count("<tr>") == len(data["pairs"][n]["rows"])
        shown = html.unescape(re.sub(r"<[^>]+>", "", rows))
        for row in data["pairs"][n]["rows"]:  # every row's text on both sides, as text
            assert a.text[row[3]:row[4]] in shown and b.text[row[5]:row[6]] in shown


@pytest.mark.parametrize("args", [["scan", str(FIXTURES / "relations" / "articles"), "--json", "-", "--no-cache"],
                                  ["compare", str(AP_A), str(AP_B), "--csv", "-"],
                                  ["watch", str(SEEDS), "--jsonl", "-", "--no-cache"]],
                         ids=["scan --json -", "compare --csv -", "watch --jsonl -"])
def test_a_report_piped_to_a_reader_that_stops_early_ends_quietly(args):
    # `wiretrace scan --json - | head`: the reader is gone before the first line is written
    proc = subprocess.Popen([sys.executable, "-m", "app", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=ROOT)
    proc.stdout.close()
    try:
        err = proc.stderr.read().decode("utf-8", "replace")
        code = proc.wait(timeout=120)
    finally:
        proc.kill()
    assert code == 0, err
    assert "Traceback" not in err and "Broken pipe" not in err and "Exception ignored" not in err, err
