"""The overview map: every document of the scan as a tile, grouped by story family, zoomable and pannable."""

from app.gui.overview.map import OverviewMap

__all__ = ["OverviewMap"]
