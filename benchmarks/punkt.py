"""Sentence splitting: the fast Punkt path against NLTK's own tokenizer, and the cost of the news rules.

    python benchmarks/punkt.py [--size 1000] [--corpora PATH] [--passes 5]     (prints JSON)

Every article of the benchmark corpus of that size (benchmarks/corpus.py), or of the real corpora under
`--corpora` (every .txt file below it, e.g. ../shared/corpora), is split both ways; the splits
must be identical. Prints the articles and sentences compared, how many articles differ, how many the news
rules change, and the CPU time per article of NLTK, of the fast path alone (Punkt's splits, as before the news
rules) and of the fast path with the rules: the median of `--passes` passes, the three taken in turn.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--corpora", type=Path, help="real articles instead of a generated corpus")
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    import run

    from app.core.language import detect_language
    from app.core.sentences import split_sentences

    files = sorted(args.corpora.rglob("*.txt")) if args.corpora else sorted(run.corpus_for(args.size)[0].iterdir())
    texts = [path.read_text(encoding="utf-8") for path in files]
    articles = list(zip(texts, [detect_language(text) for text in texts], strict=True))
    ways = {"nltk": {"reference": True}, "fast_punkt_only": {"news_rules": False}, "fast": {}}
    for options in ways.values():
        split_sentences("Warm up. All paths.", "en", **options)
    splits, times = {}, {name: [] for name in ways}
    for _ in range(args.passes):
        for name, options in ways.items():
            t0 = time.process_time()
            splits[name] = [split_sentences(text, lang, **options) for text, lang in articles]
            times[name].append((time.process_time() - t0) * 1000 / len(texts))
    ms = {name: round(statistics.median(values), 3) for name, values in times.items()}
    reference = splits["nltk"]
    print(json.dumps({"articles": len(texts), "sentences": sum(map(len, reference)),
                      "articles_differing": sum(r != f for r, f in zip(reference, splits["fast"], strict=True)),
                      "articles_changed_by_news_rules": sum(
                          r != f for r, f in zip(splits["fast_punkt_only"], splits["fast"], strict=True)),
                      **{f"{name}_cpu_ms_per_article": value for name, value in ms.items()},
                      "speed_up": round(ms["nltk"] / max(1e-9, ms["fast"]), 2),
                      "rules_cost": round(ms["fast"] / max(1e-9, ms["fast_punkt_only"]), 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
