"""How well Wiretrace flags what does not belong: characters of article kept vs the gold body.

    python benchmarks/boilerplate.py [PAGES_JSONL] [--json OUT] [--worst N] [--timing N] [--big MB]

Reads ../shared/boilerplate-dev/pages.jsonl by default. A line of the page is article when it occurs in the
gold body (lines under 20 characters only when a neighbouring line is article too); a kept line is one with
no flag over most of it, and not the page's headline or deck (shown apart, as title and standfirst).
Precision, recall and F1 are over characters, summed over the pages of each part.

The pages are split by site before any rule is tuned, so no site is in both parts: a page's site is the
registered domain of its URL (the last two labels of the host, three under a country code's "co.", "com.",
"org."..., so www.cnn.com and edition.cnn.com are one site) and the site is **held out** when the SHA-256 of
its name, read as a number, is even (33 of the 78 sites, 39 of the 93 pages). Rules are tuned on the other
part only; --worst shows the tuning part's errors and never the held-out part's (unless --part says so).

--timing N also times flagging alone on N generated articles (benchmarks/corpus.py): the median of three
passes, in milliseconds per article. --big MB times one generated page of that many megabytes of distinct
paragraphs, some repeated (the size at which pairwise repeated-paragraph checks took minutes).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the app, and benchmarks.corpus

from app.core.flags import flag_article, read_parts
from app.core.records import Flag
from app.core.text import line_spans

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "boilerplate-dev" / "pages.jsonl"
#: Second-level labels under which a country code's registered domains sit (bbc.co.uk, folha.com.br).
_UNDER_COUNTRY = frozenset({"co", "com", "org", "net", "ac", "gov", "ne", "or", "edu"})
TUNING, HELD_OUT = "tuning", "held-out"


def site(url: str) -> str:
    """The registered domain of a page's URL: one site however many hosts it serves from."""
    labels = (urlparse(url).hostname or "").lower().split(".")
    n = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _UNDER_COUNTRY else 2
    return ".".join(labels[-n:])


def part_of(url: str) -> str:
    """Which part a page is in, fixed by its site's name alone: held out when the name's SHA-256 is even."""
    digest = int(hashlib.sha256(site(url).encode("utf-8")).hexdigest(), 16)
    return HELD_OUT if digest % 2 == 0 else TUNING


def gold_lines(text: str, body: str) -> list[tuple[int, int, bool]]:
    spans = line_spans(text)
    raw = [text[s:e] in body for s, e in spans]
    out = []
    for i, (s, e) in enumerate(spans):
        good = raw[i] and (e - s >= 20 or (i > 0 and raw[i - 1] and spans[i - 1][1] - spans[i - 1][0] >= 20)
                           or (i + 1 < len(spans) and raw[i + 1] and spans[i + 1][1] - spans[i + 1][0] >= 20))
        out.append((s, e, good))
    return out


def score_page(text: str, body: str) -> tuple[int, int, int, list]:
    parts = read_parts(text)
    # the headline and deck are shown as the article's title and standfirst, apart from its body
    flags = parts.flags + [Flag(*span, "headline", "") for span in (parts.headline, parts.deck) if span]
    tp = fp = fn = 0
    details = []
    for s, e, good in gold_lines(text, body):
        flagged = sum(max(0, min(e, f.end) - max(s, f.start)) for f in flags) * 2 > (e - s)
        n = e - s
        if good and not flagged:
            tp += n
        elif good and flagged:
            fn += n
            details.append(("lost", text[s:e], next((f.reason for f in flags if f.start <= s < f.end), "")))
        elif not flagged:
            fp += n
            details.append(("kept", text[s:e], ""))
    return tp, fp, fn, details


def time_corpus(n: int) -> dict:
    from benchmarks.corpus import generate

    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp) / "corpus", n)
        texts = [p.read_text(encoding="utf-8") for p in sorted((Path(tmp) / "corpus").glob("*.txt"))]
    passes = []
    for _ in range(3):
        t0 = time.perf_counter()
        for text in texts:
            flag_article(text)
        passes.append((time.perf_counter() - t0) * 1000 / len(texts))
    return {"articles": len(texts), "ms_per_article": round(statistics.median(passes), 3)}


def big_page(megabytes: float, seed: int = 3) -> str:
    """Distinct paragraphs of 14-40 invented words, one in fifty repeated at the end, one pair joined."""
    rng = random.Random(seed)
    vocab = [f"w{n}" for n in range(5000)]
    paras: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        paras.append(" ".join(rng.choice(vocab) for _ in range(rng.randint(14, 40))) + ".")
        size += len(paras[-1]) + 2
    return "\n\n".join(paras + paras[::50] + [paras[7] + " " + paras[8]])


def time_big(megabytes: float) -> dict:
    text = big_page(megabytes)
    t0 = time.perf_counter()
    flags = flag_article(text)
    return {"megabytes": round(len(text) / 1e6, 1), "seconds": round(time.perf_counter() - t0, 2),
            "duplicates": sum(f.kind == "duplicate" for f in flags)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", default=str(DEFAULT))
    parser.add_argument("--json", help="write the numbers here")
    parser.add_argument("--worst", type=int, default=0, help="show the N worst pages' errors")
    parser.add_argument("--part", choices=[TUNING, HELD_OUT, "all"], default=TUNING,
                        help="whose errors --worst shows (tuning by default: never tune on the held-out pages)")
    parser.add_argument("--timing", type=int, default=0, help="time flagging on N generated articles")
    parser.add_argument("--big", type=float, default=0, help="time flagging one generated page of this many MB")
    args = parser.parse_args()
    with open(args.pages, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    t0 = time.perf_counter()
    totals = {TUNING: [0, 0, 0, 0], HELD_OUT: [0, 0, 0, 0], "all": [0, 0, 0, 0]}  # pages, tp, fp, fn
    per_page = []
    for row in rows:
        tp, fp, fn, details = score_page(row["page_text"], row["article_body"])
        part = part_of(row["url"])
        for key in (part, "all"):
            for k, v in enumerate((1, tp, fp, fn)):
                totals[key][k] += v
        if args.part in (part, "all"):
            per_page.append((fp + fn, row["url"], details))
    elapsed = time.perf_counter() - t0
    result = {"held_out": f"{HELD_OUT}: sites whose name's SHA-256 is even; rules are tuned on {TUNING} only "
                          "(since the split: earlier rules saw all 93 pages)"}
    for key, (pages, tp, fp, fn) in totals.items():
        p = tp / max(1, tp + fp)
        r = tp / max(1, tp + fn)
        f1 = 2 * p * r / max(1e-9, p + r)
        result[key] = {"pages": pages, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}
    result["seconds"] = round(elapsed, 2)
    if args.timing:
        result["timing"] = time_corpus(args.timing)
    if args.big:
        result["big_page"] = time_big(args.big)
    print(json.dumps(result))
    for _, url, details in sorted(per_page, reverse=True)[: args.worst]:
        print("\n==", url)
        for what, line, why in details[:25]:
            print(f"  {what}: {line[:100]!r} {why}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
