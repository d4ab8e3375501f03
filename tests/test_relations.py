"""Relations (copy / partial / quotes / not reported) and families, on real scraped text."""

import shutil

import pytest

from app.core.documents import read_article
from app.core.families import wire_credit
from app.core.records import SourceFile
from app.core.relations import quoted_spans, relate, sentence_roles
from app.core.scan import Settings, align_pair, analyse_article, run, scan
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "relations" / "articles"
SYNTHETIC = FIXTURES / "relations" / "synthetic"


def article(path):
    return analyse_article(read_article(SourceFile(path.name, str(path))))


def relation(name_a: str, name_b: str):
    a, b = (article(d / n) for d, n in ((_where(name_a), name_a), (_where(name_b), name_b)))
    _rows, _fidelity, rel, figures = align_pair(a, b)
    return rel, figures


def _where(name: str):
    return ARTICLES if (ARTICLES / name).exists() else SYNTHETIC


def test_an_edited_affiliate_reprint_is_a_copy():
    # CNN's story and a local station's reprint of it, edited and re-paragraphed
    rel, f = relation("01333_cnn.com.txt", "08215_news4jax.com.txt")
    assert rel == "copy"
    assert max(f.narrative_a_in_b, f.narrative_b_in_a) >= 0.5


def test_a_write_through_with_a_new_top_is_a_version_of_the_wire_story():
    # the AP census story with its first paragraphs replaced by a new top: the same report, another version
    rel, f = relation("08200_cbsnews.com.txt", "write_through.txt")
    assert rel == "version" and f.longest_run >= 8
    assert min(f.new_top_a, f.new_top_b) >= 2 and f.rewritten < 0.3  # a new top, the body kept word for word


def test_a_story_folding_in_rewritten_wire_paragraphs_is_partial():
    # the Daily Mail's own story borrows several AP paragraphs, rewritten: a block, not the same report
    rel, f = relation("07885_centurylink.net-news.txt", "07271_dailymail.co.uk.txt")
    assert rel == "partial"
    assert f.shared_sentences >= 2 and min(f.narrative_a_in_b, f.narrative_b_in_a) < 0.35


def test_a_live_blog_folding_in_three_wire_paragraphs_is_partial():
    rel, f = relation("07885_centurylink.net-news.txt", "live_blog.txt")
    assert rel == "partial" and f.longest_run >= 2


@pytest.mark.parametrize("a, b", [
    ("05674_theblaze.com.txt", "15669_cnbc.com.txt"),  # two reports quoting one blog post at length
    ("quote_report_nbc.txt", "quote_report_blaze.txt"),  # the same three-paragraph statement, news-style quotes
    ("15231_nytimes.com.txt", "gallery.txt"),  # gallery captions carrying the story's sentences
])
def test_pairs_sharing_only_quotes_or_captions_are_quotes_never_copies(a, b):
    rel, f = relation(a, b)
    assert rel == "quotes"
    assert f.shared_sentences < 2 and f.shared_other >= 1


def test_two_reports_of_different_events_are_not_reported():
    rel, _ = relation("16223_dailymail.co.uk.txt", "15669_cnbc.com.txt")
    assert rel is None


def test_a_long_quote_stays_open_across_paragraphs_until_it_closes():
    text = ("The company said in a statement:\n\n“We rolled this out wrong.\n\n“We could have done much better,” "
            "it said.\n\n“A quote whose writer forgot to close it\n\nThe mayor left the hall.")
    spans = [text[s:e] for s, e in quoted_spans(text)]
    assert spans[0].startswith("“We rolled") and spans[0].endswith("better,”")
    assert spans[1] == "“A quote whose writer forgot to close it"  # ends with its paragraph, not the article
    assert "mayor" not in "".join(spans)


def test_british_single_quotes_are_quotes_but_apostrophes_are_not():
    text = "'That's not what Spotify is about,' the company said. Artists' fears grew."
    (span,) = quoted_spans(text)
    assert text[span[0]:span[1]] == "'That's not what Spotify is about,'"


def test_an_embedded_tweet_is_not_narrative(tmp_path):
    # from a real Washington Post page: the tweet and its signature line
    page = tmp_path / "tweet.txt"
    page.write_text(
        "Graham defends Trump\n\nSen. Lindsey Graham sided with Trump and defended the tariffs, the latest victim "
        "of there's always a tweet:\n\nSimply put, any policy proposal which drives up costs of Corona, tequila, or "
        "margaritas is a big-time bad idea. Mucho Sad.\n\n— Lindsey Graham (@LindseyGrahamSC) January 26, 2017\n\n"
        "The senator did not respond to a request for comment on Friday.\n", encoding="utf-8")
    art = article(page)
    roles = dict(zip((art.text[s:e] for s, e in art.sentences), sentence_roles(art), strict=True))
    assert roles["Mucho Sad."] == "post"
    assert roles["The senator did not respond to a request for comment on Friday."] == "narrative"


def test_families_join_copies_only_and_name_a_reference(tmp_path):
    for name in ("08200_cbsnews.com.txt", "16223_dailymail.co.uk.txt", "07885_centurylink.net-news.txt"):
        shutil.copy(ARTICLES / name, tmp_path / name)
    for name in ("write_through.txt", "live_blog.txt"):
        shutil.copy(SYNTHETIC / name, tmp_path / name)
    result = run(scan([str(tmp_path)], Settings(min_overlap=0.0, use_cache=False)))
    ids = [a.id for a in result.articles]
    by_members = {frozenset(ids[i] for i in f.members): f for f in result.families}
    # the AP census story and its write-through are one report; the live blog and the Reuters story are not in it
    ap = by_members[frozenset({"08200_cbsnews.com.txt", "write_through.txt"})]
    assert ap.title == "Lawyer claims documents reveal census question added to help Republicans"
    assert ids[ap.reference] in ("08200_cbsnews.com.txt", "write_through.txt") and ap.reference_reason
    (member, fidelity), = ap.member_fidelity
    assert member != ap.reference and fidelity.kept > 0.5
    relations = {frozenset((ids[p.a], ids[p.b])): p.relation for p in result.pairs}
    assert relations[frozenset({"07885_centurylink.net-news.txt", "live_blog.txt"})] == "partial"
    assert relations[frozenset({"08200_cbsnews.com.txt", "live_blog.txt"})] == "partial"
    assert all(len(f.members) == 2 for f in result.families)  # no chaining through the live blog


def test_the_wire_credit_is_found_in_a_dateline():
    assert wire_credit(article(ARTICLES / "07885_centurylink.net-news.txt")) in ("The Associated Press", "(AP) —")
    assert wire_credit(article(ARTICLES / "16223_dailymail.co.uk.txt")) == "(Reuters) -"
    assert wire_credit(article(ARTICLES / "15669_cnbc.com.txt")) is None


def test_fidelity_mirrored_is_the_fidelity_of_the_pair_the_other_way():
    a, b = article(ARTICLES / "01333_cnn.com.txt"), article(ARTICLES / "08215_news4jax.com.txt")
    rows, fidelity, _, figures = align_pair(a, b)
    _rows, back, _, back_figures = align_pair(b, a)
    mirrored = fidelity.mirrored()
    for name in ("verbatim", "dropped", "added", "chars_a", "chars_b", "flagged_a", "flagged_b"):
        assert getattr(mirrored, name) == pytest.approx(getattr(back, name), abs=0.02), name
    assert relate(b, a, [r.mirrored() for r in rows])[1] == figures.mirrored()
    assert back_figures.narrative_a == figures.narrative_b


def test_the_cli_summary_counts_relations_and_names_families(tmp_path, capsys):
    from app.cli import main

    for name in ("08200_cbsnews.com.txt", "07885_centurylink.net-news.txt"):
        shutil.copy(ARTICLES / name, tmp_path / name)
    for name in ("write_through.txt", "live_blog.txt"):
        shutil.copy(SYNTHETIC / name, tmp_path / name)
    assert main(["scan", str(tmp_path), "--no-cache", "--min-overlap", "0"]) == 0
    out = capsys.readouterr().out
    assert "relations: 0 copy, 1 version, 2 partial, 0 quotes only" in out
    assert "family 1: 'Lawyer claims documents reveal census question added to help" in out
    assert "', 2 articles, reference " in out


def test_partial_and_quotes_pairs_link_families_and_never_merge_them():
    from app.core.families import build_families
    from app.core.records import Overlap, PairResult, Relation

    names = ["08200_cbsnews.com.txt", "16223_dailymail.co.uk.txt", "07885_centurylink.net-news.txt",
             "15231_nytimes.com.txt", "01333_cnn.com.txt", "08215_news4jax.com.txt"]
    arts = [article(ARTICLES / n) for n in names]

    def pair(a, b, relation):
        rows, fidelity, _, figures = align_pair(arts[a], arts[b])
        return PairResult(a, b, Overlap(a, b, 10, 0.5, 0.5), rows, fidelity, relation, figures)

    pairs = [pair(0, 1, Relation.COPY), pair(2, 3, Relation.COPY), pair(1, 2, Relation.PARTIAL),
             pair(0, 3, Relation.QUOTES), pair(4, 5, Relation.QUOTES)]
    families = build_families(arts, pairs, lambda todo: [align_pair(arts[r], arts[m])[1] for r, m in todo])
    assert sorted(sorted(f.members) for f in families) == [[0, 1], [2, 3]]  # 4 and 5 only quote: no family
    first, second = families
    assert first.links == ((second.id, Relation.PARTIAL),) and second.links == ((first.id, Relation.PARTIAL),)
    assert all(len(f.member_fidelity) == 1 for f in families)
