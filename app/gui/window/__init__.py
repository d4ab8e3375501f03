"""The main window: its layout, actions, exports, and the scan as the window sees it."""
