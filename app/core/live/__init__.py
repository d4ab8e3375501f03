"""Watching a folder: files as they land, a live scan kept equal to a cold one, the events it reports."""
