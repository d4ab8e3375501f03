"""One aligned pair as every view sees it (Meld's Differ): its slots and bands, where a sentence is, what is next."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from app.core.styling import LABELS, MARKS, Role, Run, block_role, row_mark, row_role, side_runs


@dataclass
class Slot:
    """One block in each pane: a row's A side, B side, or both."""

    row: int
    kind: str
    a: list[int]  # sentences shown on the left (empty: filler)
    b: list[int]
    severity: str = "low"
    partner: int = -1  # for a moved row: the slot holding its other side
    role_a: Role = Role.FILLER  # what each side's block is drawn as
    role_b: Role = Role.FILLER


@dataclass(frozen=True, slots=True)
class Band:
    """One row as the gutter draws it: from slot `k_a` on the left to slot `k_b` on the right."""

    k_a: int
    k_b: int
    row: int
    kind: str
    role: Role  # FLAGGED when every sentence on both sides is flagged, else the row's kind
    mark: str  # = ≈ ↕ − + with ! for high risk; ⚑ for flagged text
    high: bool
    minor: bool  # flagged or typography only: skipped by change navigation unless asked for
    change: bool  # anything but an unchanged shared row

    @property
    def tip(self) -> str:
        what = LABELS[self.role] if self.role is Role.FLAGGED else LABELS[row_role(self.kind)]
        if self.role is Role.UPDATE:
            what = f"{LABELS[Role.UPDATE]} ({what})"
        if self.high:
            what += ", high risk"
        elif self.kind == "same" and self.minor:
            what += " (typography only)"
        return f"Row {self.row + 1}: {what}. Click to go there."


def build_slots(rows, hide: set[int] | None = None) -> list[Slot]:
    """Slots in display order. A moved row shows its A side at A's place and its B side at B's place."""
    slots: list[Slot] = []
    pending_b: list[tuple[int, int]] = []  # (b index, row) of moved rows, placed by B's order
    for n, row in enumerate(rows):
        if hide and n in hide:
            continue
        if row.kind == "moved":
            slots.append(Slot(n, "moved", row.a, [], row.severity))
            pending_b.append((row.b[0], n))
        else:
            slots.append(Slot(n, row.kind, row.a, row.b, row.severity))
    for b_index, n in sorted(pending_b):
        at = next((k for k, s in enumerate(slots) if s.b and s.kind != "moved" and s.b[0] > b_index), len(slots))
        slots.insert(at, Slot(n, "moved", [], rows[n].b, rows[n].severity))
    where = {}
    for k, s in enumerate(slots):
        if s.kind == "moved":
            if s.row in where:
                slots[where[s.row]].partner, s.partner = k, where[s.row]
            else:
                where[s.row] = k
    return slots


def build_bands(slots: list[Slot], rows, flagged_a: set[int], flagged_b: set[int],
                update: bool = False) -> list[Band]:
    """Fill each slot's side roles and return one band per row, in the left pane's order. With `update` (two
    versions of one report) every difference is the wire's update: its own look, never high-risk."""
    for s in slots:
        s.role_a = block_role(s.kind, s.a, flagged_a, update)
        s.role_b = block_role(s.kind, s.b, flagged_b, update)
    bands = []
    for k, s in enumerate(slots):
        if s.kind == "moved" and s.partner >= 0 and not s.a:
            continue  # a moved row's band starts from its A side
        k_b = s.partner if s.kind == "moved" and s.partner >= 0 else k
        sides = [r for r in (s.role_a, slots[k_b].role_b) if r is not Role.FILLER]
        flagged = bool(sides) and all(r is Role.FLAGGED for r in sides)
        row = rows[s.row]
        high = s.severity == "high" and not update
        mark = row_mark(s.kind, high, update)
        if flagged:
            mark = MARKS[Role.FLAGGED]
        elif Role.FLAGGED in sides:
            mark += MARKS[Role.FLAGGED]
        typography = row.typography or (s.kind == "changed" and row.edits
                                         and all(e.op in ("equal", "typography") for e in row.edits))
        role = Role.FLAGGED if flagged else Role.UPDATE if update and s.kind != "same" else row_role(s.kind)
        bands.append(Band(k, k_b, s.row, s.kind, role, mark, high,
                          flagged or bool(typography), s.kind != "same" or bool(row.typography)))
    return bands


class PairModel:
    """A pair's rows as slots and bands, built once and handed to the pair view, gutter, strip, PDF and report.

    `article_a`/`article_b` and `rows` are as seen from the left: swapping mirrors the engine's rows and
    fidelity, never recomputes them. Hiding flagged text leaves out the rows whose every sentence is flagged.
    Slots, bands and the lookups are built on first use: a report that only walks the rows never pays for them.
    A pair of two versions (`update`) draws every difference as the wire's update and counts no high-risk edit.
    """

    def __init__(self, pair, article_a, article_b, swapped: bool = False, hide_flagged: bool = False):
        self.pair = pair
        self.swapped = swapped
        self.article_a, self.article_b = (article_b, article_a) if swapped else (article_a, article_b)
        self.rows = [r.mirrored() for r in pair.rows] if swapped else list(pair.rows)
        self.fidelity = pair.fidelity.mirrored() if swapped else pair.fidelity
        self.flagged_a = self.article_a.flagged_sentences()
        self.flagged_b = self.article_b.flagged_sentences()
        self.hide_flagged = hide_flagged
        self.update = pair.is_update

    @property
    def summary(self) -> str:
        """The pair's figures in a sentence, as seen from the left."""
        return self.fidelity.describe(self.update)

    @property
    def high_risk(self) -> int:
        """High-risk edits an outlet made in this pair (none between two versions: those are the wire's update)."""
        return self.pair.outlet_high_risk

    def runs(self, n: int, side: str) -> list[Run]:
        """The styled runs of row `n` on side "a" or "b" (left or right as shown)."""
        article = self.article_a if side == "a" else self.article_b
        return side_runs(article.text, article.sentences, article.flags, self.rows[n], side, self.update)

    @cached_property
    def _layout(self) -> tuple[list[Slot], list[Band]]:
        hide = None
        if self.hide_flagged:
            hide = {n for n, r in enumerate(self.rows)
                    if all(i in self.flagged_a for i in r.a) and all(j in self.flagged_b for j in r.b)}
        slots = build_slots(self.rows, hide)
        # bands fill the slots' roles
        return slots, build_bands(slots, self.rows, self.flagged_a, self.flagged_b, self.update)

    @property
    def slots(self) -> list[Slot]:
        """The blocks each pane shows, in order: one per row, a moved row's two sides at their own places."""
        return self._layout[0]

    @property
    def bands(self) -> list[Band]:
        """One band per row, in the left pane's order: what the gutter and the overview strip draw."""
        return self._layout[1]

    @cached_property
    def _slot_of(self) -> tuple[dict[int, int], dict[int, int]]:
        return ({i: k for k, s in enumerate(self.slots) for i in s.a},
                {j: k for k, s in enumerate(self.slots) for j in s.b})

    @cached_property
    def _band_at(self) -> dict[int, Band]:
        return {b.k_a: b for b in self.bands}

    @cached_property
    def _straight(self) -> tuple[list[Band], list[int], list[Band]]:
        """Bands in the left pane's order and their slots; the few that cross (moved rows) kept apart."""
        straight = [b for b in self.bands if b.k_a == b.k_b]
        return straight, [b.k_a for b in straight], [b for b in self.bands if b.k_a != b.k_b]

    @classmethod
    def of(cls, result, pair_index: int = 0, swapped: bool = False, hide_flagged: bool = False) -> PairModel:
        """The model of one pair of a scan result."""
        pair = result.pairs[pair_index]
        return cls(pair, result.articles[pair.a], result.articles[pair.b], swapped, hide_flagged)

    def row_look(self, n: int) -> tuple[Role, Role, str]:
        """Row `n` as a table of rows draws it (the PDF, the HTML report's pair pages): each side's background
        and the row's mark, = ≈ ↕ − + with ! for high risk and ⚑ when a side is flagged."""
        row = self.rows[n]
        roles = (block_role(row.kind, row.a, self.flagged_a, self.update),
                 block_role(row.kind, row.b, self.flagged_b, self.update))
        mark = row_mark(row.kind, row.severity == "high" and not self.update, self.update)
        return *roles, mark + MARKS[Role.FLAGGED] if Role.FLAGGED in roles else mark

    # ------------------------------------------------------------ where am I

    def slot_of(self, side: str, sentence: int) -> int | None:
        """The slot (block in each pane) holding `sentence` of side "a" or "b"; None when hidden."""
        return self._slot_of[0 if side == "a" else 1].get(sentence)

    def band_of(self, slot: int) -> Band | None:
        """The band starting at `slot` on the left (a moved row's B side has none of its own)."""
        return self._band_at.get(slot)

    def right_slot(self, slot: int) -> int:
        """Where the right pane frames the row whose left side is `slot`: a moved row's B side stands elsewhere."""
        band = self._band_at.get(slot)
        return band.k_b if band else slot

    def entry(self, slot: int) -> int:
        """The slot a row is entered from: a moved row from its A side."""
        s = self.slots[slot]
        return s.partner if s.kind == "moved" and not s.a and s.partner >= 0 else slot

    # ------------------------------------------------------------ what is next

    def stops(self, high_only: bool = False, minor: bool = False) -> list[int]:
        """The slots Next/Previous Change stop at, in order: changes, without flagged and typography-only rows
        unless `minor`; only high-risk ones with `high_only`."""
        return [b.k_a for b in self.bands if b.change and (minor or not b.minor) and (not high_only or b.high)]

    def next_stop(self, current: int, forward: bool = True, high_only: bool = False,
                  minor: bool = False) -> int | None:
        """The next (or previous) stop from slot `current` (-1: before the first), None at the end."""
        stops = self.stops(high_only, minor)
        if forward:
            at = bisect_right(stops, current)
            return stops[at] if at < len(stops) else None
        at = bisect_left(stops, current)
        return stops[at - 1] if at > 0 else None

    def where(self, current: int, minor: bool = False) -> str:
        """What the status bar says about slot `current`: "change 3 of 17, high-risk 2 of 5", or the row."""
        stops, high = self.stops(False, minor), self.stops(True, minor)
        band = self._band_at.get(current)
        at = bisect_left(stops, current)
        if band is None or at == len(stops) or stops[at] != current:
            what = band.tip.split(".")[0] if band else f"Row {current + 1}"
            return f"{what}; {self.count(len(stops), len(high))}"
        if self.update:
            return f"change {at + 1} of {len(stops)}, all the wire's update: no high-risk edit of an outlet"
        return f"change {at + 1} of {len(stops)}, high-risk {bisect_right(high, current)} of {len(high)}"

    def count(self, changes: int, high: int) -> str:
        """What the changes are, in a few words: "17 changes, 5 high-risk", or the wire's update between versions."""
        if self.update:
            return f"{changes} changes, the wire's update between two versions: no high-risk edit of an outlet"
        return f"{changes} changes, {high} high-risk"

    # ------------------------------------------------------------ what is visible

    def bands_between(self, first: int, last: int) -> list[Band]:
        """The bands with a side among slots `first`..`last` (or crossing them): what the gutter draws."""
        straight, keys, crossing = self._straight
        lo, hi = bisect_left(keys, first), bisect_right(keys, last)
        return straight[lo:hi] + [b for b in crossing if min(b.k_a, b.k_b) <= last and max(b.k_a, b.k_b) >= first]

    def rows_between(self, side: str, first: int, last: int) -> list[int]:
        """The rows holding sentences `first`..`last` of a side, in reading order (a page, a screen)."""
        where = self._slot_of[0 if side == "a" else 1]
        slots = sorted({where[i] for i in range(first, last + 1) if i in where})
        rows = []
        for k in slots:
            if not rows or rows[-1] != self.slots[k].row:
                rows.append(self.slots[k].row)
        return rows
