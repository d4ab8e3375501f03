"""Sentence splitting: the fast Punkt path against NLTK's own tokenizer on a generated corpus.

    python benchmarks/punkt.py [--size 1000]     (prints JSON)

Every article of the benchmark corpus of that size (benchmarks/corpus.py) is split both ways; the splits
must be identical. Prints the articles and sentences compared, how many articles differ, and the time of each.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args()
    import run

    from app.core.language import detect_language
    from app.core.sentences import split_sentences

    folder, _ = run.corpus_for(args.size)
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())]
    languages = [detect_language(text) for text in texts]
    split_sentences("Warm up. Both paths.", "en", reference=True)
    split_sentences("Warm up. Both paths.", "en")
    t0 = time.perf_counter()
    reference = [split_sentences(t, lang, reference=True) for t, lang in zip(texts, languages, strict=True)]
    t1 = time.perf_counter()
    fast = [split_sentences(t, lang) for t, lang in zip(texts, languages, strict=True)]
    t2 = time.perf_counter()
    print(json.dumps({"articles": len(texts), "sentences": sum(map(len, reference)),
                      "articles_differing": sum(r != f for r, f in zip(reference, fast, strict=True)),
                      "nltk_ms_per_article": round((t1 - t0) * 1000 / len(texts), 3),
                      "fast_ms_per_article": round((t2 - t1) * 1000 / len(texts), 3),
                      "speed_up": round((t1 - t0) / max(1e-9, t2 - t1), 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
