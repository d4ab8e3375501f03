"""How far a scan's alignments and relations agree with the engine's recorded baseline on the benchmark corpus.

    python benchmarks/agreement.py REPORT.json SIZE            (compare; prints JSON)
    python benchmarks/agreement.py REPORT.json SIZE --record   (write benchmarks/baseline/align-SIZE.json.gz)

The baseline holds, per planted-corpus pair, a digest of its rows (kind and sentence indices of every row,
in order) and its relation. The row digests were recorded from the engine as it stood before the speed
work (the corpus generator is seeded, so the corpus is the same everywhere); the relations from the first
engine that decided them, whose rows were checked identical to that baseline.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

BASELINE = Path(__file__).resolve().parent / "baseline"


def rows_digest(rows: list[dict]) -> str:
    text = ";".join(f"{r['kind']}:{','.join(map(str, r['a']))}/{','.join(map(str, r['b']))}" for r in rows)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def digest(report: dict) -> dict[str, list]:
    """pair "a|b" -> [rows digest, relation or None]."""
    return {f"{p['a']}|{p['b']}": [rows_digest(p["rows"]), p.get("relation")] for p in report["pairs"]}


def baseline_file(size: int) -> Path:
    return BASELINE / f"align-{size}.json.gz"


def compare(report: dict, size: int) -> dict:
    """Shares of the baseline's pairs found again, with identical rows, and with the same relation."""
    path = baseline_file(size)
    if not path.exists():
        return {"baseline": None}
    base = json.loads(gzip.decompress(path.read_bytes()))
    now = digest(report)
    common = base.keys() & now.keys()
    rows = sum(base[k][0] == now[k][0] for k in common)
    related = [k for k in common if base[k][1] is not None]
    relations = sum(base[k][1] == now[k][1] for k in related)
    n = max(1, len(base))
    return {"baseline_pairs": len(base), "pairs_found": round(len(common) / n, 4),
            "new_pairs": len(now.keys() - base.keys()), "rows_identical": round(rows / n, 4),
            "relations_identical": round(relations / max(1, len(related)), 4), "relations_compared": len(related)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("size", type=int)
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--rows-from", help="take the row digests from this (older) report")
    args = parser.parse_args()
    report = json.loads(Path(args.report).read_text(encoding="utf-8"))
    if args.record:
        record = digest(report)
        if args.rows_from:
            old = digest(json.loads(Path(args.rows_from).read_text(encoding="utf-8")))
            if old.keys() != record.keys() or any(old[k][0] != record[k][0] for k in old):
                raise SystemExit("the older report's rows differ: its relations would not be comparable")
        BASELINE.mkdir(exist_ok=True)
        data = json.dumps(record, sort_keys=True, separators=(",", ":")).encode()
        baseline_file(args.size).write_bytes(gzip.compress(data, mtime=0))
        print(f"recorded {len(record)} pairs")
        return 0
    print(json.dumps(compare(report, args.size)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
