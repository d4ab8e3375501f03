"""Relations and families against hand labels: the confusion matrix and family precision/recall.

Labels: `tests/fixtures/relations/labels.csv` (every pair of the real corpora that shares any shingle, plus the
synthetic cases of `tests/fixtures/relations/synthetic/`; provenance in that folder's PROVENANCE.md). The real
articles are read from the shared corpora folder (`--corpora`). `--generated N` also checks, on a corpus from
`corpus.py`, that planted reprints come out as `copy`.

    python -m benchmarks.relations [--corpora PATH] [--generated 300]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path

from app.core.scan import run, scan
from app.core.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "relations"
KINDS = ["copy", "partial", "quotes", "none"]


def predict(folders: list[Path]):
    """Scan the folders together with no pre-filter threshold: (relation by pair of ids, the scan)."""
    result = run(scan([str(f) for f in folders], Settings(min_overlap=0.0, use_cache=False)))
    arts = result.articles
    predicted = {frozenset((arts[p.a].id, arts[p.b].id)): str(p.relation) for p in result.pairs}
    return predicted, result


def family_scores(result, copies: set[frozenset]) -> tuple[float, float, int]:
    """Precision: pairs inside one family that are labelled copies; recall: labelled copies inside one family."""
    arts = result.articles
    together = {frozenset((arts[x].id, arts[y].id)) for f in result.families for x, y in combinations(f.members, 2)}
    precision = len(together & copies) / len(together) if together else 1.0
    recall = len(together & copies) / len(copies) if copies else 1.0
    return precision, recall, len(together)


def old_rule_scores(result, copies: set[frozenset]) -> tuple[float, float]:
    """Family precision/recall of the rule before relations: components over every pair the shingle
    pre-filter reports at the default --min-overlap 0.2."""
    from app.core.index import overlapping_pairs, shingle_hashes, story_families
    from app.core.scan import body_words

    arts = result.articles
    overlaps = overlapping_pairs([shingle_hashes(body_words(a)) for a in arts], 0.2, 3)
    together = {frozenset((arts[x].id, arts[y].id)) for g in story_families(len(arts), overlaps)
                for x, y in combinations(g, 2)}
    return (len(together & copies) / len(together) if together else 1.0,
            len(together & copies) / len(copies) if copies else 1.0)


def labelled() -> dict:
    with open(FIXTURE / "labels.csv", encoding="utf-8") as fh:
        return {frozenset((r["a"], r["b"])): r for r in csv.DictReader(fh)}


def confusion(labels: dict, predicted: dict) -> Counter:
    return Counter((row["label"], predicted.get(pair, "none")) for pair, row in labels.items())


def print_matrix(matrix: Counter) -> None:
    print(f"{'label / engine':>16}" + "".join(f"{k:>9}" for k in KINDS) + f"{'recall':>9}")
    for gold in KINDS:
        total = sum(matrix[(gold, k)] for k in KINDS)
        recall = matrix[(gold, gold)] / total if total else 0.0
        print(f"{gold:>16}" + "".join(f"{matrix[(gold, k)]:>9}" for k in KINDS) + f"{recall:>9.2f}")


def generated_agreement(n: int) -> None:
    """Planted reprints of a generated corpus: the share of planted pairs the engine calls `copy`."""
    from benchmarks.corpus import generate

    tmp = Path(tempfile.mkdtemp(prefix="wiretrace-relations-"))
    try:
        truth = generate(tmp / "corpus", n)
        predicted, result = predict([tmp / "corpus"])
        planted = {frozenset(p) for fam in truth["families"] for p in combinations(fam, 2)}
        as_copy = sum(predicted.get(p) == "copy" for p in planted)
        extra = sum(1 for p, rel in predicted.items() if rel == "copy" and p not in planted)
        p, r, _ = family_scores(result, planted)
        print(f"generated corpus of {n}: {as_copy}/{len(planted)} planted reprint pairs called copy "
              f"({as_copy / max(1, len(planted)):.1%}); {extra} copy pairs not planted; family P {p:.3f} R {r:.3f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--generated", type=int, default=0, metavar="N")
    args = ap.parse_args()
    # one scan over the real folders and the synthetic cases: ids start with the folder's name, as labelled
    predicted, result = predict([args.corpora / "census", args.corpora / "spotify", FIXTURE / "synthetic"])
    labels = labelled()
    matrix = confusion(labels, predicted)
    print(f"{len(labels)} labelled pairs ({len(result.articles)} articles), {len(result.pairs)} reported pairs")
    print_matrix(matrix)
    unlabelled = [p for p in predicted if p not in labels]
    if unlabelled:
        print(f"{len(unlabelled)} reported pairs have no label, e.g. {sorted(next(iter(unlabelled)))}")
    bad = [(sorted(p), r["label"], predicted.get(p, "none")) for p, r in labels.items()
           if r["label"] in ("quotes", "none") and predicted.get(p) == "copy"]
    print(f"quotes/captions-only or unrelated pairs called copy: {len(bad)}")
    for pair, gold, got in bad:
        print(f"  {pair[0]} ~ {pair[1]}: labelled {gold}, engine {got}")
    copies = {p for p, r in labels.items() if r["label"] == "copy"}
    precision, recall, together = family_scores(result, copies)
    print(f"families: {len(result.families)}; pairs inside a family {together}; "
          f"precision {precision:.3f}, recall {recall:.3f} (goal >= 0.95 and >= 0.9)")
    old_p, old_r = old_rule_scores(result, copies)
    print(f"before (components over every shingle pair at 0.2): precision {old_p:.3f}, recall {old_r:.3f}")
    for f in result.families:
        arts = result.articles
        print(f"  {len(f.members)} × {f.title[:60]!r}  reference {arts[f.reference].id}")
    if args.generated:
        generated_agreement(args.generated)


if __name__ == "__main__":
    main()
