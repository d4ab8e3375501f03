"""Slots and bands: the blocks each pane shows (one per row, a moved row's sides at their own places), and the
gutter band that links each row's two sides: what is drawn, kept apart from how it is painted."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.styling import LABELS, MARKS, Role, block_role, row_mark, row_role


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


def build_bands(slots: list[Slot], rows, flagged_a: set[int], flagged_b: set[int]) -> list[Band]:
    """Fill each slot's side roles and return one band per row, in the left pane's order."""
    for s in slots:
        s.role_a = block_role(s.kind, s.a, flagged_a)
        s.role_b = block_role(s.kind, s.b, flagged_b)
    bands = []
    for k, s in enumerate(slots):
        if s.kind == "moved" and s.partner >= 0 and not s.a:
            continue  # a moved row's band starts from its A side
        k_b = s.partner if s.kind == "moved" and s.partner >= 0 else k
        sides = [r for r in (s.role_a, slots[k_b].role_b) if r is not Role.FILLER]
        flagged = bool(sides) and all(r is Role.FLAGGED for r in sides)
        row = rows[s.row]
        high = s.severity == "high"
        mark = row_mark(s.kind, high)
        if flagged:
            mark = MARKS[Role.FLAGGED]
        elif Role.FLAGGED in sides:
            mark += MARKS[Role.FLAGGED]
        typography = row.typography or (s.kind == "changed" and row.edits
                                         and all(e.op in ("equal", "typography") for e in row.edits))
        bands.append(Band(k, k_b, s.row, s.kind, Role.FLAGGED if flagged else row_role(s.kind), mark, high,
                          flagged or bool(typography), s.kind != "same" or bool(row.typography)))
    return bands
