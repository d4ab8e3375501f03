"""Versions, story families and lineage on real text: which copy came from which version, with the evidence."""

import os
import shutil
from datetime import datetime

from app.core.dates import parse_time, published
from app.core.report import to_json_dict
from app.core.scan import Settings, align_pair, run, scan
from tests.conftest import FIXTURES
from tests.fixtures.relations import build_chains
from tests.test_relations import ARTICLES, SYNTHETIC, article, relation

AP = ARTICLES / "15231_nytimes.com.txt"  # the AP "CEO says rolled out wrong" story as the NYT carried it
CHAIN_SOURCES = ARTICLES.parent / "chain_sources"
V1, V2 = ARTICLES / "18137_cnet.com.txt", ARTICLES / "12458_cnet.com.txt"  # CNET's story and its write-through


def paragraphs(path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n\n")


def write(folder, name: str, paras: list[str]) -> None:
    (folder / name).write_text("\n\n".join(paras), encoding="utf-8")


def edit(paras: list[str], old: str, new: str) -> list[str]:
    assert sum(old in p for p in paras) == 1, old
    return [p.replace(old, new) for p in paras]


def scanned(folder):
    result = run(scan([str(folder)], Settings(min_overlap=0.0, use_cache=False)))
    ids = [a.id for a in result.articles]
    return result, ids


def test_a_write_through_by_the_same_author_is_a_version_not_a_copy():
    # CNET's story of May 31 and its June 1 write-through: a new top over the earlier story's background
    rel, f = relation(V1.name, V2.name)
    assert rel == "version"
    assert max(f.aligned_a_in_b, f.aligned_b_in_a) >= 0.5 and min(f.new_top_a, f.new_top_b) >= 2


def test_two_reports_quoting_one_statement_are_never_copy_or_version():
    for a, b in [("quote_report_nbc.txt", "quote_report_blaze.txt"), ("05674_theblaze.com.txt", "15669_cnbc.com.txt")]:
        rel, f = relation(a, b)
        assert rel not in ("copy", "version"), (a, b, f)


def test_a_copy_of_a_copy_is_traced_to_the_copy_it_came_from(tmp_path):
    wire = paragraphs(AP)
    # outlet 1 trims the last paragraphs and introduces a typo; outlet 2 copies outlet 1 (typo carried on) and
    # changes a number; outlet 3 takes the wire directly and changes a name
    one = edit(wire[:-2], "rolled out its new anti-hate policy", "rolled out its new anti-hate poilcy")
    two = edit(one[:-1], "acquitted in 2008", "acquitted in 2009")
    three = edit(wire, "Daniel Ek said", "Dan Eck said")
    for name, paras in (("wire.txt", wire), ("outlet1.txt", one), ("outlet2.txt", two), ("outlet3.txt", three)):
        write(tmp_path, name, paras)
    result, ids = scanned(tmp_path)
    (family,) = result.families
    assert len(family.versions) == 1 and len(family.members) == 4
    source = {ids[s.copy]: None if s.source is None else ids[s.source] for s in family.lineage}
    assert source == {"wire.txt": None, "outlet1.txt": "wire.txt", "outlet2.txt": "outlet1.txt",
                      "outlet3.txt": "wire.txt"}
    by_copy = {ids[s.copy]: s for s in family.lineage}
    assert any("poilcy" in e for e in by_copy["outlet2.txt"].evidence)  # the typo it shares with its source only
    # against its own source, outlet 2 changed one number; against the wire it would also show outlet 1's typo
    against_wire = next(p for p in result.pairs if {ids[p.a], ids[p.b]} == {"wire.txt", "outlet2.txt"}).fidelity
    assert by_copy["outlet2.txt"].fidelity.high_risk == 1
    assert by_copy["outlet2.txt"].fidelity.changed < against_wire.changed
    roles = {frozenset((ids[p.a], ids[p.b])): p.role for p in result.pairs}
    assert roles[frozenset(("outlet1.txt", "outlet2.txt"))] == "source"
    assert roles[frozenset(("wire.txt", "outlet2.txt"))] == "copies"


def test_versions_and_their_reprints_form_one_family_with_a_tree_and_updates_are_not_outlets_edits(tmp_path):
    v1, v2 = paragraphs(V1), paragraphs(V2)
    write(tmp_path, "cnet_v1.txt", v1)
    write(tmp_path, "cnet_v2.txt", v2)
    # each version reprinted by an outlet that trims its last paragraph, the second one with a changed number
    write(tmp_path, "outlet_of_v1.txt", v1[:-1])
    write(tmp_path, "outlet_of_v2.txt", edit(v2[:-1], "With 75 million paying", "With 57 million paying"))
    result, ids = scanned(tmp_path)
    (family,) = result.families
    assert sorted(sorted(ids[m] for m in v.members) for v in family.versions) == [
        ["cnet_v1.txt", "outlet_of_v1.txt"], ["cnet_v2.txt", "outlet_of_v2.txt"]]
    assert [ids[v.reference] for v in family.versions] == ["cnet_v1.txt", "cnet_v2.txt"]  # dated May 31, June 1
    by_copy = {ids[s.copy]: s for s in family.lineage}
    assert by_copy["cnet_v1.txt"].source is None
    assert ids[by_copy["cnet_v2.txt"].source] == "cnet_v1.txt" and by_copy["cnet_v2.txt"].update
    assert ids[by_copy["outlet_of_v2.txt"].source] == "cnet_v2.txt" and not by_copy["outlet_of_v2.txt"].update
    assert by_copy["outlet_of_v2.txt"].fidelity.high_risk == 1
    for p in result.pairs:
        if {ids[p.a], ids[p.b]} == {"outlet_of_v1.txt", "outlet_of_v2.txt"}:
            assert p.relation == "version" and p.role == "update" and p.outlet_high_risk == 0
    # the JSON report carries the tree
    doc = to_json_dict(result)
    (fam,) = doc["families"]
    assert {s["copy"]: s["source"] for s in fam["lineage"]}["outlet_of_v2.txt"] == "cnet_v2.txt"
    assert len(fam["versions"]) == 2 and all(s["evidence"] for s in fam["lineage"])


def test_without_dates_in_the_text_the_files_modification_times_order_the_versions(tmp_path):
    v1, v2 = paragraphs(V1)[4:], paragraphs(V2)[4:]  # their dated lines cut away
    write(tmp_path, "later.txt", v1)
    write(tmp_path, "earlier.txt", v2)
    os.utime(tmp_path / "earlier.txt", (1_527_700_000, 1_527_700_000))
    os.utime(tmp_path / "later.txt", (1_527_800_000, 1_527_800_000))
    result, ids = scanned(tmp_path)
    (family,) = result.families
    source = {ids[s.copy]: s for s in family.lineage}
    assert source["earlier.txt"].source is None and ids[source["later.txt"].source] == "earlier.txt"
    assert any("file modification time" in e for e in source["later.txt"].evidence)


def test_published_and_updated_lines_give_the_page_its_time():
    cnn = article(ARTICLES / "01333_cnn.com.txt")
    when, line = published(cnn)
    assert line.startswith("Updated") and when.isoformat() == "2018-06-01T22:35:00"  # 6:35 PM ET in UTC
    assert parse_time("31 May 2018 4:05 pm BST").isoformat() == "2018-05-31T15:05:00"
    assert parse_time("Posted: 4:56 AM, June 02, 2018").isoformat() == "2018-06-02T04:56:00"
    assert parse_time("In May 2018 the company said") is None
    # a date inside an embedded post's signature is not the page's own time
    page = FIXTURES / "relations" / "articles" / "16223_dailymail.co.uk.txt"
    assert published(article(page))[0] is None


def test_the_seeds_still_give_exactly_the_ap_pair_as_copy(seeds, tmp_path):
    for f in seeds.iterdir():
        shutil.copy(f, tmp_path / f.name)
    result, _ = scanned(tmp_path)
    assert [(str(p.relation), p.role) for p in result.pairs] == [("copy", "source")]


def test_a_wire_story_updated_twice_and_reprinted_gets_its_versions_and_sources_from_the_times(tmp_path):
    # the AP Hofeller chain of the synthetic set: version 2 a new top, version 3 an added section; outlets' copies
    # with typos, changed numbers and trims; times as the files' modification times
    from tests.fixtures.relations import build_chains

    chains = FIXTURES / "relations" / "chains"
    rows = [r for r in build_chains.read_truth(chains) if r["story"] == "ap-hofeller"]
    folder = tmp_path / "chains"
    folder.mkdir()
    for r in rows:  # git keeps no modification times: the truth's publication times, as the chains' writer set them
        shutil.copy(chains / r["file"], folder / r["file"])
        t = datetime.fromisoformat(r["published"]).timestamp()
        os.utime(folder / r["file"], (t, t))
    result, ids = scanned(folder)
    (family,) = result.families
    truth = {r["file"]: r for r in rows}
    assert sorted(sorted(truth[ids[m]]["version"] for m in v.members) for v in family.versions) == [
        ["1"] * 4, ["2"] * 4, ["3"] * 3]
    got = {ids[s.copy]: ids[s.source] if s.source is not None else "" for s in family.lineage}
    assert got == {f: r["source"] for f, r in truth.items()}
    updates = [p for p in result.pairs if truth[ids[p.a]]["version"] != truth[ids[p.b]]["version"]]
    assert updates and all(p.relation == "version" and p.outlet_high_risk == 0 for p in updates)


def test_a_copy_trimmed_to_a_few_paragraphs_is_still_a_copy(tmp_path):
    # a CNET story as an outlet carried it (three paragraphs trimmed from the end and one dropped), cut shorter
    # still: its last two paragraphs gone too, two paragraphs of narrative and the statement's quotes are left
    chains = FIXTURES / "relations" / "chains"
    yahoo = paragraphs(chains / "20605_yahoo.com-news.txt")
    assert yahoo[-2].startswith("With 75 million paying members")
    write(tmp_path, "yahoo_cut.txt", yahoo[:-2])
    a, b = article(chains / "49506_cnet.com.txt"), article(tmp_path / "yahoo_cut.txt")
    _rows, _fidelity, rel, f = align_pair(a, b)
    assert rel == "copy" and f.aligned_b_in_a >= 0.9 and f.aligned_a_in_b < 0.35


def test_a_dateline_both_outlets_dropped_is_weaker_evidence_than_a_typo_the_copy_would_have_undone(tmp_path):
    # outlet 1 drops the wire's dateline and makes a typo in a short sentence; outlet 2 takes the wire, drops the
    # dateline too (every outlet may) and makes its own typo. Outlet 2 keeps outlet 1's short sentence as the wire
    # wrote it: an outlet does not undo another's typo, so its source is the wire, however short that sentence
    wire = paragraphs(AP)
    one = edit(wire[:-2], "NEW YORK — ", "")
    one = edit(one, "He faces no new charges.", "He faces no new cahrges.")
    two = edit(edit(wire[:-3], "NEW YORK — ", ""), "singling out particular artists", "singling out particlar artists")
    for name, paras in (("wire.txt", wire), ("outlet1.txt", one), ("outlet2.txt", two)):
        write(tmp_path, name, paras)
    result, ids = scanned(tmp_path)
    (family,) = result.families
    source = {ids[s.copy]: None if s.source is None else ids[s.source] for s in family.lineage}
    assert source == {"wire.txt": None, "outlet1.txt": "wire.txt", "outlet2.txt": "wire.txt"}


def test_a_copy_cut_short_that_matches_two_versions_does_not_join_them(tmp_path):
    # AP's Hofeller story as CBS and the Daily Mail carried it, the Chicago Tribune's shorter copy, and the AP
    # write-through (a new top over the same body). The Tribune's copy matches both versions as a copy, but the
    # two versions' own pairs are `version`: it joins the one holding its text, and the versions stay apart
    names = [ARTICLES / "08200_cbsnews.com.txt", CHAIN_SOURCES / "09990_dailymail.co.uk.txt",
             ARTICLES / "14730_chicagotribune.com.txt", SYNTHETIC / "write_through.txt"]
    for path in names:
        shutil.copy(path, tmp_path / path.name)  # copied in one go: no times, the text alone decides
    result, ids = scanned(tmp_path)
    (family,) = result.families
    versions = sorted(sorted(ids[m] for m in v.members) for v in family.versions)
    assert versions == [["08200_cbsnews.com.txt", "09990_dailymail.co.uk.txt", "14730_chicagotribune.com.txt"],
                        ["write_through.txt"]]
    relations = {frozenset((ids[p.a], ids[p.b])): p.relation for p in result.pairs}
    assert relations[frozenset(("14730_chicagotribune.com.txt", "write_through.txt"))] == "version"
    assert relations[frozenset(("14730_chicagotribune.com.txt", "08200_cbsnews.com.txt"))] == "copy"


def test_an_edit_carried_on_counts_where_the_copys_page_flags_the_sentence_it_sits_in(tmp_path):
    # CNET's write-through (the wire), the Miami Herald's trimmed copy with a typo ("criticsim"), and Yahoo's copy
    # of the Herald's: Yahoo's page carries a "Related Content" box above the story's quotes, here with its link
    # kept (News4Jax's, a real headline of the story), and the short copy's words seldom come twice, so the page
    # reads the paragraphs under the link, the typo's among them, as teasers of other stories. The typo is still
    # the edit Yahoo carried on: its source is the Herald's copy, not the wire, and the evidence quotes it
    chains = FIXTURES / "relations" / "chains"
    truth = {r["file"]: r for r in build_chains.read_truth(chains)}
    wire, herald, yahoo = "49506_cnet.com.txt", "13428_miamiherald.com.txt", "20605_yahoo.com-news.txt"
    for name in (wire, herald):
        shutil.copy(chains / name, tmp_path / name)
    page = paragraphs(chains / yahoo)
    box = page.index("Related Content") + 1
    news4jax = paragraphs(ARTICLES / "08215_news4jax.com.txt")
    link = news4jax[news4jax.index("Related Content") + 1]  # "Spotify has secret weapon"
    write(tmp_path, yahoo, [*page[:box], link, *page[box:]])
    for name in (wire, herald, yahoo):
        when = datetime.fromisoformat(truth[name]["published"]).timestamp()
        os.utime(tmp_path / name, (when, when))
    result, ids = scanned(tmp_path)
    page = result.articles[ids.index(yahoo)]
    typo = next(i for i, (s, e) in enumerate(page.sentences) if "criticsim" in page.text[s:e])
    assert typo in page.flagged_sentences()  # what the page shows: a teaser under "Related Content"
    (family,) = result.families
    source = {ids[s.copy]: None if s.source is None else ids[s.source] for s in family.lineage}
    assert source == {wire: None, herald: wire, yahoo: herald}
    assert any("criticsim" in e for e in family.source_of(ids.index(yahoo)).evidence)


def test_an_outlets_copy_cut_before_the_updates_added_section_with_a_changed_date_stays_a_copy(tmp_path):
    # AP's Spotify update as Fox Business carried it (the UltraViolet section added after the first take's body),
    # cut by an outlet before that section, with "May 10" retyped "May 11". From the text this is the shape of the
    # wire's first take against its update too; it stays `copy`, so the changed date is the outlet's high-risk edit
    update = paragraphs(CHAIN_SOURCES / "03270_foxbusiness.com.txt")
    cut = next(n for n, p in enumerate(update) if p.startswith("Women's advocacy group UltraViolet"))
    outlet = edit(update[:cut], "policy on May 10", "policy on May 11")
    write(tmp_path, "update.txt", update)
    write(tmp_path, "outlet.txt", outlet)
    a, b = (article(tmp_path / n) for n in ("update.txt", "outlet.txt"))
    _rows, fidelity, rel, f = align_pair(a, b)
    assert rel == "copy" and f.rewritten == 0.0 and f.aligned_b_in_a >= 0.9
    assert fidelity.high_risk == 1
