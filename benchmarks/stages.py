"""CPU per article and per pair, stage by stage, of a scan run in one process (no workers, no cache).

    PYTHONPATH=CHECKOUT python benchmarks/stages.py FOLDER [--profile OUT.prof]

Prints JSON: milliseconds of CPU (process time) per article for reading, language, sentences, flags and
shingles; per article in a pair for preparing its sentences for alignment and its sentence roles for
relations (each made once per article in a scan); per pair for aligning, relating, the verdict rows and
fidelity; and the load average. Point PYTHONPATH at another
checkout to time that engine with the same script (the stages are called through the scan module's own
functions, as a scan calls them).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import time
from pathlib import Path

from app.core import scan as engine
from app.core.documents import collect_files, read_article
from app.core.index import overlapping_pairs, shingle_hashes
from app.core.relations import own_sentences, sentence_roles
from app.core.settings import Settings

ARTICLE_STAGES = ("read", "language", "sentences", "flags", "shingles")
PAIRED_ARTICLE_STAGES = ("prepare", "roles")
PAIR_STAGES = ("align", "relate", "verdict", "fidelity")


def measure(folder: Path) -> dict:
    settings = Settings(workers=1, use_cache=False)
    spent: dict[str, float] = dict.fromkeys(
        ("walk", *ARTICLE_STAGES, "join", "recurring", *PAIRED_ARTICLE_STAGES, *PAIR_STAGES), 0.0)

    def clock(name: str, call, *args):
        start = time.process_time()
        value = call(*args)
        spent[name] += time.process_time() - start
        return value

    sources, _ = clock("walk", collect_files, [str(folder)])
    articles, shingles = [], []
    for source in sources:
        article = clock("read", read_article, source, settings.max_bytes)
        article.language = clock("language", engine.detect_language, article.text)
        article.sentences = clock("sentences", engine.split_sentences, article.text, article.language)
        parts = clock("flags", engine.read_parts, article.text)
        article.flags, article.headline, article.deck = parts.flags, parts.headline, parts.deck
        shingles.append(clock("shingles", lambda a=article: shingle_hashes(engine.body_words(a))))
        articles.append(article)
    overlaps = clock("join", overlapping_pairs, shingles, settings.min_overlap, settings.min_shared)
    if clock("recurring", engine._flag_recurring_lines, articles, shingles, overlaps):
        overlaps = clock("join", overlapping_pairs, shingles, settings.min_overlap, settings.min_shared)
    paired = sorted({i for o in overlaps for i in (o.a, o.b)})
    for i in paired:
        clock("prepare", engine._prepared, articles[i])
        # what relating reads of each article, made once per article (memoised), apart from the per-pair work
        clock("roles", lambda a=articles[i]: (sentence_roles(a), own_sentences(a)))
    for o in overlaps:
        a, b = articles[o.a], articles[o.b]
        rows = clock("align", engine.align_prepared, engine._prepared(a), engine._prepared(b))
        relation, _ = clock("relate", engine.relate, a, b, rows)
        counted = clock("verdict", engine.verdict_rows, a, b, rows, relation)
        clock("fidelity", engine.pair_fidelity, a, b, rows, counted)
    n_articles, n_pairs = len(articles), max(1, len(overlaps))
    per_article = {k: round(spent[k] * 1000 / n_articles, 3) for k in ARTICLE_STAGES}
    return {"articles": n_articles, "pairs": len(overlaps), "paired_articles": len(paired),
            "load": [round(x, 2) for x in os.getloadavg()],
            "per_article_ms": per_article, "per_paired_article_ms": {
                k: round(spent[k] * 1000 / max(1, len(paired)), 3) for k in PAIRED_ARTICLE_STAGES},
            "per_pair_ms": {k: round(spent[k] * 1000 / n_pairs, 3) for k in PAIR_STAGES},
            "pair_path_ms_per_pair": round(
                sum(spent[k] for k in (*PAIRED_ARTICLE_STAGES, *PAIR_STAGES)) * 1000 / n_pairs, 3),
            "total_s": round(sum(spent.values()), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--profile", type=Path, help="also write a cProfile of the whole to this file")
    args = parser.parse_args()
    gc.disable()  # the collector's pauses land in whichever stage runs then; a scan this size fits in memory
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    figures = measure(args.folder)
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
