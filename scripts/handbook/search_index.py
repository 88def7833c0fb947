"""Post-process Material's search index: typing without diacritics, one index
per language, and a search worker that loads lazily and ranks precisely.

Material's search (lunr) matches "bí thư" but not "bi thu", and
mkdocs-static-i18n writes one index that mixes both languages. After the build
we rewrite it (overrides/hooks/search_fold.py calls `rewrite`):

* Folding. Every document gets `title_folded` and `text_folded`: the folded
  form ("bi", "thu", "bo") of each word that has diacritics, in order and with
  repeats (term frequency counts for ranking). Words without diacritics ("chi")
  are already in `title`/`text`, so an unaccented query scores like the
  accented one instead of counting such words twice.
* Word pairs. The `pairs` field holds every adjacent pair of folded words
  ("chi_bo"), so the worker can rank pages with the typed phrase first
  (Vietnamese words are often two syllables: "thông báo", "chi bộ"). It is listed
  in `config.fields` here, but filled in by the worker when it loads the index
  (`wordPairs`, the same as `word_pairs` below): shipped, it was nearly half of
  the index.
* The fields are listed in the index's `config.fields`; Material's worker
  indexes every field listed there (its source: `for (const [name, spec] of
  Object.entries(config.fields)) this.field(name, ...)`).
* One index per language. The default language keeps `search/`, every other
  language gets `<lang>/search/`, with locations relative to `<lang>/` and
  `config.lang` set to that language only (no `lunr.multi`, no stemmer
  downloads). Pages of that language point Material's `__config.base` at
  `<lang>/` (`point_config_at_language`); Material resolves both the index URL
  and the result links against that base, served and from `file://` alike.
* Synonyms. Each language's `config.stcb_synonyms` lists the words readers type for
  the handbook's terms ("họp" for "sinh hoạt"), from data/search-synonyms.yml, as
  [folded, lowercase word(s), replacement] pairs; the worker runs the query with the
  replacement too (`synonymQueries`).
* "Bổ sung" / "Added" boxes are left out of the index (overrides/hooks/search_fold.py
  marks them data-search-exclude), so result snippets show the handbook's own text.
* Lazy loading. `search_index.json`, which Material fetches on every page load,
  becomes a stub (config only); the documents go to `search_index.full.json`,
  which our worker (scripts/handbook/search_worker.js) fetches on the first
  query. When Material's `offline` plugin is on, `search_index.js` (what
  Material loads under `file://`, only when search is opened) keeps the full
  index.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path

from scripts.handbook.slug import fold

# Extra fields and the field whose boost they copy.
FOLDED_FIELDS = {"title_folded": "title", "text_folded": "text"}
PAIRS_FIELD = "pairs"
FULL_INDEX = "search_index.full.json"
# Where the worker (assets/javascripts/workers/) finds each language's full index.
WORKER_TO_ROOT = "../../../"
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&[#\w]+;")
_WORD = re.compile(r"\w+")
_CONFIG_BASE = re.compile(
    r'(<script id="__config" type="application/json">[^<]*?"base":\s*")([^"]*)(")')


def folded_words(html_text: str) -> str:
    """The folded form of every word with diacritics, in order: "Bí thư chi bộ" → "bi thu bo"."""
    text = _ENTITY.sub(" ", _TAG.sub(" ", html_text))
    out = []
    for word in _WORD.findall(text):
        plain = fold(word)
        if plain != word:
            out.append(plain.lower())
    return " ".join(out)


def word_pairs(*html_texts: str) -> str:
    """Adjacent folded word pairs: "Bí thư chi bộ" → "bi_thu thu_chi chi_bo"."""
    pairs = []
    for html_text in html_texts:
        for chunk in _TAG.split(html_text):
            words = [fold(word).lower() for word in _WORD.findall(_ENTITY.sub(" ", chunk))]
            pairs.extend(f"{a}_{b}" for a, b in zip(words, words[1:], strict=False))
    return " ".join(pairs)


def add_folded_fields(index: dict) -> dict:
    """Return a copy of a Material search index with the folded and pair fields added."""
    index = copy.deepcopy(index)
    fields = index["config"].setdefault("fields", {})
    for name, source in FOLDED_FIELDS.items():
        fields[name] = dict(fields.get(source) or {"boost": 1.0})
    fields[PAIRS_FIELD] = {"boost": 1.0}
    for doc in index["docs"]:
        extra = {name: folded_words(doc.get(source) or "")
                 for name, source in FOLDED_FIELDS.items()}
        for name, value in extra.items():
            if value:
                doc[name] = value
            else:
                doc.pop(name, None)
    return index


def split_by_language(index: dict, languages: list[str], default: str) -> dict[str, dict]:
    """One index per language. A document belongs to language L when its location
    starts with "L/"; everything else belongs to the default language. Locations
    become relative to the language's root."""
    others = [lang for lang in languages if lang != default]
    parts: dict[str, list] = {lang: [] for lang in [default, *others]}
    for doc in index["docs"]:
        location = doc["location"]
        lang = next((lang for lang in others
                     if location == lang or location.startswith(lang + "/")), default)
        if lang != default:
            doc = {**doc, "location": location[len(lang) + 1:]}
        parts[lang].append(doc)
    result = {}
    for lang, docs in parts.items():
        config = {**index["config"], "lang": [lang]}
        result[lang] = {**{k: v for k, v in index.items() if k not in ("config", "docs")},
                        "config": config, "docs": docs}
    return result


def language_base(base: str, lang: str) -> str:
    """Material's `__config.base` for a page of language *lang*: the language root.

    Material resolves the base with `new URL(base, location)` and then the index
    and result links against it, so it must end with "/"."""
    base = base.rstrip("/")
    return f"{base}/{lang}/" if base else f"/{lang}/"


def point_config_at_language(html: str, lang: str) -> str:
    """Rewrite the `base` in Material's `<script id="__config">` for language *lang*."""
    return _CONFIG_BASE.sub(
        lambda m: m.group(1) + language_base(m.group(2), lang) + m.group(3), html, count=1)


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_index(directory: Path, index: dict, worker_path: str, offline: bool) -> None:
    """Write the stub Material fetches, the full index our worker fetches, and
    (offline) the full index as the script Material loads under file://."""
    directory.mkdir(parents=True, exist_ok=True)
    full = _dumps(index)
    stub = {**index, "config": {**index["config"], "stcb_index": worker_path}, "docs": []}
    (directory / "search_index.json").write_text(_dumps(stub), encoding="utf-8")
    (directory / FULL_INDEX).write_text(full, encoding="utf-8")
    script = directory / "search_index.js"
    if offline:
        script.write_text(f"var __index = {full}", encoding="utf-8")
    elif script.exists():
        script.unlink()  # left over from an offline build into the same folder


SYNONYMS_FILE = "search-synonyms.yml"


def load_synonyms(data_dir: Path | None = None) -> dict[str, list[list[str]]]:
    """{lang: [[folded lowercase `say`, `means`], …]} from data/search-synonyms.yml."""
    import yaml

    from scripts.handbook.paths import DATA

    path = (data_dir or DATA) / SYNONYMS_FILE
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    result = {}
    for lang, entries in data.items():
        pairs = []
        for number, entry in enumerate(entries or [], 1):
            if not (isinstance(entry, dict) and isinstance(entry.get("say"), str)
                    and isinstance(entry.get("means"), str)):
                raise ValueError(f"data/{SYNONYMS_FILE}: entry {number} of {lang} needs "
                                 "say: and means: (both text)")
            say = " ".join(_WORD.findall(fold(entry["say"]).lower()))
            pairs.append([say, entry["means"]])
        result[lang] = pairs
    return result


def rewrite(site_dir: Path, languages: list[str], default: str, offline: bool) -> dict[str, int]:
    """Fold and split site_dir/search/search_index.json. Returns documents per language."""
    source = site_dir / "search" / "search_index.json"
    index = add_folded_fields(json.loads(source.read_text(encoding="utf-8")))
    synonyms = load_synonyms()
    counts = {}
    for lang, part in split_by_language(index, languages, default).items():
        if synonyms.get(lang):
            part["config"]["stcb_synonyms"] = synonyms[lang]
        prefix = "" if lang == default else f"{lang}/"
        worker_path = f"{WORKER_TO_ROOT}{prefix}search/{FULL_INDEX}"
        write_index(site_dir / prefix / "search", part, worker_path, offline)
        counts[lang] = len(part["docs"])
    return counts


# The search worker ------------------------------------------------------------
WORKER_TEMPLATE = Path(__file__).with_name("search_worker.js")
WORKERS = "assets/javascripts/workers"
_CONFIG_WORKER = re.compile(
    r'(<script id="__config" type="application/json">[^<]*?"search":\s*"[^"]*/)'
    r'(search\.[0-9a-f]+\.min\.js)(")')


def material_worker(theme_dirs: list[str]) -> str:
    """File name of Material's search worker ("search.a7633da7.min.js")."""
    for directory in theme_dirs:
        found = sorted(Path(directory, WORKERS).glob("search.*.min.js"))
        if found:
            return found[0].name
    raise FileNotFoundError(f"no {WORKERS}/search.*.min.js in the theme: is Material installed?")


def worker_script(material_name: str) -> tuple[str, str]:
    """(file name, source) of our worker, named by a hash of its content so that
    it can be cached like Material's own assets."""
    source = WORKER_TEMPLATE.read_text(encoding="utf-8").replace(
        "__MATERIAL_WORKER__", material_name)
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:8]
    return f"stcb-search.{digest}.js", source


def point_config_at_worker(html: str, worker_name: str) -> str:
    """Make Material start our worker instead of its own."""
    return _CONFIG_WORKER.sub(lambda m: m.group(1) + worker_name + m.group(3), html, count=1)
