"""The family view: one reference copy against every other copy of its story, sentence by sentence."""

from app.gui.family.view import FamilyView

__all__ = ["FamilyView"]
