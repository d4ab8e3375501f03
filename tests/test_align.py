"""Sentence alignment and word-level edits, on the seeds and on small real-looking edits."""

import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.core.align import align_sentences, word_edits
from app.core.sentences import split_sentences
from tests.conftest import AP_A, AP_B


def align_texts(a, b):
    sa, sb = split_sentences(a), split_sentences(b)
    return sa, sb, align_sentences(a, sa, b, sb)


def row_of(rows, spans, text, needle, side="a", which=0):
    found = [row for row in rows for i in getattr(row, side) if needle in text[spans[i][0]:spans[i][1]]]
    assert found, needle
    return found[which]


def test_the_ap_pair_shared_sentence_is_same_and_dateline_sentence_changed():
    a, b = AP_A.read_text(encoding="utf-8"), AP_B.read_text(encoding="utf-8")
    sa, sb, rows = align_texts(a, b)
    shared = row_of(rows, sa, a, "Bennett visited Moscow for a meeting with Putin")
    assert shared.kind == "same" and len(shared.b) == 1
    assert "Bennett visited Moscow" in b[sb[shared.b[0]][0]:sb[shared.b[0]][1]]
    dateline = row_of(rows, sa, a, "Kyiv, March 12:")
    assert dateline.kind == "changed"
    assert b[sb[dateline.b[0]][0]:].startswith("KYIV: Ukraine's President")
    assert dateline.severity == "low"  # a new dateline is what reprints do, not an editorial change
    # the body's copy of the quote (the stray copy above the dateline is A's own duplicate)
    quote = row_of(rows, sa, a, "Even if they bring a million Russians here", which=-1)
    assert quote.kind == "same" and quote.typography  # curly vs straight quotes only
    assert row_of(rows, sb, b, "SCROLL FOR NEXT", side="b").kind == "only_b"


def test_changed_number_negation_name_and_attribution_are_high_risk():
    base = "Officials said 12 people were hurt in the blast near the old market on Monday."
    for edited, risk in (
        (base.replace("12", "21"), "number"),
        (base.replace("were hurt", "were not hurt"), "negation"),
        (base.replace("old market", "Dover market"), "name"),
        ("Officials said 12 people were hurt in the blast near the old market on Monday, Smith said.", "attribution"),
    ):
        _, _, rows = align_texts(base, edited)
        assert [r.kind for r in rows] == ["changed"], edited
        assert rows[0].severity == "high"
        assert risk in {e.risk for e in rows[0].edits}


def test_retyped_quote_wording_is_a_quote_risk():
    a = "“We will not surrender our land,” the president said in a televised address on Sunday."
    b = "“We will never surrender our territory,” the president said in a televised address on Sunday."
    _, _, rows = align_texts(a, b)
    assert rows[0].kind == "changed" and rows[0].severity == "high"


def test_typo_fix_is_a_low_risk_change():
    a = "The governmnet announced a new programme for farmers across the northern region this week."
    b = "The government announced a new programme for farmers across the northern region this week."
    _, _, rows = align_texts(a, b)
    assert [(r.kind, r.severity) for r in rows] == [("changed", "low")]


def test_a_split_sentence_aligns_with_both_parts():
    a = ("The council approved the budget after a long debate that lasted well into the night, "
         "and the mayor promised to publish the full figures next week.")
    b = ("The council approved the budget after a long debate that lasted well into the night. "
         "The mayor promised to publish the full figures next week.")
    _sa, sb, rows = align_texts(a, b)
    assert len(sb) == 2
    assert [(r.kind, r.a, r.b) for r in rows] == [("changed", [0], [0, 1])]


def test_moved_and_unique_sentences():
    s1 = "Rescue teams reached the village on Tuesday morning after the floods."
    s2 = "The river rose by three metres overnight and swept away two bridges."
    s3 = "Aid agencies warned that clean water was running out in the region."
    s4 = "A spokesman for the ministry declined to comment on the figures."
    a = " ".join([s1, s2, s3, s4])
    b = " ".join([s3, s1, s2, "Follow us for more updates on this developing story today."])
    _, _, rows = align_texts(a, b)
    kinds = sorted((r.kind, tuple(r.a), tuple(r.b)) for r in rows)
    assert ("moved", (2,), (0,)) in kinds
    assert ("only_a", (3,), ()) in kinds
    assert ("only_b", (), (3,)) in kinds


VOCAB = ["police", "said", "the", "minister", "fire", "river", "12", "not", "Smith", "city", "rain", "vote"]
sentence = st.lists(st.sampled_from(VOCAB), min_size=3, max_size=9).map(lambda ws: " ".join(ws).capitalize() + ".")
article = st.lists(sentence, min_size=0, max_size=8).map(lambda ss: "\n".join(ss))


@settings(max_examples=150, deadline=None)
@given(article, article)
# two candidates mirrored across the diagonal, equal in weight and distance: once chosen by list order
@example(a="Police police police police police police police minister.\nPolice police police.\n"
           "Police police police police police.\nPolice fire river.\nPolice the the.",
         b="Police police police police police said fire river 12.\nPolice police said.\nPolice said said.\n"
           "Police police said minister.")
def test_every_sentence_lands_in_exactly_one_row_and_swapping_mirrors(a, b):
    sa, sb = split_sentences(a), split_sentences(b)
    rows = align_sentences(a, sa, b, sb)
    assert sorted(i for r in rows for i in r.a) == list(range(len(sa)))
    assert sorted(j for r in rows for j in r.b) == list(range(len(sb)))
    # reading order: A indices rise through the rows; so do B's outside moved rows
    a_order = [i for r in rows for i in r.a]
    assert a_order == sorted(a_order)
    b_order = [j for r in rows if r.kind != "moved" for j in r.b]
    assert b_order == sorted(b_order)
    for r in rows:
        for e in r.edits:
            for span, text in ((e.a, a), (e.b, b)):
                if span:
                    assert 0 <= span[0] < span[1] <= len(text)
    swapped = align_sentences(b, sb, a, sa)
    key = lambda r: (r.kind, r.a, r.b)  # noqa: E731
    assert sorted(map(key, (r.mirrored() for r in rows))) == sorted(map(key, swapped))


def test_a_row_of_sentences_with_nothing_between_them_is_diffed_as_one_span():
    # sentence spans may touch ("night.The"): no token may be invented or cut at the seam
    a = "The council approved the budget after a long debate that lasted well into the night, and the mayor spoke."
    b = "The council approved the budget after a long debate that lasted well into the night.The mayor spoke."
    seam = b.index("The mayor")
    sa, sb = [(0, len(a))], [(0, seam), (seam, len(b))]
    rows = align_sentences(a, sa, b, sb)
    assert [(r.kind, r.a, r.b) for r in rows] == [("changed", [0], [0, 1])]
    assert rows[0].edits == word_edits(a, (0, len(a)), b, (0, len(b)))
    # one token, as the whole span reads it (a word with an inner full stop), not "night", ".", "The"
    assert {b[e.b[0]:e.b[1]] for e in rows[0].edits if e.op == "insert"} == {"night.The"}


def test_a_story_repeated_six_times_aligns_its_repeats_as_shared_rows():
    """A long pair (1,000 words a side) still aligns sentence by sentence; its speed is measured in benchmarks/."""
    a = AP_A.read_text(encoding="utf-8") * 6
    b = AP_B.read_text(encoding="utf-8") * 6
    _, _, rows = align_texts(a, b)
    assert sum(r.kind == "same" for r in rows) >= 60


def test_repeated_lines_align_in_order_with_linear_work():
    # two files of one repeated line used to pair every copy with every other (6.5 GB for 220 KB)
    from app.core.align import _candidates, prepare

    line = "The council met on Tuesday to discuss the budget."
    a = "\n".join([line] * 3000)
    b = "\n".join([line] * 2000 + ["A new closing line for the copy."])
    sa, sb = split_sentences(a), split_sentences(b)
    candidates = _candidates(prepare(a, sa), prepare(b, sb))
    assert len(candidates) <= 10 * len(sa)
    rows = align_sentences(a, sa, b, sb)
    same = [row for row in rows if row.kind == "same"]
    assert len(same) == 2000
    assert all(row.a[0] < nxt.a[0] and row.b[0] < nxt.b[0] for row, nxt in itertools.pairwise(same))
    assert sorted(i for row in rows for i in row.a) == list(range(3000))


def test_many_near_copies_of_a_sentence_compare_with_few_candidates():
    from app.core.align import MAX_CANDIDATES, _candidates, prepare

    # 50 stories, each sentence of B in 40 near copies that differ by a figure: 40 plausible partners each
    def story(g: int, n: int) -> str:
        return f"Officials in town{g} said river{g} flooded bridge{g} and road{g} near farm{g} after {n} days."

    a = "\n".join(story(g, 7) for g in range(50))
    b = "\n".join(story(g, n) for g in range(50) for n in range(100, 140))
    candidates = _candidates(prepare(a, split_sentences(a)), prepare(b, split_sentences(b)))
    per_sentence: dict[int, int] = {}
    for i, _ in candidates:
        per_sentence[i] = per_sentence.get(i, 0) + 1
    assert len(per_sentence) == 50  # every sentence still finds its near copies
    assert max(per_sentence.values()) == MAX_CANDIDATES


def test_sentences_differing_only_in_spacing_and_quote_marks_compare_equal():
    from app.core.text import normalize_typography

    # any white space (no-break, ideographic, a file separator, a line break) counts as one space, and a
    # space before punctuation is dropped, however the text was typed
    a = normalize_typography("\u201cWe will\u00a0 not ,\u3000he said\x1c ;\n\t\u2026\u201d")
    b = normalize_typography('"We will not, he said; ..."')
    assert a == b == '"We will not, he said;..."'
