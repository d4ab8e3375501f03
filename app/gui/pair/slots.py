"""Slots: the blocks each pane shows, one per alignment row, with a moved row's two sides at their own places."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Slot:
    """One block in each pane: a row's A side, B side, or both."""

    row: int
    kind: str
    a: list[int]  # sentences shown on the left (empty: filler)
    b: list[int]
    severity: str = "low"
    partner: int = -1  # for a moved row: the slot holding its other side


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
