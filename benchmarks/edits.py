"""How well high-risk edits are told from style and other wording: labelled real edits, and a real scan's counts.

    python benchmarks/edits.py [--corpora /work/shared/corpora] [--before CHECKOUT] [--json]

1. Precision and recall of "high-risk" on `tests/fixtures/edits/labelled.jsonl` (hand-labelled edits of the
   real corpora), on the `tune` part (in-sample: the rules were written against it) and the `heldout` part
   (never used to write rules), for the rules now (`app/core/edits.py`) and as they were at main 73ecea9
   (the `before` column of the fixture).
2. What a scan of the real corpora marks (`wiretrace scan --json` of this checkout, and of `--before CHECKOUT`
   when given, each run as its own process): high-risk rows in copy pairs and how many of them differ only in
   punctuation, spacing or abbreviation (equal once every character but letters and digits is dropped);
   high-risk edits that are "US" / "U.S.", apostrophe forms ("Trump's" / "Trump ’s") or "(AP Photo/" credits;
   quote-only pairs carrying a high-risk count.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.edits import classify_edit  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "edits" / "labelled.jsonl"


def labelled() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


def scores(items: list[dict]) -> dict:
    """Precision and recall of high-risk, before and now, and how often the reason and the class match."""
    out: dict = {"edits": len(items), "labelled_risk": sum(i["label"] == "risk" for i in items)}
    now = [classify_edit(i["a_text"], i["b_text"], tuple(i["a_span"]), tuple(i["b_span"])) for i in items]
    for name, predicted in (("before", [i["before"] == "risk" for i in items]), ("now", [r.high_risk for r in now])):
        gold = [i["label"] == "risk" for i in items]
        tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
        fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
        fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
        out[name] = {"precision": round(tp / max(1, tp + fp), 3), "recall": round(tp / max(1, tp + fn), 3),
                     "tp": tp, "fp": fp, "fn": fn}
    out["now"]["class_agrees"] = round(sum(r.kind == i["label"] for r, i in zip(now, items, strict=True)) / len(items), 3)
    out["now"]["reason_agrees"] = round(sum(r == i["reason"] for r, i in zip(now, items, strict=True)) / len(items), 3)
    return out


def _compact(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _changes(row: dict, text_a: str, text_b: str) -> list[tuple[str, str, bool]]:
    """(deleted, inserted, marked high-risk) for each run of deletions and insertions between unchanged words."""
    out, old, new, risk = [], [], [], False
    for e in row["edits"] + [{"op": "equal"}]:
        if e["op"] == "delete":
            old.append(text_a[e["a"][0]:e["a"][1]])
        elif e["op"] == "insert":
            new.append(text_b[e["b"][0]:e["b"][1]])
        elif e["op"] == "equal" and (old or new):
            out.append(("".join(old), "".join(new), risk))
            old, new, risk = [], [], False
        risk = risk or bool(e.get("risk"))
    return out


def scan_counts(checkout: Path, corpora: str) -> dict:
    """The counts the issue quoted, from a scan of `corpora` by the engine in `checkout` (its own process)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scan.json"
        env = {**os.environ, "PYTHONPATH": str(checkout)}
        subprocess.run([sys.executable, "-m", "app", "scan", corpora, "--no-cache", "--json", str(out)],
                       cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        report = json.loads(out.read_text(encoding="utf-8"))
    if not report["documents"]:
        raise SystemExit(f"{checkout}: the scan read no article of {corpora} (see `wiretrace scan` there)")
    docs = {d["id"]: d for d in report["documents"]}
    counts = {"copy_pairs": 0, "high_risk_rows_in_copies": 0, "of_them_punctuation_spacing_or_abbreviation_only": 0,
              "high_risk_us_or_u.s.": 0, "high_risk_apostrophe_forms": 0, "high_risk_ap_photo_credits": 0,
              "quote_only_pairs": 0, "quote_only_pairs_with_high_risk": 0, "style_rows_in_copies": 0}
    for p in report["pairs"]:
        a, b = docs[p["a"]], docs[p["b"]]
        if p["relation"] == "quotes":
            counts["quote_only_pairs"] += 1
            counts["quote_only_pairs_with_high_risk"] += p["fidelity"]["high_risk"] > 0
        if p["relation"] != "copy":
            continue
        counts["copy_pairs"] += 1
        counts["style_rows_in_copies"] += p["fidelity"].get("style", 0)
        for row in p["rows"]:
            if row["severity"] == "high":
                counts["high_risk_rows_in_copies"] += 1
                text_a = "".join(a["text"][a["sentences"][i]["start"]:a["sentences"][i]["end"]] for i in row["a"])
                text_b = "".join(b["text"][b["sentences"][i]["start"]:b["sentences"][i]["end"]] for i in row["b"])
                counts["of_them_punctuation_spacing_or_abbreviation_only"] += _compact(text_a) == _compact(text_b)
            for old, new, risk in _changes(row, a["text"], b["text"]):
                if not risk:
                    continue
                same_letters = _compact(old) == _compact(new)
                counts["high_risk_us_or_u.s."] += same_letters and "U.S." in old + new and "US" in old + new
                counts["high_risk_apostrophe_forms"] += same_letters and any(q in old + new for q in "'’")
                counts["high_risk_ap_photo_credits"] += "AP Photo" in old + new
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default="/work/shared/corpora", help="real corpora to scan for the counts")
    parser.add_argument("--before", help="a checkout of the engine before this work (e.g. a worktree of main)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = parser.parse_args()
    items = labelled()
    result: dict = {part: scores([i for i in items if i["part"] == part]) for part in ("tune", "heldout")}
    result["tune"]["note"] = "in-sample: the rules were written against this part"
    if Path(args.corpora).is_dir():
        result["scan_now"] = scan_counts(ROOT, args.corpora)
        if args.before:
            result["scan_before"] = scan_counts(Path(args.before).resolve(), args.corpora)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for part in ("tune", "heldout"):
        r = result[part]
        print(f"{part}: {r['edits']} edits, {r['labelled_risk']} labelled high-risk"
              + (" (in-sample)" if part == "tune" else " (held out)"))
        for name in ("before", "now"):
            s = r[name]
            extra = f", class agrees {s['class_agrees']}, reason agrees {s['reason_agrees']}" if name == "now" else ""
            print(f"  {name:6} precision {s['precision']:.3f} recall {s['recall']:.3f} "
                  f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']}){extra}")
    for key in ("scan_before", "scan_now"):
        if key in result:
            print(f"{key}: " + ", ".join(f"{k} {v}" for k, v in result[key].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
