"""The main window: its layout, its actions, the exports it offers and its preferences, each in its own module."""

from app.gui.window.main_window import MainWindow

__all__ = ["MainWindow"]
