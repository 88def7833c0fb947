"""Where things live in the repository."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DATA = ROOT / "data"
SITE = ROOT / "site"
OVERRIDES = ROOT / "overrides"
LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
