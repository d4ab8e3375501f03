"""Relations, families, versions and sources against hand labels and synthetic chains, tuning and held-out apart.

Labels: `tests/fixtures/relations/labels.csv` (every pair of the real corpora that shares any shingle, plus the
synthetic cases of `synthetic/`) and `versions.csv` (story, version and, where the evidence allows, source of
each article in a multi-copy story); the synthetic chains' truth is written by `build_chains.py` beside them.
Provenance, and which stories and chains are the tuning part, in that folder's PROVENANCE.md. Every figure is
printed for the tuning part and the held-out part separately: tune the engine on the first, report the second.

    python -m benchmarks.relations [--corpora PATH] [--pages PATH] [--chains small|large|both|none] [--generated N]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from app.core.records import Relation
from app.core.scan import run, scan
from app.core.settings import Settings
from tests.fixtures.relations import build_chains

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "relations"

KINDS = ["copy", "version", "partial", "quotes", "none"]
SAME_STORY = {"copy", "version"}
PARTS = ["tune", "report"]


@dataclass
class Truth:
    """What one labelled set says: pair labels, each article's part, version group and source."""

    labels: dict[frozenset, str]
    part: dict[str, str]  # article id -> tune | report
    version: dict[str, str] = field(default_factory=dict)  # article id -> "story/version", multi-copy stories
    source: dict[str, str | None] = field(default_factory=dict)  # article id -> source id (None: the root)

    def pair_part(self, pair: frozenset) -> str:
        """A pair is for tuning only when both its articles are; anything touching a held-out article is held out."""
        return "tune" if all(self.part.get(a, "report") == "tune" for a in pair) else "report"


def hashed_part(article_id: str) -> str:
    """Articles outside every labelled story go to a part by a stable hash of their name."""
    return PARTS[zlib.crc32(article_id.encode()) % 2]


def real_truth() -> Truth:
    with open(FIXTURE / "labels.csv", encoding="utf-8") as fh:
        labels = {frozenset((r["a"], r["b"])): r["label"] for r in csv.DictReader(fh)}
    with open(FIXTURE / "versions.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    ids = {a for pair in labels for a in pair}
    part = {a: hashed_part(a) for a in ids} | {r["article"]: r["part"] for r in rows}
    return Truth(labels, part, {r["article"]: f"{r['story']}/{r['version']}" for r in rows},
                 {r["article"]: r["source"] for r in rows if r["source"]})


def chain_truth(folder: Path) -> Truth:
    """Chains are labelled by construction: same story and version `copy`, another version `version`, another
    story of the same event `quotes` (they quote the same people, nothing more), anything else `none`."""
    rows = {r["file"]: r for r in build_chains.read_truth(folder)}
    labels = {}
    for a, b in combinations(sorted(rows), 2):
        ra, rb = rows[a], rows[b]
        if ra["story"] == rb["story"]:
            labels[frozenset((a, b))] = "copy" if ra["version"] == rb["version"] else "version"
        else:
            labels[frozenset((a, b))] = "quotes" if ra["event"] == rb["event"] else "none"
    return Truth(labels, {f: r["part"] for f, r in rows.items()},
                 {f: f"{r['story']}/{r['version']}" for f, r in rows.items() if r["version"] != "0"},
                 {f: r["source"] or None for f, r in rows.items() if r["version"] != "0"})


@dataclass
class Engine:
    """What the engine said, by article id: relation per pair, families, versions and sources if it has them."""

    relation: dict[frozenset, str]
    family_pairs: set[frozenset]
    version_pairs: set[frozenset] | None  # None: the engine has no versions yet
    source: dict[str, str | None] | None  # None: the engine has no lineage yet
    ids: list[str]
    families: int


def predict(folders: list[Path], ident=lambda i: i) -> Engine:
    """Scan the folders together with no pre-filter threshold; `ident` maps the engine's ids to the labels'."""
    result = run(scan([str(f) for f in folders], Settings(min_overlap=0.0, use_cache=False)))
    if not result.articles or result.skipped:
        why = "; ".join(f"{s.path}: {s.reason}" for s in result.skipped[:3])
        print(f"  the scan read {len(result.articles)} articles and skipped {len(result.skipped)} ({why})")
        if not result.articles:
            raise SystemExit(f"nothing to measure in {', '.join(map(str, folders))}")
    ids = [ident(a.id) for a in result.articles]
    relation = {frozenset((ids[p.a], ids[p.b])): str(p.relation) for p in result.pairs}
    together = {frozenset((ids[x], ids[y])) for f in result.families for x, y in combinations(f.members, 2)}
    versions = sources = None
    if all(hasattr(f, "versions") for f in result.families) and hasattr(Relation, "VERSION"):
        versions = {frozenset((ids[x], ids[y])) for f in result.families for v in f.versions
                    for x, y in combinations(v.members, 2)}
    if all(hasattr(f, "lineage") for f in result.families):
        sources = {ids[s.copy]: (None if s.source is None else ids[s.source])
                   for f in result.families for s in f.lineage}
    return Engine(relation, together, versions, sources, ids, len(result.families))


def ratio(hit: int, total: int) -> str:
    return f"{hit / total:.3f} ({hit}/{total})" if total else "n/a (0/0)"


def print_matrix(matrix: Counter, indent: str = "    ") -> None:
    print(indent + f"{'label / engine':>14}" + "".join(f"{k:>9}" for k in KINDS) + f"{'recall':>9}")
    for gold in KINDS:
        total = sum(matrix[(gold, k)] for k in KINDS)
        if total:
            print(indent + f"{gold:>14}" + "".join(f"{matrix[(gold, k)]:>9}" for k in KINDS)
                  + f"{matrix[(gold, gold)] / total:>9.2f}")


def pairs_scores(found: set[frozenset], gold: set[frozenset], in_part: Iterable[frozenset]) -> str:
    """Precision and recall of pairs put together (in one family, one version) inside one part."""
    part = set(in_part)
    found, gold = found & part, gold & part
    return f"precision {ratio(len(found & gold), len(found))}, recall {ratio(len(found & gold), len(gold))}"


def evaluate(name: str, truth: Truth, engine: Engine) -> None:
    """Print every figure for the tuning part and the held-out part of one labelled set."""
    print(f"\n== {name}: {len(engine.ids)} articles, {engine.families} families, {len(truth.labels)} labelled pairs, "
          f"{len(engine.relation)} reported")
    unlabelled = [p for p in engine.relation if p not in truth.labels]
    if unlabelled:
        print(f"  {len(unlabelled)} reported pairs have no label, e.g. {sorted(next(iter(unlabelled)))}")
    known = set(truth.part) | set(engine.ids)
    # pairs between two articles the engine reads, whether or not they share anything
    every = {frozenset(p) for p in combinations(sorted(known), 2)}
    for part in PARTS:
        in_part = {p for p in every if truth.pair_part(p) == part}
        labels = {p: g for p, g in truth.labels.items() if p in in_part}
        arts = {a for a in known if truth.part.get(a, "report") == part}
        print(f"  -- {'tuning part' if part == 'tune' else 'HELD-OUT part'}: {len(arts)} articles, "
              f"{len(labels)} labelled pairs")
        print_matrix(Counter((g, engine.relation.get(p, "none")) for p, g in labels.items()))
        same_story = {p for p, g in labels.items() if g in SAME_STORY}
        print(f"    families (same-story pairs share one): {pairs_scores(engine.family_pairs, same_story, in_part)}"
              "  goal P >= 0.95, R >= 0.95")
        same_version = {p for p in in_part if len(p) == 2 and len({truth.version.get(a) for a in p}) == 1
                        and all(a in truth.version for a in p)}
        if engine.version_pairs is None:
            print("    versions: engine has no versions yet")
        else:
            print(f"    versions (same-version pairs share a group): "
                  f"{pairs_scores(engine.version_pairs, same_version, in_part)}")
        quoted = [p for p, g in labels.items() if g in ("quotes", "none") and engine.relation.get(p) in SAME_STORY]
        print(f"    quotes/unrelated pairs called copy or version: {len(quoted)} of "
              f"{sum(g in ('quotes', 'none') for g in labels.values())}  goal 0")
        for p in sorted(quoted, key=sorted)[:5]:
            print(f"      {' ~ '.join(sorted(p))}: labelled {labels[p]}, engine {engine.relation.get(p)}")
        copies = {a: s for a, s in truth.source.items() if truth.part.get(a) == part}
        if engine.source is None:
            print("    sources: engine has no lineage yet")
        elif copies:
            taken = {a: s for a, s in copies.items() if s}
            right = sum(engine.source.get(a) == s for a, s in taken.items())
            roots = [a for a, s in copies.items() if s is None]
            rooted = sum(a in engine.source and engine.source[a] is None for a in roots)
            print(f"    source right: {ratio(right, len(taken))} of copies with a labelled source  goal >= 0.90"
                  + (f"; first versions given no source: {ratio(rooted, len(roots))}" if roots else ""))


def seeds_check() -> None:
    result = run(scan([str(ROOT / "seeds")], Settings(use_cache=False)))
    got = sorted((sorted(Path(result.articles[x].id).name[:3] for x in (p.a, p.b)), str(p.relation))
                 for p in result.pairs)
    ok = got == [(["000", "001"], "copy")]
    print(f"\n== seeds: pairs {got}  {'ok: exactly the AP pair, as copy' if ok else 'GOAL MISSED: exactly the AP pair'}")


def chains(label: str, folder: Path) -> None:
    evaluate(f"synthetic chains, {label} ({folder.name})", chain_truth(folder),
             predict([folder], ident=lambda i: Path(i).name))


def generated_agreement(n: int) -> None:
    """Planted reprints of a generated corpus: the share of planted pairs the engine calls `copy`."""
    from benchmarks.corpus import generate

    tmp = Path(tempfile.mkdtemp(prefix="wiretrace-relations-"))
    try:
        truth = generate(tmp / "corpus", n)
        engine = predict([tmp / "corpus"])
        planted = {frozenset(p) for fam in truth["families"] for p in combinations(fam, 2)}
        as_copy = sum(engine.relation.get(p) == "copy" for p in planted)
        extra = sum(1 for p, rel in engine.relation.items() if rel == "copy" and p not in planted)
        print(f"\n== generated corpus of {n}: {as_copy}/{len(planted)} planted reprint pairs called copy "
              f"({as_copy / max(1, len(planted)):.1%}); {extra} copy pairs not planted; families "
              f"{pairs_scores(engine.family_pairs, planted, engine.family_pairs | planted)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=build_chains.shared("corpora"))
    ap.add_argument("--pages", type=Path, default=build_chains.shared("boilerplate-dev", "pages.jsonl"))
    ap.add_argument("--chains", choices=["small", "large", "both", "none"], default="both")
    ap.add_argument("--generated", type=int, default=0, metavar="N")
    args = ap.parse_args()
    if not (args.corpora / "census").is_dir():
        ap.error(f"no corpora at {args.corpora}: pass --corpora")
    print("Tune on the tuning part; quote the HELD-OUT part. Tuning: real stories ap-hofeller, ap-backpedal, "
          "cnet-policy, nbc-levinson-oped, reuters-concealed, blaze-spotify (+ other articles by a hash of their "
          "name); chains ap-backpedal, cnet-policy, ap-hofeller, every other boilerplate story, the Blaze and CNBC "
          "reports.")
    # one scan over the real folders and the synthetic cases: ids start with the folder's name, as labelled
    evaluate("real corpora (hand labels)", real_truth(),
             predict([args.corpora / "census", args.corpora / "spotify", FIXTURE / "synthetic"]))
    tmp = Path(tempfile.mkdtemp(prefix="wiretrace-chains-"))
    try:
        if args.chains in ("small", "both"):
            # a copy with its times restored: git keeps no modification times
            shutil.copytree(FIXTURE / "chains", tmp / "chains")
            shutil.copy(build_chains.truth_path(FIXTURE / "chains"), build_chains.truth_path(tmp / "chains"))
            build_chains.restore_times(tmp / "chains")
            chains("the repository's small set", tmp / "chains")
        if args.chains in ("large", "both"):
            build_chains.write(build_chains.large(args.corpora, args.pages), tmp / "large")
            chains("the larger generated set", tmp / "large")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    seeds_check()
    if args.generated:
        generated_agreement(args.generated)


if __name__ == "__main__":
    main()
