"""The corpus index: containment both ways, stock phrases, and counts that add up across shards."""

import numpy as np

from app.core.index import (
    overlapping_pairs,
    overlaps_from_counts,
    pair_counts,
    shingle_hashes,
    story_families,
)
from app.core.text import words

SOURCE = ("The regional council voted on Tuesday to close two public libraries and a swimming pool to "
          "balance next year's budget, after months of protests by residents who said the cuts would hurt "
          "children and older people most. The council leader said there was no other way.")


def test_a_trimmed_reprint_is_contained_in_its_source():
    full = shingle_hashes(words(SOURCE + " " + SOURCE.replace("council", "board")))
    trimmed = shingle_hashes(words(SOURCE[: SOURCE.index(" ", 150)]))
    [pair] = overlapping_pairs([full, trimmed])
    assert pair.b_in_a == 1.0  # every shingle of the trimmed copy is in the source
    assert pair.a_in_b < 0.45  # while most of the source is not in the copy: Jaccard would miss it


def test_stock_phrases_alone_do_not_make_pairs():
    stocks = ["did not immediately respond to a request for comment",
              "according to a statement released by the ministry on"]
    rng = np.random.default_rng(5)
    vocabulary = [f"word{k}" for k in range(5000)]
    articles = []
    for _ in range(40):  # 40 unrelated stories of 150 words, each quoting both stock phrases
        body = list(rng.choice(vocabulary, size=150))
        articles.append(shingle_hashes(words(" ".join(body[:70]) + f" {stocks[0]} " + " ".join(body[70:])
                                             + f" {stocks[1]}")))
    assert overlapping_pairs(articles) == []
    assert overlapping_pairs(articles, max_posting=8) == []


def test_counts_from_hash_shards_add_up_to_the_whole():
    rng = np.random.default_rng(3)
    docs_shingles = [np.unique(rng.integers(0, 400, size=60).astype(np.uint64)) for _ in range(30)]
    sizes = np.array([len(s) for s in docs_shingles])
    hashes = np.concatenate(docs_shingles)
    docs = np.repeat(np.arange(30), sizes)
    whole_keys, whole_counts = pair_counts(hashes, docs, 30)
    summed: dict[int, int] = {}
    for shard in range(4):
        mask = hashes % 4 == shard
        keys, counts = pair_counts(hashes[mask], docs[mask], 30)
        for k, c in zip(keys.tolist(), counts.tolist(), strict=True):
            summed[k] = summed.get(k, 0) + c
    assert summed == dict(zip(whole_keys.tolist(), whole_counts.tolist(), strict=True))
    keys = np.array(sorted(summed))
    counts = np.array([summed[k] for k in keys])
    assert overlaps_from_counts(keys, counts, sizes, 0.2) == overlapping_pairs(docs_shingles, 0.2)


def test_a_wire_story_in_many_copies_is_one_family():
    copies = [shingle_hashes(words(SOURCE + f" Copy number {n} of the story.")) for n in range(100)]
    pairs = overlapping_pairs(copies, max_posting=10)
    assert story_families(100, pairs) == [list(range(100))]


def test_the_join_over_hash_shards_finds_the_pairs_of_the_whole():
    rng = np.random.default_rng(5)
    base = [np.unique(rng.integers(0, 5000, size=200).astype(np.uint64)) for _ in range(20)]
    # copies of some articles with a few shingles of their own, so that pairs exist at every overlap
    docs = base + [np.unique(np.r_[b[: len(b) * k // 6], rng.integers(5000, 9000, 40).astype(np.uint64)])
                   for k, b in enumerate(base[:6], 1)]
    whole = overlapping_pairs(docs, 0.2)
    assert len(whole) >= 6
    for shards in (2, 7, 64):
        assert overlapping_pairs(docs, 0.2, shards=shards) == whole


def test_the_index_reads_the_same_words_from_the_flags_lines_as_from_the_text():
    """A scan takes the index's words from the lines the flags already read; where a flag covers part of a line
    (a pointer to another story inside a paragraph) or Unicode normalisation would change the text, it reads
    the text again. Either way the words are those of the text outside the flags, so the same pairs are found."""
    import json
    from pathlib import Path

    from app.core.records import Article
    from app.core.scan import _analyse, _line_words, body_words

    fixtures = Path(__file__).parent / "fixtures"
    pages = [json.loads(line)["page_text"] for line in (fixtures / "pages.jsonl").read_text("utf-8").splitlines()]
    pages += [(fixtures / "flags" / name).read_text("utf-8") for name in ("ap_census_centurylink.txt",
                                                                           "gallery_sfgate.txt")]
    body = ("The council’s vote on the new budget came after a long debate about the city’s schools and roads. "
            "Members said the plan would be reviewed again next spring, when the figures for the year are in.\n")
    teaser = body.strip() + " Read more: Mayor’s race heats up in the suburbs as two candidates trade barbs\n"
    decomposed = "Cafe\u0301 owners in Montréal said the rules would change how they serve customers this summer.\n"
    pages += [body * 3 + teaser, decomposed * 4 + body * 2]
    routes = []
    for n, text in enumerate(pages):
        article = Article(id=str(n), path=str(n), sha256=str(n), encoding="utf-8", text=text)
        lines = _analyse(article)
        junk = [f for f in article.flags if f.kind != "caption"]
        routes.append(_line_words(text, lines, junk) is not None)
        assert body_words(article, lines) == body_words(article)
    assert routes[-2:] == [False, False]  # the partly flagged line and the decomposed accent read the text
    assert all(routes[:-2])  # real pages: whole lines flagged, their words taken from the flags
