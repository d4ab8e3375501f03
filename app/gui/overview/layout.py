"""Where each document's tile goes on the overview map, and what it says (Qt-free).

Families are blocks of tiles, packed on shelves, largest (or riskiest) first; the documents that belong to
no family form the last block. Every document has a tile: nothing is dropped, whatever the scan's size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

REFERENCE, KEPT, CHANGED, RISKY, LOOSE, ALONE = range(6)
TONE_NAMES = {REFERENCE: "reference copy", KEPT: "faithful copy", CHANGED: "changed copy",
              RISKY: "copy with high-risk edits", LOOSE: "related, not aligned with the reference",
              ALONE: "not reprinted"}
GAP = 1.0  # tiles between blocks
LABEL = 1.4  # tiles above each block for its title


@dataclass(frozen=True, slots=True)
class Tile:
    doc: int
    tone: int
    x: int
    y: int
    verbatim: float  # against the reference; -1 when unknown
    high_risk: int


@dataclass(frozen=True, slots=True)
class Block:
    title: str
    reference: int  # -1 for the block of unrelated documents
    x: float
    y: float
    w: int
    h: int
    tiles: tuple[Tile, ...]
    high_risk: int


def _against(pair, ref: int):
    """The pair's fidelity with the reference as side A."""
    if pair is None:
        return None
    return pair.fidelity if pair.a == ref else pair.fidelity.mirrored()


def blocks(result, order: str = "size", aspect: float = 1.5) -> list[Block]:
    """Lay out every document of `result`; `order` is "size" or "risk"; `aspect` = width / height wanted."""
    by_pair = {}
    for p in result.pairs:
        by_pair[(p.a, p.b)] = by_pair[(p.b, p.a)] = p
    groups = []
    placed: set[int] = set()
    for family in result.families:
        docs = list(family.members)
        if len(docs) < 2:
            continue
        ref = family.reference
        against_ref = dict(family.member_fidelity)  # the engine's own
        tiles, risk = [], 0
        for d in sorted(docs, key=lambda d: (d != ref, d)):
            if d == ref:
                tiles.append((d, REFERENCE, -1.0, 0))
                continue
            fidelity = against_ref.get(d) or _against(by_pair.get((ref, d)), ref)
            if fidelity is None:
                tiles.append((d, LOOSE, -1.0, 0))
                continue
            # risk is what the outlet changed against its own source: the wire's update between versions is none
            link = family.source_of(d)
            own = link.fidelity if link is not None and link.fidelity is not None else fidelity
            verbatim, hr = fidelity.verbatim, 0 if link is not None and link.update else own.high_risk
            risk += hr
            tone = RISKY if hr else KEPT if verbatim >= 0.95 else CHANGED
            tiles.append((d, tone, verbatim, hr))
        # the riskiest copies first, so a block reads from its reference to its worst copy
        tiles[1:] = sorted(tiles[1:], key=lambda t: (-t[3], t[2] if t[2] >= 0 else 2.0, t[0]))
        title = family.title or result.articles[ref].title or result.articles[ref].id
        groups.append((title, ref, tiles, risk))
        placed.update(docs)
    key = (lambda g: (-g[3], -len(g[2]), g[1])) if order == "risk" else (lambda g: (-len(g[2]), -g[3], g[1]))
    groups.sort(key=key)
    alone = [(d, ALONE, -1.0, 0) for d in range(len(result.articles)) if d not in placed]
    widest = max((_shape(len(t))[0] for _, _, t, _ in groups), default=1)
    area = sum((w + GAP) * (h + LABEL) for w, h in (_shape(len(t)) for _, _, t, _ in groups)) + len(alone)
    # shelves leave gaps the estimate cannot know: try a few widths, keep the shape nearest the one wanted
    start = max(8, widest, math.ceil(math.sqrt(max(area, 1) * aspect)))
    tries = [_pack(groups, alone, max(widest, round(start * f))) for f in (0.8, 0.9, 1.0, 1.15, 1.3, 1.5)]
    return min(tries, key=lambda out: abs(math.log(max(_aspect(out), 1e-6) / aspect)))


def _shape(n: int) -> tuple[int, int]:
    """Width and height in tiles of a family block of n documents: a little wider than tall."""
    w = math.ceil(math.sqrt(n * 1.6))
    return w, math.ceil(n / w)


def _aspect(out: list[Block]) -> float:
    width = max(b.x + b.w for b in out)
    height = max(b.y + b.h for b in out)
    return width / max(height, 1)


def _pack(groups: list, alone: list, width: int) -> list[Block]:
    out: list[Block] = []
    x = y = 0.0
    shelf = 0.0
    for title, ref, tiles, risk in groups:
        w, h = _shape(len(tiles))
        if x > 0 and x + w > width:
            x, y = 0.0, y + shelf + LABEL
            shelf = 0.0
        out.append(_block(title, ref, x, y + LABEL, w, h, tiles, risk))
        x += w + GAP
        shelf = max(shelf, h + GAP)
    if alone:
        y = y + shelf + LABEL if out else 0.0
        w = min(width, len(alone))
        out.append(_block(f"Not reprinted ({len(alone)})", -1, 0.0, y + LABEL, w, math.ceil(len(alone) / w),
                          alone, 0))
    return out


def _block(title, ref, x, y, w, h, tiles, risk) -> Block:
    return Block(title, ref, x, y, w, h,
                 tuple(Tile(d, tone, k % w, k // w, v, hr) for k, (d, tone, v, hr) in enumerate(tiles)), risk)
