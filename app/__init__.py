"""Wiretrace: reprint fidelity for news editors."""

from pathlib import Path

__version__ = "0.1.0"


def resources_path(*parts: str) -> Path:
    """A file or folder under resources/, from a checkout, an installed wheel or a frozen build.

    A wheel and PyInstaller both place resources/ at app/resources; a checkout keeps it at the top.
    """
    here = Path(__file__).resolve().parent
    for root in (here / "resources", here.parent / "resources"):
        if (root / "nltk_data").is_dir():
            return root.joinpath(*parts)
    raise FileNotFoundError(f"Wiretrace resources are missing (looked in {here})")
