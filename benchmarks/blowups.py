"""Alignment on pathological pairs (issue: hangs and blow-ups): time and peak memory of aligning them.

    python benchmarks/blowups.py [--case NAME]

Each case runs in a fresh process (peak RSS is per process): two files of one repeated line (220 KB and
1.6 MB each), and two 100,000-sentence files of distinct generated sentences, one a lightly edited reprint
of the other. It prints one JSON line per case: sentences per side, seconds to split and to align, peak MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

CASES = ("repeated-220k", "repeated-1600k", "sentences-100k")


def texts(case: str) -> tuple[str, str]:
    if case.startswith("repeated"):
        size = 220_000 if case == "repeated-220k" else 1_600_000
        line = "The council met on Tuesday to discuss the budget.\n"
        other = "The council met on Tuesday to discuss the new budget.\n"
        a = line * (size // len(line))
        b = (line * 3 + other) * (size // len(line) // 4)
        return a, b
    import corpus

    w = corpus.Writer(5)
    sentences = [w.sentence() for _ in range(100_000)]
    edited = [corpus.typo(w.rng, s) if n % 7 == 0 else s for n, s in enumerate(sentences) if n % 11]
    return "\n".join(" ".join(sentences[k : k + 4]) for k in range(0, len(sentences), 4)), \
        "\n".join(" ".join(edited[k : k + 4]) for k in range(0, len(edited), 4))


def run_case(case: str) -> dict:
    from app.core.align import align_sentences
    from app.core.sentences import split_sentences

    a, b = texts(case)
    t0 = time.perf_counter()
    sa, sb = split_sentences(a), split_sentences(b)
    t1 = time.perf_counter()
    rows = align_sentences(a, sa, b, sb)
    t2 = time.perf_counter()
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row.kind] = kinds.get(row.kind, 0) + 1
    return {"case": case, "bytes": [len(a.encode()), len(b.encode())], "sentences": [len(sa), len(sb)],
            "split_s": round(t1 - t0, 2), "align_s": round(t2 - t1, 2), "rows": kinds,
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=CASES)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case)), flush=True)
        return 0
    for case in CASES:
        proc = subprocess.run([sys.executable, __file__, "--case", case], capture_output=True, text=True)
        print(proc.stdout.strip() or json.dumps({"case": case, "error": proc.stderr[-300:]}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
