"""Every Jinja partial renders with autoescape on (issue 14, point 11): hostile
text in data/*.yml reaches the page as text, never as markup or script.

The markers hook renders partials in `escaping(theme env)`; here the same
environment renders every data-driven component from a copy of data/ whose
texts were replaced by an attack string."""

from __future__ import annotations

import shutil

import jinja2
import pytest
import yaml

from scripts.handbook import paths
from scripts.handbook.markers import escaping, expand

ATTACK = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
# Keys whose string values are prose shown on a page (ids, kinds and enums keep
# their values so that the data still validates).
PROSE = {"vi", "en", "title", "purpose", "text", "question", "explanation"}


def _poison(node):
    if isinstance(node, dict):
        return {key: (ATTACK + value if key in PROSE and isinstance(value, str)
                      else _poison(value)) for key, value in node.items()}
    if isinstance(node, list):
        return [_poison(item) for item in node]
    return node


@pytest.fixture
def hostile_data(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA, data)
    for name in ("glossary.yml", "checklists.yml", "source.yml"):
        path = data / name
        path.write_text(yaml.safe_dump(_poison(yaml.safe_load(path.read_text(encoding="utf-8"))),
                                       allow_unicode=True, sort_keys=False), encoding="utf-8")
    from scripts.handbook import data as data_module

    # The loaders take data_dir=DATA as a default bound at import: point them here.
    for name in dir(data_module):
        func = getattr(data_module, name)
        if name.startswith("load_") and getattr(func, "__defaults__", None):
            monkeypatch.setattr(func, "__defaults__", tuple(
                data if default == paths.DATA else default for default in func.__defaults__))
    monkeypatch.setattr(paths, "DATA", data)
    monkeypatch.setattr(data_module, "DATA", data)
    return data


def _render(markdown: str, lang: str) -> str:
    env = escaping(jinja2.Environment(loader=jinja2.FileSystemLoader(str(paths.OVERRIDES))))
    html, _ = expand(markdown, src_path="docs/x.md", lang=lang, env=env)
    return html


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("marker", [
    "<!-- stcb:checklist lap-ke-hoach -->",
    "<!-- stcb:checklist-index -->",
    "<!-- stcb:glossary terms -->",
    "<!-- stcb:source-text -->",
    "<!-- stcb:cite vt-1 -->",
])
def test_hostile_data_is_escaped(hostile_data, marker, lang):
    html = _render(f"{marker}\n", lang)
    assert ESCAPED in html, "the attack text should be on the page, as text"
    assert "<script>alert" not in html
    assert "<img src=x" not in html


def test_the_hook_renders_with_autoescape(monkeypatch):
    """The hook hands expand() the process-wide environment, and that escapes."""
    import importlib.util
    from types import SimpleNamespace

    from mkdocs.config import load_config

    spec = importlib.util.spec_from_file_location(
        "stcb_markers_hook", paths.OVERRIDES / "hooks" / "markers.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    seen = {}

    def fake_expand(markdown, *, env, **kwargs):
        seen["env"] = env
        return markdown, []

    monkeypatch.setattr(hook, "expand", fake_expand)
    config = load_config(str(paths.ROOT / "mkdocs.yml"))
    file = SimpleNamespace(locale="vi", src_uri="x.md", content_string="x\n")
    page = SimpleNamespace(file=file, markdown="x\n", meta={})
    hook.on_page_markdown("x\n", page, config, None)
    rendered = seen["env"].from_string("{{ text }}").render(text=ATTACK)
    assert "<script>" not in rendered and ESCAPED in rendered
