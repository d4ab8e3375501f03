"""What does not belong: flagged with a kind and a reason; the article's body is left alone."""

import json

from app.core.flags import flag_article, flag_recurring_lines, read_parts
from app.core.records import Article, Flag
from tests.conftest import AP_A, AP_B, FIXTURES, SEEDS


def flagged_lines(text):
    flags = flag_article(text)
    return {text[f.start:f.end]: f for f in flags}


def test_sidebar_headlines_scroll_prompt_are_flagged_in_the_ap_copy():
    text = AP_B.read_text(encoding="utf-8")
    flagged = flagged_lines(text)
    for headline in ("Sooryavanshi's sensational 175 powers India to sixth U19 World Cup crown",
                     "Death toll in Meghalaya coal mine blast incident rises to 25",
                     "At least 31 killed, over 169 injured in suicide bombing at Shia religious centre in "
                     "Pakistan's Islamabad"):
        assert flagged[headline].kind == "unrelated"
        assert "another story" in flagged[headline].reason
    assert flagged["SCROLL FOR NEXT"].kind == "navigation"


def test_body_sentences_are_not_flagged():
    for path in (AP_A, AP_B):
        text = path.read_text(encoding="utf-8")
        flags = flag_article(text)
        for body in ("Zelenskyy said Saturday he told Israeli Prime Minister Naftali Bennett",
                     "Putin has ignored numerous previous offers of talks from Zelenskyy.",
                     "He said that Ukraine has sought for ways to procure air defense assets"):
            at = text.index(body)
            assert not any(f.start <= at < f.end for f in flags), (path.name, body)


def test_comment_form_and_telegram_promotion_are_flagged():
    text = (SEEDS / "003_6f501a6d9e9a74ab.txt").read_text(encoding="utf-8")
    flagged = flagged_lines(text)
    assert flagged["Leave a Reply"].kind == "comments"
    assert flagged["Your email address will not be published. Required fields are marked *"].kind == "comments"
    promo = next(line for line in flagged if line.startswith("Join The True Defender Telegram"))
    assert flagged[promo].kind == "promotion"


def test_inline_teaser_and_repeated_paragraph_and_disclaimer():
    text = AP_A.read_text(encoding="utf-8")
    flags = flag_article(text)
    kinds = {f.kind: text[f.start:f.end] for f in flags}
    assert kinds["unrelated"].startswith("Russia-Ukraine War Latest Updates:")
    assert kinds["duplicate"].startswith("“If that is their goal, let them come,")
    assert kinds["disclaimer"].startswith("(This is an unedited and auto-generated story")
    # the duplicate flagged is the stray copy near the top, not the paragraph in the body
    assert text.index(kinds["duplicate"]) < text.index("Kyiv, March 12")


def test_real_pages_from_the_dev_set():
    """Two pages cut from shared/boilerplate-dev (see fixtures/PROVENANCE.md): most of the gold body is kept,
    most of the rest is flagged."""
    for line in (FIXTURES / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        text, body = page["page_text"], page["article_body"]
        parts = read_parts(text)
        # the headline and deck are shown apart from the body, as title and standfirst
        flags = parts.flags + [Flag(*span, "headline", "") for span in (parts.headline, parts.deck) if span]
        kept_gold = kept_other = gold = other = 0
        pos = 0
        for raw in text.split("\n"):
            start, pos = pos, pos + len(raw) + 1
            if len(raw.strip()) < 20:
                continue
            flagged = any(f.start <= start + len(raw) - len(raw.lstrip()) < f.end for f in flags)
            if raw.strip() in body:
                gold += len(raw)
                kept_gold += 0 if flagged else len(raw)
            else:
                other += len(raw)
                kept_other += 0 if flagged else len(raw)
        assert kept_gold / gold > 0.9, page["url"]
        assert kept_other / other < 0.3, page["url"]


def test_lines_recurring_across_unrelated_stories_are_flagged_but_not_within_one_family():
    promo = "Get the best of the news in your inbox today"
    arts = []
    for n in range(4):
        text = f"Story {n} about topic {n}.\n\n{'Word' * (n + 1)} happened in town {n} on a day.\n\n{promo}\n"
        arts.append(Article(id=str(n), path=str(n), sha256=str(n), encoding="utf-8", text=text))
    changed = flag_recurring_lines(arts, families=[[0, 1]])  # 0 and 1 are copies of one story
    assert changed == {0, 1, 2, 3}
    assert all(any(a.text[f.start:f.end] == promo and "recurs in 3 unrelated" in f.reason for f in a.flags)
               for a in arts)
    arts2 = [Article(id=str(n), path=str(n), sha256=str(n), encoding="utf-8", text=f"X {n}\n\n{promo}\n")
             for n in range(3)]
    assert flag_recurring_lines(arts2, families=[[0, 1, 2]]) == set()
    assert isinstance(arts[0].flags[0], Flag)


def test_bylines_date_lines_and_next_links_from_real_pages():
    """Lines as they stand in shared/corpora/census (nbcnews.com, yahoo.com)."""
    body = ("The Supreme Court is weighing whether the Commerce Department may add a citizenship question to the "
            "2020 census, a change critics say would depress responses in immigrant communities.")
    more = ("Opponents told the justices that the question would lead millions of households to skip the count, "
            "costing their states seats in Congress and federal money for a decade.")
    text = ("Trump administration pushes census question\n\nMay 31, 2019, 9:52 PM UTC\n\n"
            "By Jessica Levinson, professor at Loyola Law School\n\n" + body + "\n\n" + more + "\n\n"
            "What to Read Next\n")
    flagged = flagged_lines(text)
    assert flagged["May 31, 2019, 9:52 PM UTC"].reason == "date line of the page"
    assert flagged["By Jessica Levinson, professor at Loyola Law School"].kind == "byline"
    assert flagged["What to Read Next"].kind == "navigation"
    assert not any(body[:40] in line or more[:40] in line for line in flagged)


def test_a_sure_caption_is_told_the_same_without_searching_every_line():
    """`sure_caption` skips the search where only a match at the line's start could succeed: the same answer
    as the pattern's search on every line of the fixture pages and on credits that stand past the start."""
    from app.core.flags.captions import SURE_CAPTION, sure_caption
    from app.core.flags.lines import page_lines

    texts = [json.loads(line)["page_text"] for line in (FIXTURES / "pages.jsonl").read_text("utf-8").splitlines()]
    texts += [path.read_text("utf-8") for path in sorted((FIXTURES / "flags").glob("*.txt"))]
    lines = [line.text for text in texts for line in page_lines(text)]
    lines += ["Protesters gather outside the court on Monday. (AP Photo/Evan Vucci)", "Gallery SHOW MORE SHOW LESS",
              "FILE - In this May 1, 2018, file photo, a crowd waits", "The mayor (Reuters) said no",
              "Crowds at the rally (John Locher via Getty Images)"]
    told = [sure_caption(line) for line in lines]
    assert told == [SURE_CAPTION.search(line) is not None for line in lines]
    assert told[-5:] == [True, True, True, False, True]
