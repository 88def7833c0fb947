"""overrides/hooks/external_links.py: links to other websites get rel="noopener noreferrer"."""

from __future__ import annotations

import importlib.util

import pytest

from scripts.handbook.paths import OVERRIDES

_spec = importlib.util.spec_from_file_location(
    "external_links", OVERRIDES / "hooks" / "external_links.py")
hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hook)
SITE = "https://so-tay.example.org/"


@pytest.mark.parametrize(("before", "after"), [
    ('<a href="https://example.net/x">x</a>',
     '<a href="https://example.net/x" rel="noopener noreferrer">x</a>'),
    ("<a href='//example.net/x' class=\"c\">x</a>",
     "<a href='//example.net/x' class=\"c\" rel=\"noopener noreferrer\">x</a>"),
    ('<a rel="nofollow" href="http://example.net/">x</a>',
     '<a rel="nofollow noopener noreferrer" href="http://example.net/">x</a>'),
    # Material's own links carry noopener: only noreferrer is added.
    ('<a href="https://example.net/" target="_blank" rel="noopener">x</a>',
     '<a href="https://example.net/" target="_blank" rel="noopener noreferrer">x</a>'),
    ('<a href="https://example.net/" rel="NoReferrer noopener">x</a>',
     '<a href="https://example.net/" rel="NoReferrer noopener">x</a>'),
    # The site's own address, relative links, fragments and mail stay as they are.
    ('<a href="https://so-tay.example.org/bat-dau/">x</a>',
     '<a href="https://so-tay.example.org/bat-dau/">x</a>'),
    ('<a href="../bat-dau/">x</a>', '<a href="../bat-dau/">x</a>'),
    ('<a href="#muc-dich">x</a>', '<a href="#muc-dich">x</a>'),
    ('<a href="mailto:x@example.org">x</a>', '<a href="mailto:x@example.org">x</a>'),
    # Text inside inline scripts is not HTML.
    ('<script>var a = \'<a href="https://example.net/">\';</script>',
     '<script>var a = \'<a href="https://example.net/">\';</script>'),
])
def test_add_noopener(before, after):
    assert hook.add_noopener(before, SITE) == after
