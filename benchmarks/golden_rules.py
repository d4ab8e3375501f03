"""pySBD's English "Golden Rules" scored for Wiretrace, NLTK Punkt alone and pySBD, with splitting speed.

    pip download --no-deps pysbd==0.3.4 -d /tmp/pysbd
    python benchmarks/golden_rules.py /tmp/pysbd/pysbd-0.3.4-py3-none-any.whl [--size 300] [--show]
        [--with-path DIR]

The cases are read from the wheel pySBD publishes (its `benchmarks/english_golden_rules.py`, parsed, never
imported or copied here), or from that file given directly. The wheel is pure Python: pySBD itself is imported
from it for the comparison, so nothing is installed (an installed pySBD would also put a top-level `benchmarks`
package in site-packages, shadowing this folder for `python -m benchmarks.…`). `--with-path DIR` adds a folder
to the import path (e.g. `pip install --no-deps --target DIR sentencex`): sentencex is measured when found.
A case counts when the splitter's sentences, stripped, equal the expected ones. Speed is CPU time per
article, the median of three passes over a generated corpus (`benchmarks/corpus.py`). Prints JSON; `--show`
lists every miss.
"""

from __future__ import annotations

import argparse
import ast
import functools
import json
import statistics
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

RULES_FILE = "benchmarks/english_golden_rules.py"


def read_cases(source: Path) -> list[tuple[str, list[str]]]:
    """The GOLDEN_EN_RULES list of pySBD's golden-rules file, from the wheel or the file itself."""
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as wheel:
            code = wheel.read(RULES_FILE).decode("utf-8")
    else:
        code = source.read_text(encoding="utf-8")
    for node in ast.parse(code).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "GOLDEN_EN_RULES" for t in node.targets):
            return [tuple(case) for case in ast.literal_eval(node.value)]
    raise SystemExit(f"no GOLDEN_EN_RULES in {source}")


def splitters(wheel: Path | None) -> dict:
    from app.core.sentences import _tokenizer, split_sentences

    def wiretrace(text: str) -> list[str]:
        return [text[s:e] for s, e in split_sentences(text, "en")]

    def nltk_punkt(text: str) -> list[str]:
        # The stock English model, without Wiretrace's abbreviations or rules.
        return _stock_punkt().tokenize(text)

    out = {"wiretrace": wiretrace, "nltk_punkt": nltk_punkt}
    if wheel is not None and zipfile.is_zipfile(wheel):
        sys.path.append(str(wheel))
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)
        out[f"pysbd_{pysbd.__version__}"] = segmenter.segment
    try:
        import sentencex
    except ImportError:
        pass
    else:
        out["sentencex"] = lambda text: list(sentencex.segment("en", text))
    _tokenizer("english")  # the bundled models on NLTK's path
    return out


@functools.cache
def _stock_punkt():
    from nltk.tokenize.punkt import PunktTokenizer

    return PunktTokenizer("english")


def score(split, cases) -> tuple[int, list[dict]]:
    misses = []
    for n, (text, expected) in enumerate(cases, 1):
        got = [s.strip() for s in split(text) if s.strip()]
        if got != [s.strip() for s in expected]:
            misses.append({"rule": n, "text": text, "expected": expected, "got": got})
    return len(cases) - len(misses), misses


def cpu_ms_per_article(split, texts: list[str], passes: int = 3) -> float:
    times = []
    for _ in range(passes):
        t0 = time.process_time()
        for text in texts:
            split(text)
        times.append((time.process_time() - t0) * 1000 / len(texts))
    return round(statistics.median(times), 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="pySBD's wheel, or its benchmarks/english_golden_rules.py")
    parser.add_argument("--size", type=int, default=300, help="generated articles to time on (0: no timing)")
    parser.add_argument("--show", action="store_true", help="list every miss")
    parser.add_argument("--with-path", type=Path, action="append", default=[], help="a folder to import from")
    args = parser.parse_args()
    sys.path.extend(str(path) for path in args.with_path)
    cases = read_cases(args.source)
    texts = []
    if args.size:
        import run

        folder, _ = run.corpus_for(args.size)
        texts = [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())]
    result = {"cases": len(cases)}
    for name, split in splitters(args.source).items():
        passed, misses = score(split, cases)
        result[name] = {"passed": passed, "percent": round(100 * passed / len(cases), 1),
                        "missed_rules": [m["rule"] for m in misses]}
        if texts:
            result[name]["cpu_ms_per_article"] = cpu_ms_per_article(split, texts)
        if args.show:
            for miss in misses:
                print(json.dumps({"splitter": name, **miss}, ensure_ascii=False), file=sys.stderr)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
