"""Heading slugs that fold Vietnamese to ASCII.

Python-Markdown's default slugify drops "đ" ("Mục đích" becomes "muc-ich").
We fold đ→d, strip the combining marks after NFD, and keep ASCII kebab-case,
so anchors are identical whichever way a reader types them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Return *text* without Vietnamese diacritics (đ→d), case kept."""
    if text.isascii():
        return text
    return _fold(text)


@lru_cache(maxsize=65536)  # the search index folds the same few thousand words again and again
def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(value: str, separator: str = "-") -> str:
    """Python-Markdown `toc` slugify: "Mục đích" → "muc-dich"."""
    ascii_text = fold(value).lower()
    return _NOT_WORD.sub(separator, ascii_text).strip(separator)
