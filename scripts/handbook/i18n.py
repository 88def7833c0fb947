"""Interface strings for partials and scripts, from data/ui/*.yml.

Each file maps a key to its Vietnamese (vi) and English (en) text. A component
keeps its strings in its own file (data/ui/checklist.yml, ...); a key may be
defined only once across all files.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import yaml

from scripts.handbook.paths import DATA, LANGS
from scripts.handbook.yaml_lines import SafeLoader


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for path in sorted((DATA / "ui").glob("*.yml")):
        with open(path, encoding="utf-8") as handle:
            for key, value in (yaml.load(handle, Loader=SafeLoader) or {}).items():
                where = f"data/ui/{path.name}"
                if key in table:
                    raise ValueError(f"{where}: string '{key}' is defined twice")
                missing = [lang for lang in LANGS if not (value or {}).get(lang)]
                if missing:
                    raise ValueError(f"{where}: '{key}' has no text for {', '.join(missing)}")
                table[key] = value
    return table


def translator(lang: str) -> Callable[[str], str]:
    table = strings()

    def t(key: str) -> str:
        if key not in table:
            raise KeyError(f"no interface string '{key}' — add it to a file in data/ui/ "
                           "with vi and en text")
        return table[key][lang]

    return t
