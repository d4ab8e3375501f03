"""Entry point of the frozen binary (PyInstaller runs this file as __main__)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
