"""The pair view, Meld's way: two aligned panes, the link gutter, the overview strip, the find bar."""

from app.gui.pair.view import PairView

__all__ = ["PairView"]
