"""High-risk means a change of fact or meaning: word edits of real reprints, classified as an editor would."""

import json

import pytest

from app.core.align import align_sentences
from app.core.edits import classify_edit
from app.core.records import EditClass, EditReason
from app.core.relations import verdict_rows
from app.core.scan import align_pair, compare_files
from app.core.sentences import split_sentences
from app.core.styling import Role, side_runs
from tests.conftest import AP_A, AP_B, FIXTURES
from tests.test_relations import article

LABELLED = {e["id"]: e for e in map(json.loads, (FIXTURES / "edits" / "labelled.jsonl").read_text("utf-8").splitlines())}


def classified(item_id: int) -> EditReason:
    e = LABELLED[item_id]
    return classify_edit(e["a_text"], e["b_text"], tuple(e["a_span"]), tuple(e["b_span"]))


# real edits from the corpora, a few of each reason, with the reason they were labelled with by hand
@pytest.mark.parametrize("item_id", [
    44, 241,  # number: "75 million" -> "71 million"; ", which has 174 million users globally," dropped
    27, 262,  # name: "R. Kelly and XXXTentacion" -> "R. Kelly and other artists"; ", in Washington" added
    16, 23,  # quote: the words of Ek's quotation rewritten; "we" put inside it
    68, 101,  # hedging: "who has been accused of sexual abuse" dropped, added
    22, 37,  # attribution: "He added that" put before a quote; '," the company said' dropped
    69, 86,  # spelling: "who's" / "who is", "normalizes" / "normalises"
    18, 31, 45, 64,  # punctuation, spacing, typography ('"' -> "'")
    350, 67,  # abbreviation: "U.S." -> "US", "R." -> "R"
    3, 12,  # name_form: "President Trump's" -> "President Donald Trump's", "Kelly" -> "R. Kelly"
    6, 263,  # credit: "| Miami Herald" -> "| Charlotte Observer", "/Associated Press/File 2019"
    7, 40,  # dateline: "NEW YORK (AP) — " added, "NEW YORK — " dropped
    13, 29,  # wording: "popular" added, "addressing" -> "the other addressed"
])
def test_real_edits_get_the_reason_an_editor_gave_them(item_id):
    e = LABELLED[item_id]
    reason = classified(item_id)
    assert reason == e["reason"], (e["a_text"][slice(*e["a_span"])], e["b_text"][slice(*e["b_span"])])
    assert reason.kind == e["label"] and reason.high_risk == (e["label"] == "risk")


def test_the_labelled_set_was_split_before_the_rules_and_holds_every_class():
    parts = {e["part"] for e in LABELLED.values()}
    assert parts == {"tune", "heldout"}
    for part in parts:
        labels = {e["label"] for e in LABELLED.values() if e["part"] == part}
        assert labels == {c.value for c in EditClass}
    # one wording is never in both parts: the split is by the edit's words
    words = {}
    for e in LABELLED.values():
        key = (e["a_text"][slice(*e["a_span"])].strip().lower(), e["b_text"][slice(*e["b_span"])].strip().lower())
        assert words.setdefault(key, e["part"]) == e["part"]


def aligned(a: str, b: str):
    rows = align_sentences(a, split_sentences(a), b, split_sentences(b))
    assert [r.kind for r in rows] == ["changed"]
    return rows[0]


def test_hedging_and_a_judging_speech_verb_are_changes_of_meaning():
    # the example: "is accused of helping" -> "allegedly helped" was not marked
    row = aligned("The aide is accused of helping the former president hide the documents, officials said.",
                  "The aide allegedly helped the former president hide the documents, officials said.")
    assert row.severity == "high" and EditReason.HEDGING in {e.reason for e in row.edits}
    row = aligned("The senator said the vote was rigged by the other party in three counties.",
                  "The senator claimed the vote was rigged by the other party in three counties.")
    assert row.severity == "high" and EditReason.HEDGING in {e.reason for e in row.edits}
    row = aligned("The vote was rigged by the other party in three counties, the senator said.",
                  "The vote was rigged by the other party in three counties.")
    assert row.severity == "high" and EditReason.ATTRIBUTION in {e.reason for e in row.edits}
    row = aligned("The senator said the vote was rigged by the other party in three counties.",
                  "The senator added the vote was rigged by the other party in three counties.")
    assert row.severity == "low"  # one reporting verb for another


def test_a_style_only_row_is_counted_apart_and_never_high_risk():
    row = aligned("U.S. officials said Trump's plan, announced in Washington, would cost $5 billion.",
                  "US officials said Trump ’s plan , announced in Washington, would cost $5 billion.")
    assert row.severity == "low" and row.style_only
    assert {e.reason for e in row.edits if e.op != "equal"} <= {EditReason.ABBREVIATION, EditReason.TYPOGRAPHY,
                                                                 EditReason.PUNCTUATION, EditReason.SPACING}


def test_the_seed_reprint_titling_a_name_it_keeps_is_a_copy_with_style_edits_and_no_high_risk():
    result = compare_files(str(AP_A), str(AP_B))
    pair = result.pairs[0]
    _a, b = result.articles
    assert pair.relation == "copy"
    assert pair.fidelity.high_risk == 0 and pair.fidelity.style >= 1
    # "Ukraine Crisis: Volodymyr Zelenskyy ..." -> "Ukraine President Volodymyr Zelenskyy ..."
    row, title = next((r, e.b[0]) for r in pair.rows for e in r.edits
                      if e.op == "insert" and b.text[e.b[0]:e.b[1]] == "President")
    run = next(r for r in side_runs(b.text, b.sentences, b.flags, row, "b") if r.start == title)
    assert Role.STYLE in run.roles and Role.HIGH_RISK not in run.roles
    assert run.tip.startswith("style only (name_form)")


def test_two_reports_quoting_one_blog_post_get_no_high_risk_verdict():
    # a quotes-only pair (the relations tests' case): it had 3 high-risk rows from text the two do not share
    a, b = article(FIXTURES / "relations" / "articles" / "05674_theblaze.com.txt"), \
        article(FIXTURES / "relations" / "articles" / "15669_cnbc.com.txt")
    rows, fidelity, relation, _ = align_pair(a, b)
    assert relation == "quotes"
    assert fidelity.high_risk == 0 and fidelity.style == 0
    assert not any(r.severity == "high" for r in rows)
    assert any(e.risk for r in rows for e in r.edits)  # the word edits still say what changed


def test_a_partial_pair_counts_high_risk_only_in_the_narrative_it_shares():
    a = article(FIXTURES / "relations" / "articles" / "07885_centurylink.net-news.txt")
    b = article(FIXTURES / "relations" / "articles" / "07271_dailymail.co.uk.txt")
    rows, fidelity, relation, _ = align_pair(a, b)
    assert relation == "partial"
    shared = verdict_rows(a, b, rows, relation)
    high = [n for n, r in enumerate(rows) if r.severity == "high"]
    assert high and set(high) <= shared and fidelity.high_risk == len(high)
    assert any(e.risk for n, r in enumerate(rows) if n not in shared for e in r.edits)  # risk words outside
