"""Interface strings for partials and scripts, from data/ui.yml (vi and en side by side)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import yaml

from scripts.handbook.paths import DATA, LANGS


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    with open(DATA / "ui.yml", encoding="utf-8") as handle:
        table = yaml.safe_load(handle) or {}
    for key, value in table.items():
        missing = [lang for lang in LANGS if not (value or {}).get(lang)]
        if missing:
            raise ValueError(f"data/ui.yml: '{key}' has no text for {', '.join(missing)}")
    return table


def translator(lang: str) -> Callable[[str], str]:
    table = strings()

    def t(key: str) -> str:
        if key not in table:
            raise KeyError(f"data/ui.yml has no string '{key}' — add it with vi and en text")
        return table[key][lang]

    return t
